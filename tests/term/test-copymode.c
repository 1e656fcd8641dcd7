/* test-copymode.c: copy mode (session/copymode.h) over terms fed byte
 * strings: motions by name, wide and combining characters, wrapped lines,
 * selections and their text, search with wrap-around, counts and regular
 * expressions, the matches for highlighting, the view frozen against new
 * output, copy mode through a resize, the key tables, and random commands
 * on random content. */
#include "config.h"
#include "session/copymode.h"
#include "session/term.h"
#include "../tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void feed(struct term *t, const char *s) { term_feed(t, s, strlen(s)); }

static struct term *term_with(int rows, int cols, const char *bytes)
{
	struct term *t = term_new(rows, cols, NULL, NULL);
	feed(t, bytes);
	return t;
}

static int run(struct copymode *cm, const char *name) { return copymode_run(cm, name, NULL); }

/* Run the commands named in a space-separated list. */
static void run_all(struct copymode *cm, const char *names)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", names);
	for (char *s = strtok(buf, " "); s != NULL; s = strtok(NULL, " "))
		run(cm, s);
}

#define at_is(cm, row, col, ...) do { int r_, c_; copymode_cursor((cm), &r_, &c_); \
	if (!ok(r_ == (row) && c_ == (col), __VA_ARGS__)) \
		printf("#   cursor at %d,%d, want %d,%d\n", r_, c_, (row), (col)); } while (0)

/* Put the cursor on row, col by motions from the top. */
static void put(struct copymode *cm, int row, int col)
{
	run(cm, "history-top");
	int r, c;
	for (copymode_cursor(cm, &r, &c); r < row; copymode_cursor(cm, &r, &c))
		run(cm, "cursor-down");
	run(cm, "start-of-line");
	for (copymode_cursor(cm, &r, &c); r < row; copymode_cursor(cm, &r, &c))
		run(cm, "cursor-down");
	for (copymode_cursor(cm, &r, &c); c < col && r == row; copymode_cursor(cm, &r, &c))
		run(cm, "cursor-right");
}

static char *copy_now(struct copymode *cm)
{
	run(cm, "copy-selection");
	return copymode_take_copy(cm);
}

#define copy_is(cm, want, ...) do { char *s_ = copy_now(cm); is_str(s_, (want), __VA_ARGS__); \
	free(s_); } while (0)

/* Select from r0,c0 to r1,c1 (character mode) and check the copy. */
#define select_is(cm, r0, c0, r1, c1, want, ...) do { put((cm), (r0), (c0)); \
	run((cm), "begin-selection"); put((cm), (r1), (c1)); copy_is((cm), (want), __VA_ARGS__); } while (0)

/* Commands to run (space-separated) and where the cursor must be after. */
struct step {
	const char *cmds;
	int row, col;
	const char *what;
};

static void walk(struct copymode *cm, const struct step *steps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		run_all(cm, steps[i].cmds);
		at_is(cm, steps[i].row, steps[i].col, "%s: %s", steps[i].cmds, steps[i].what);
	}
}

static void test_words(void)
{
	struct term *t = term_with(5, 20, "foo.bar  baz_qux\r\n  hello, world");
	struct copymode *cm = copymode_new(t);
	at_is(cm, 1, 14, "copy mode starts on the term's cursor");
	is_int(copymode_first_row(cm), 0, "no scrollback: row 0 is the first");
	static const struct step steps[] = {
		{ "history-top", 0, 0, "history-top: first row, column 0" },
		{ "next-word", 0, 3, "w stops at the punctuation after a word" },
		{ "next-word", 0, 4, "w from punctuation to the next word" },
		{ "next-word", 0, 9, "w over blanks, '_' is part of a word" },
		{ "next-word", 1, 2, "w over the end of the row and the indentation" },
		{ "next-word", 1, 7, "w to the comma" },
		{ "next-word", 1, 9, "w past comma and blank" },
		{ "previous-word", 1, 7, "b back to the comma" },
		{ "previous-word", 1, 2, "b to the start of hello" },
		{ "previous-word", 0, 9, "b back over the row end to baz_qux" },
		{ "previous-word previous-word", 0, 3, "b twice: the full stop" },
		{ "start-of-line next-word-end", 0, 2, "e: the end of foo" },
		{ "next-word-end", 0, 3, "e: the punctuation is a word of its own" },
		{ "next-word-end", 0, 6, "e: the end of bar" },
		{ "next-word-end", 0, 15, "e: the end of baz_qux" },
		{ "next-word-end", 1, 6, "e: over the row end to the end of hello" },
		{ "end-of-line", 1, 14, "$: after the last character" },
		{ "cursor-up", 0, 16, "up from $ stays at the end of the row" },
		{ "back-to-indentation", 0, 0, "^ on an unindented row: column 0" },
		{ "cursor-down back-to-indentation", 1, 2, "^: the first non-blank" },
		{ "start-of-line", 1, 0, "0: column 0" },
		{ "cursor-left", 0, 16, "left from column 0 goes to the end of the row above" },
		{ "cursor-right", 1, 0, "right at the end of a row goes to the next row" },
	};
	walk(cm, steps, sizeof steps / sizeof steps[0]);
	run(cm, "history-bottom");
	at_is(cm, 4, 0, "G: the last row (blank), at its end");
	run(cm, "next-word");
	at_is(cm, 4, 0, "w with nothing after stays");
	is_int(run(cm, "no-such-command"), COPYMODE_UNKNOWN, "an unknown command is refused");
	is_int(run(cm, "goto-line"), COPYMODE_BADARG, "goto-line needs its argument");
	is_int(run(cm, "cancel"), COPYMODE_EXIT, "cancel leaves copy mode");
	copymode_free(cm);
	term_free(t);
}

static void test_wide(void)
{
	struct term *t = term_with(5, 20, "ab\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" "cd\r\n0123456789");
	struct copymode *cm = copymode_new(t);
	static const struct step right[] = {
		{ "cursor-right", 0, 2, "onto the first wide character" },
		{ "cursor-right", 0, 4, "the right half is skipped" },
		{ "cursor-right cursor-right", 0, 8, "over the third wide character to c" },
		{ "cursor-left", 0, 6, "left lands on the left half" },
	}, updown[] = {
		{ "cursor-up", 0, 4, "onto a right half: its left half" },
		{ "cursor-down", 1, 5, "down again aims for the column it came from" },
	};
	put(cm, 0, 1);
	at_is(cm, 0, 1, "on b");
	walk(cm, right, sizeof right / sizeof right[0]);
	put(cm, 1, 5);
	at_is(cm, 1, 5, "on 5 below");
	walk(cm, updown, sizeof updown / sizeof updown[0]);
	put(cm, 0, 0);
	run(cm, "next-word-end");
	at_is(cm, 0, 9, "CJK characters are word characters");
	put(cm, 0, 2);
	run(cm, "begin-selection");
	run_all(cm, "cursor-right cursor-right");
	at_is(cm, 0, 6, "the selection ends on a wide character");
	ok(copymode_selected(cm, 0, 7), "its right half is selected");
	ok(!copymode_selected(cm, 0, 1) && !copymode_selected(cm, 0, 8), "b and c are not");
	copy_is(cm, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "the copy has each wide character once");
	is_int(copymode_selection_mode(cm), COPYMODE_SEL_NONE, "copy-selection clears the selection");
	copymode_free(cm);
	term_free(t);

	/* e + combining acute, t, precomposed e-acute, blank, x */
	t = term_with(3, 10, "e\xcc\x81t\xc3\xa9 x");
	cm = copymode_new(t);
	put(cm, 0, 0);
	run(cm, "cursor-right");
	at_is(cm, 0, 1, "a base and its combining mark are one cell");
	run(cm, "start-of-line");
	run(cm, "next-word");
	at_is(cm, 0, 4, "accented letters are word characters");
	run(cm, "select-line");
	copy_is(cm, "e\xcc\x81t\xc3\xa9 x\n", "a line copy keeps the combining mark");
	is_int(copymode_search(cm, "t\xc3\xa9", 0), COPYMODE_OK, "search UTF-8 text");
	at_is(cm, 0, 1, "found after the combining mark");
	copymode_free(cm);
	term_free(t);
}

static void test_wrapped(void)
{
	struct term *t = term_with(5, 10, "0123456789abcdef\r\nhello wor wide\r\n");
	struct copymode *cm = copymode_new(t);
	ok(copymode_row_wrapped(cm, 0) && !copymode_row_wrapped(cm, 1), "row 0 wraps onto row 1");
	put(cm, 1, 3);
	run(cm, "start-of-line");
	at_is(cm, 0, 0, "0 on a wrapped line: the start of its first row");
	run_all(cm, "cursor-right cursor-right end-of-line");
	at_is(cm, 1, 6, "$ on a wrapped line: the end of its last row");
	run(cm, "select-line");
	copy_is(cm, "0123456789abcdef\n", "a line selection joins the wrapped rows");
	select_is(cm, 0, 5, 1, 2, "56789abc", "a character selection over the wrap has no newline");
	select_is(cm, 0, 5, 3, 1, "56789abcdef\nhello wor wi", "trailing blanks are trimmed; the blank before the wrap is kept");
	put(cm, 0, 9);
	run(cm, "next-word-end");
	at_is(cm, 1, 5, "a word broken by the wrap goes on in the next row");

	is_int(copymode_search(cm, "89ab", 0), COPYMODE_OK, "a match across the wrap is found");
	at_is(cm, 0, 8, "the cursor on its first cell");
	struct copymode_span sp[8];
	int n = copymode_matches(cm, 0, 5, sp, 8);
	is_int(n, 2, "it gives one span on each row");
	ok(n == 2 && sp[0].row == 0 && sp[0].col == 8 && sp[0].end == 10 && sp[0].current,
	    "first span: row 0 columns 8-9, the current match");
	ok(n == 2 && sp[1].row == 1 && sp[1].col == 0 && sp[1].end == 2, "second span: row 1 columns 0-1");
	is_int(copymode_matches(cm, 1, 1, sp, 8), 1, "asking for row 1 alone still finds the match begun above");
	is_int(copymode_search(cm, "r w", 0), COPYMODE_OK, "the blank before a wrap is text");
	at_is(cm, 2, 8, "found on row 2");
	copymode_free(cm);
	term_free(t);
}

/* A wide character that does not fit at the end of a row wraps whole and
 * leaves a blank cell behind: not text. */
static void test_wide_wrap(void)
{
	struct term *t = term_with(3, 5, "abcd\xe6\x97\xa5x\r\n");
	struct copymode *cm = copymode_new(t);
	ok(copymode_row_wrapped(cm, 0), "the row before the wide character wraps");
	select_is(cm, 0, 1, 1, 2, "bcd\xe6\x97\xa5x", "the blank left at the end is not copied");
	run(cm, "select-line");
	copy_is(cm, "abcd\xe6\x97\xa5x\n", "nor in a line selection");
	put(cm, 0, 0);
	is_int(copymode_search(cm, "d\xe6\x97\xa5", 0), COPYMODE_OK, "a search across it");
	at_is(cm, 0, 3, "finds the text as printed");
	struct copymode_span sp[4];
	int n = copymode_matches(cm, 0, 3, sp, 4);
	ok(n == 2 && sp[1].row == 1 && sp[1].col == 0 && sp[1].end == 2, "the match covers both halves on row 1");
	copymode_free(cm);
	term_free(t);
}

/* A 24x80 term with 10000 lines of history. */
static void test_big(void)
{
	struct term *t = term_new(24, 80, NULL, NULL);
	char line[128];
	for (int i = 0; i < 12000; i++) {
		int n = snprintf(line, sizeof line, "%s%05d %s", i ? "\r\n" : "", i,
		    i == 5000 ? "the unique marker, then a long tail that runs past the edge of the screen for sure" : "x");
		term_feed(t, line, (size_t)n);
	}
	struct copymode *cm = copymode_new(t);
	is_int(copymode_first_row(cm), -TERM_SCROLLBACK_DEFAULT, "a full scrollback");
	is_int(copymode_search(cm, "unique marker", COPYMODE_SEARCH_BACKWARD), COPYMODE_OK, "search 10000 lines back");
	int row, col;
	copymode_cursor(cm, &row, &col);
	char *s = copymode_row_text(cm, row);
	ok(s != NULL && strncmp(s, "05000 the unique", 16) == 0, "on the line with the marker");
	free(s);
	is_int(col, 10, "at the marker");
	ok(copymode_row_wrapped(cm, row), "which wraps");
	is_int(copymode_run(cm, "search-forward", "screen f"), COPYMODE_OK, "a regex across its wrap");
	copymode_cursor(cm, &row, &col);
	is_int(col, 73, "found near the end of the row");
	run(cm, "end-of-line");
	int r2, c2;
	copymode_cursor(cm, &r2, &c2);
	ok(r2 == row + 1 && c2 == 8, "$ to the end of the tail on the next row");
	run(cm, "select-line");
	s = copy_now(cm);
	ok(s != NULL && strlen(s) == 89 && s[88] == '\n', "the whole wrapped line copied, one newline");
	free(s);
	is_int(copymode_search(cm, "0", 0), COPYMODE_OK, "a common pattern");
	struct copymode_search_info info;
	copymode_search_info(cm, &info);
	ok(info.count > 10000, "counted everywhere (%d)", info.count);
	run(cm, "history-top");
	at_is(cm, -TERM_SCROLLBACK_DEFAULT, 0, "history-top on the oldest line");
	s = copymode_row_text(cm, -TERM_SCROLLBACK_DEFAULT);
	is_str(s, "01977 x", "the oldest line kept (the marker took two rows)");
	free(s);
	copymode_free(cm);
	term_free(t);
}

static void test_rect(void)
{
	struct term *t = term_with(5, 20, "abcdef\r\nghijkl\r\nmn\r\nstuvwx");
	struct copymode *cm = copymode_new(t);
	put(cm, 0, 1);
	run_all(cm, "begin-selection rectangle-toggle");
	is_int(copymode_selection_mode(cm), COPYMODE_SEL_RECT, "rectangle-toggle makes it a rectangle");
	put(cm, 3, 3);
	ok(copymode_selected(cm, 1, 2) && !copymode_selected(cm, 1, 0) && !copymode_selected(cm, 1, 4),
	    "the rectangle covers columns 1-3 only");
	copy_is(cm, "bcd\nhij\nn\ntuv", "a rectangle: columns 1-3 of each row, short rows trimmed");
	put(cm, 0, 2);
	run_all(cm, "begin-selection rectangle-on cursor-down end-of-line");
	at_is(cm, 1, 19, "$ in a rectangle: the last column");
	copy_is(cm, "cdef\nijkl", "the rectangle to the right edge");
	run(cm, "rectangle-off");
	put(cm, 3, 3);
	run_all(cm, "begin-selection rectangle-off");
	put(cm, 1, 1);
	is_int(copymode_selection_mode(cm), COPYMODE_SEL_CHAR, "rectangle-off: characters");
	copy_is(cm, "hijkl\nmn\nstuv", "selected backwards it reads forwards");
	run_all(cm, "begin-selection cursor-right other-end");
	at_is(cm, 1, 1, "other-end swaps the cursor and the anchor");
	is_int(run(cm, "copy-selection-and-cancel"), COPYMODE_EXIT, "copy-selection-and-cancel leaves");
	char *s = copymode_take_copy(cm);
	is_str(s, "hi", "and copied");
	free(s);
	ok(copymode_take_copy(cm) == NULL, "a copy is taken once");
	ok(copymode_selection_text(cm) == NULL, "no selection, no text");
	copymode_free(cm);
	term_free(t);
}

/* 30 lines in a 5x30 term: 26 in the scrollback. */
static struct term *history_term(void)
{
	struct term *t = term_new(5, 30, NULL, NULL);
	char line[64];
	for (int i = 0; i < 30; i++) {
		snprintf(line, sizeof line, "%sline %d%s", i ? "\r\n" : "", i,
		    i % 7 == 3 ? " needle" : i % 10 == 5 ? " neeedle 55" : "");
		feed(t, line);
	}
	return t;
}

static void test_search(void)
{
	struct term *t = history_term();
	struct copymode *cm = copymode_new(t);
	int first = copymode_first_row(cm);
	is_int(first, -term_scrollback_lines(t), "the first row is the oldest scrollback line");
	is_int(first, -25, "25 lines went to the scrollback");
	at_is(cm, 4, 7, "on the cursor, the last row");
	/* needle on lines 3 10 17 24 (rows -22 -15 -8 -1). */
	struct copymode_search_info info;
	is_int(copymode_search(cm, "needle", COPYMODE_SEARCH_BACKWARD), COPYMODE_OK, "search up");
	at_is(cm, -1, 8, "the nearest match above");
	copymode_search_info(cm, &info);
	ok(info.count == 4 && info.index == 4 && !info.wrapped, "4 matches, this is the 4th, no wrap");
	run(cm, "search-again");
	at_is(cm, -8, 8, "n goes on upwards");
	run(cm, "search-reverse");
	at_is(cm, -1, 8, "N goes back down");
	run_all(cm, "search-again search-again search-again");
	at_is(cm, -22, 7, "up to the oldest");
	run(cm, "search-again");
	at_is(cm, -1, 8, "then wraps round to the newest");
	copymode_search_info(cm, &info);
	ok(info.wrapped && info.index == 4, "and says it wrapped");
	is_int(copymode_top(cm), -5, "the view follows the cursor");
	run(cm, "search-reverse");
	at_is(cm, -22, 7, "N from the newest wraps to the oldest");
	copymode_search_info(cm, &info);
	ok(info.wrapped && info.index == 1, "match 1, wrapped");
	is_int(copymode_run(cm, "search-forward-text", "needle"), COPYMODE_OK, "search down by command");
	at_is(cm, -15, 8, "the next one below");
	is_int(copymode_search(cm, "Needle", 0), COPYMODE_NOTFOUND, "case-sensitive by default");
	copymode_search_info(cm, &info);
	is_int(info.count, 0, "no match counted");
	copymode_set_smartcase(cm, 1);
	is_int(copymode_search(cm, "Needle", 0), COPYMODE_NOTFOUND, "smart case: an upper-case letter is exact");
	is_int(copymode_search(cm, "NEEDLE", 0), COPYMODE_NOTFOUND, "still exact");
	is_int(copymode_search(cm, "line 1", 0), COPYMODE_OK, "lower case");
	copymode_set_smartcase(cm, 0);

	/* neeedle 55 on lines 5 15 25 (rows -20 -10 0) */
	is_int(copymode_run(cm, "search-forward", "ne+dle"), COPYMODE_OK, "regex search");
	copymode_search_info(cm, &info);
	is_int(info.count, 7, "the regex matches needle and neeedle lines");
	is_int(copymode_run(cm, "search-forward", "ne+dle [0-9]+$"), COPYMODE_OK, "regex search with an anchor");
	copymode_search_info(cm, &info);
	is_int(info.count, 3, "only the lines ending in a number");
	is_int(copymode_run(cm, "search-forward", "e{3}"), COPYMODE_OK, "an interval");
	copymode_search_info(cm, &info);
	is_int(info.count, 3, "only the neeedle lines");
	is_int(copymode_run(cm, "search-forward", "^line 2"), COPYMODE_OK, "an anchor");
	copymode_search_info(cm, &info);
	is_int(info.count, 11, "lines 2 and 20-29");
	is_int(copymode_run(cm, "search-forward", "(["), COPYMODE_BADARG, "a bad regex is refused");
	is_int(run(cm, "search-again"), COPYMODE_NOTFOUND, "and leaves no pattern");
	is_int(copymode_run(cm, "search-forward-text", "(["), COPYMODE_NOTFOUND, "plain text has no syntax");
	is_int(copymode_run(cm, "search-forward", "x*"), COPYMODE_NOTFOUND, "empty matches are not matches");

	is_int(copymode_search(cm, "line", 0), COPYMODE_OK, "search a word on every row");
	copymode_search_info(cm, &info);
	is_int(info.count, 30, "30 matches");
	struct copymode_span sp[3];
	is_int(copymode_matches(cm, copymode_top(cm), 5, sp, 3), 5, "5 on the view, 3 given");
	ok(sp[0].row == copymode_top(cm) && sp[0].col == 0 && sp[0].end == 4, "each covers the word");
	copymode_free(cm);
	term_free(t);
}

static void test_view(void)
{
	struct term *t = history_term();
	struct copymode *cm = copymode_new(t);
	is_int(copymode_run(cm, "goto-line", "3"), COPYMODE_OK, "goto-line 3");
	is_int(copymode_top(cm), -3, "the view 3 lines back");
	at_is(cm, 1, 7, "the cursor on the same view row");
	copymode_run(cm, "goto-line", "1000");
	is_int(copymode_top(cm), -25, "past the oldest: the oldest");
	copymode_run(cm, "goto-line", "0");
	is_int(copymode_top(cm), 0, "0: the screen");
	is_int(copymode_run(cm, "goto-line", "x"), COPYMODE_BADARG, "not a number");
	is_int(copymode_run(cm, "goto-line", "-2"), COPYMODE_BADARG, "not negative");

	run(cm, "top-line");
	at_is(cm, 0, 0, "H: the top of the view");
	run(cm, "middle-line");
	at_is(cm, 2, 0, "M: its middle");
	run(cm, "bottom-line");
	at_is(cm, 4, 0, "L: its bottom");
	run(cm, "page-up");
	ok(copymode_top(cm) == -3, "page-up: 3 rows (the height less 2)");
	at_is(cm, 1, 0, "the cursor on the same view row");
	run(cm, "halfpage-up");
	is_int(copymode_top(cm), -5, "halfpage-up: 2 rows");
	run_all(cm, "page-up page-up page-up page-up page-up page-up page-up page-up page-up");
	is_int(copymode_top(cm), -25, "page-up stops at the oldest");
	at_is(cm, -25, 0, "the cursor too");
	run(cm, "page-down");
	is_int(copymode_top(cm), -22, "page-down");
	run(cm, "halfpage-down");
	is_int(copymode_top(cm), -20, "halfpage-down");
	run(cm, "scroll-down");
	is_int(copymode_top(cm), -19, "scroll-down: one row");
	at_is(cm, -19, 0, "the cursor kept in view");
	run(cm, "scroll-up");
	is_int(copymode_top(cm), -20, "scroll-up");
	run(cm, "history-bottom");
	is_int(copymode_top(cm), 0, "G: the view on the screen");
	at_is(cm, 4, 7, "the end of the last row");
	run(cm, "history-top");
	is_int(copymode_top(cm), -25, "g: the view at the oldest");

	/* Output arriving now does not move anything. */
	copymode_run(cm, "goto-line", "2");
	put(cm, -1, 3);
	copymode_run(cm, "goto-line", "2");
	int top = copymode_top(cm), r0, c0;
	copymode_cursor(cm, &r0, &c0);
	char *before[5];
	for (int i = 0; i < 5; i++)
		before[i] = copymode_row_text(cm, top + i);
	for (int i = 0; i < 12; i++)
		feed(t, "\r\nmore output");
	feed(t, "\x1b[2J\x1b[Hcleared");
	is_int(copymode_top(cm), top, "new output keeps the view");
	at_is(cm, r0, c0, "and the cursor");
	for (int i = 0; i < 5; i++) {
		char *now = copymode_row_text(cm, top + i);
		is_str(now, before[i], "view row %d shows the same text", i);
		free(now);
		free(before[i]);
	}
	char *s = copymode_row_text(cm, 4);
	is_str(s, "line 29", "the screen rows are the ones at entry");
	free(s);
	struct term_cell c;
	copymode_view_cell(cm, 4, 0, &c);
	ok(c.ch[0] == 'l', "read through the view too");
	is_int(copymode_first_row(cm), -25, "the oldest row is still there");
	term_scroll_view(t, copymode_term_offset(cm) - term_view_offset(t));
	s = term_view_row_text(t, 0);
	char *top_text = copymode_row_text(cm, top);
	ok(copymode_term_offset(cm) == 14 && s && top_text && strcmp(s, top_text) == 0,
	    "copymode_term_offset() puts the same row on top of the term's view (%s)", s ? s : "");
	free(s);
	free(top_text);
	is_int(copymode_search(cm, "more output", 0), COPYMODE_NOTFOUND, "what came after is not in copy mode");
	is_int(copymode_search(cm, "line 0", 0), COPYMODE_OK, "the oldest line is still found");
	at_is(cm, -25, 0, "at the oldest row");

	/* The term drops scrollback lines: the first row moves, the cursor stays in range. */
	term_set_scrollback_limit(t, 20);
	run(cm, "cursor-up");
	ok(copymode_first_row(cm) > -25, "a lower limit drops the oldest rows");
	int r, col;
	copymode_cursor(cm, &r, &col);
	ok(r >= copymode_first_row(cm) && copymode_top(cm) >= copymode_first_row(cm), "the cursor and view are clamped");
	s = copymode_row_text(cm, copymode_first_row(cm));
	ok(s != NULL, "the first row can be read");
	free(s);
	ok(copymode_row_text(cm, copymode_first_row(cm) - 1) == NULL, "the one before cannot");
	term_clear_scrollback(t);
	run(cm, "cursor-up");
	is_int(copymode_first_row(cm), 0, "clearing the scrollback leaves the screen rows");
	copymode_free(cm);
	term_free(t);

	/* Entered while the term's view was scrolled back. */
	t = history_term();
	term_scroll_view(t, 10);
	cm = copymode_new(t);
	is_int(copymode_top(cm), -10, "copy mode starts on the term's scroll view");
	at_is(cm, -6, 7, "the cursor on the same view row");
	copymode_free(cm);
	term_free(t);
}

static void test_keys(void)
{
	const struct copymode_key *k = copymode_key_lookup(COPYMODE_KEYS_VI, "j");
	is_str(k ? k->command : NULL, "cursor-down", "vi j");
	k = copymode_key_lookup(COPYMODE_KEYS_VI, "/");
	ok(k && strcmp(k->command, "search-forward-text") == 0 && k->prompt != NULL, "vi / prompts for a search");
	k = copymode_key_lookup(COPYMODE_KEYS_VI, "enter");
	is_str(k ? k->command : NULL, "copy-selection-and-cancel", "named keys in any case");
	ok(copymode_key_lookup(COPYMODE_KEYS_VI, "J") == NULL, "characters are exact: J is unbound");
	k = copymode_key_lookup(COPYMODE_KEYS_VI, "C-v");
	is_str(k ? k->command : NULL, "rectangle-toggle", "vi C-v");
	k = copymode_key_lookup(COPYMODE_KEYS_EMACS, "C-v");
	is_str(k ? k->command : NULL, "page-down", "emacs C-v");
	k = copymode_key_lookup(COPYMODE_KEYS_EMACS, "C-space");
	is_str(k ? k->command : NULL, "begin-selection", "emacs C-space");
	k = copymode_key_lookup(COPYMODE_KEYS_EMACS, "M-f");
	is_str(k ? k->command : NULL, "next-word-end", "emacs M-f");
	ok(copymode_key_lookup(COPYMODE_KEYS_EMACS, "C-V") == NULL, "C-V is not C-v");

	const char *vi[] = { "h", "j", "k", "l", "w", "b", "e", "0", "$", "^", "g", "G", "H", "M", "L",
		"C-f", "C-b", "C-d", "C-u", "/", "?", "n", "N", "v", "V", "C-v", "y", "Enter", "q" };
	const char *emacs[] = { "C-f", "C-b", "C-n", "C-p", "M-f", "M-b", "C-a", "C-e", "M-<", "M->",
		"C-v", "M-v", "C-s", "C-r", "C-Space", "M-w", "q" };
	int missing = 0;
	for (size_t i = 0; i < sizeof vi / sizeof vi[0]; i++)
		missing += copymode_key_lookup(COPYMODE_KEYS_VI, vi[i]) == NULL;
	for (size_t i = 0; i < sizeof emacs / sizeof emacs[0]; i++)
		missing += copymode_key_lookup(COPYMODE_KEYS_EMACS, emacs[i]) == NULL;
	is_int(missing, 0, "every listed key is bound");
	int bad = 0;
	for (int w = COPYMODE_KEYS_VI; w <= COPYMODE_KEYS_EMACS; w++) {
		int n;
		const struct copymode_key *tab = copymode_key_table((enum copymode_keys)w, &n);
		for (int i = 0; i < n; i++) {
			int arg = copymode_command_arg(tab[i].command);
			if (arg < 0 || arg != (tab[i].prompt != NULL)) {
				diag("%s: %s", tab[i].key, tab[i].command);
				bad++;
			}
		}
	}
	is_int(bad, 0, "every binding names a command, with a prompt exactly when it takes an argument");
}

/* Press the keys named in a space-separated list; the status of the last. */
static int press(struct copymode *cm, enum copymode_keys which, const char *keys)
{
	char buf[256];
	int st = COPYMODE_UNKNOWN;
	snprintf(buf, sizeof buf, "%s", keys);
	for (char *k = strtok(buf, " "); k != NULL; k = strtok(NULL, " ")) {
		const struct copymode_key *b = copymode_key_lookup(which, k);
		st = b ? copymode_run(cm, b->command, NULL) : COPYMODE_UNKNOWN;
	}
	return st;
}

static void test_by_keys(void)
{
	struct term *t = term_with(5, 30, "$ ls -l /tmp\r\ntotal 0\r\n  drwx 2 root file.txt\r\n$ ");
	struct copymode *cm = copymode_new(t);
	is_int(press(cm, COPYMODE_KEYS_VI, "k 0 w w w Space e y"), COPYMODE_EXIT, "vi: y copies and leaves");
	char *s = copymode_take_copy(cm);
	is_str(s, "root", "vi: k 0 w w w Space e y copies a word");
	free(s);
	press(cm, COPYMODE_KEYS_VI, "g V j Enter");
	s = copymode_take_copy(cm);
	is_str(s, "$ ls -l /tmp\ntotal 0\n", "vi: g V j Enter copies two lines");
	free(s);
	press(cm, COPYMODE_KEYS_VI, "g j j ^");
	at_is(cm, 2, 2, "vi ^ on an indented line");
	press(cm, COPYMODE_KEYS_VI, "$ Space b b b");
	s = copymode_selection_text(cm);
	is_str(s, "file.txt", "vi: b over punctuation, backwards selection");
	free(s);
	press(cm, COPYMODE_KEYS_VI, "Escape");
	is_int(copymode_selection_mode(cm), COPYMODE_SEL_NONE, "vi Escape clears the selection");
	is_int(press(cm, COPYMODE_KEYS_VI, "q"), COPYMODE_EXIT, "vi q leaves");
	copymode_free(cm);

	cm = copymode_new(t);
	press(cm, COPYMODE_KEYS_EMACS, "M-< C-n C-e M-b M-b C-Space M-f");
	s = copymode_selection_text(cm);
	is_str(s, "total", "emacs: M-b M-b C-Space M-f: the word");
	free(s);
	is_int(press(cm, COPYMODE_KEYS_EMACS, "M-w"), COPYMODE_EXIT, "emacs M-w copies and leaves");
	s = copymode_take_copy(cm);
	is_str(s, "total", "the copy");
	free(s);
	press(cm, COPYMODE_KEYS_EMACS, "M-> C-a C-p C-p C-f");
	at_is(cm, 2, 1, "emacs M-> C-a C-p C-p C-f");
	copymode_free(cm);
	term_free(t);
}

/* --- random commands on random content --- */

static unsigned long rng = 12345;
static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % n);
}

static const char *pieces[] = {
	"word ", "a.b,c ", "\xe6\x97\xa5\xe6\x9c\xac", "e\xcc\x81", "\r\n", "\n", "   ", "x", "__",
	"\x1b[2J", "\x1b[H", "\x1b[3;4H", "\t", "\x1b[K", "0123456789", "\xef\xbc\xa1", "(", "needle",
	"\x1b[?1049h", "\x1b[?1049l", "\x1b[2;3r", "\x1b[r", "\x1b[3J", "\x1b[5L", "\x1b[2M",
};

static void random_text(struct term *t, int n)
{
	for (int i = 0; i < n; i++)
		feed(t, pieces[rnd(sizeof pieces / sizeof pieces[0])]);
}

static int check_state(struct copymode *cm, int rows, int cols)
{
	int r, c;
	copymode_cursor(cm, &r, &c);
	int first = copymode_first_row(cm), top = copymode_top(cm);
	struct term_cell cell;
	copymode_cell(cm, r, c, &cell);
	return r >= first && r < rows && c >= 0 && c < cols && cell.width != 0 &&
	    top >= first && top <= 0 && r >= top && r < top + rows;
}

static void test_random(void)
{
	int bad = 0, runs = 0;
	const char *args[] = { "needle", "e+", "\xe6\x97\xa5", "[", "0", "7", "99999", "a.b", "" };
	for (int round = 0; round < 60; round++) {
		int rows = 1 + (int)rnd(8), cols = 2 + (int)rnd(14);
		struct term *t = term_new(rows, cols, NULL, NULL);
		term_set_scrollback_limit(t, (int)rnd(40));
		random_text(t, (int)rnd(80));
		struct copymode *cm = copymode_new(t);
		copymode_set_smartcase(cm, (int)rnd(2));
		if (!check_state(cm, rows, cols))
			bad++;
		int ncmd = 0;
		while (copymode_command_name(ncmd) != NULL)
			ncmd++;
		for (int i = 0; i < 300; i++) {
			const char *name = copymode_command_name((int)rnd((unsigned)ncmd));
			const char *arg = copymode_command_arg(name) ? args[rnd(sizeof args / sizeof args[0])] : NULL;
			copymode_run(cm, name, arg);
			runs++;
			if (rnd(20) == 0)
				random_text(t, 3);
			if (rnd(60) == 0)
				term_set_scrollback_limit(t, (int)rnd(40));
			if (rnd(200) == 0) /* the console should leave copy mode; reading stays safe */
				term_resize(t, 1 + (int)rnd(8), 2 + (int)rnd(14));
			if (!check_state(cm, rows, cols)) {
				int r, c;
				copymode_cursor(cm, &r, &c);
				diag("round %d after %s: cursor %d,%d top %d first %d", round, name, r, c,
				    copymode_top(cm), copymode_first_row(cm));
				bad++;
			}
			char *s = copymode_selection_text(cm);
			if ((s == NULL) != (copymode_selection_mode(cm) == COPYMODE_SEL_NONE))
				bad++;
			free(s);
			free(copymode_take_copy(cm));
			struct copymode_span sp[4];
			int n = copymode_matches(cm, copymode_top(cm), rows, sp, 4);
			for (int k = 0; k < n && k < 4; k++)
				if (sp[k].col < 0 || sp[k].end > cols || sp[k].col >= sp[k].end)
					bad++;
		}
		copymode_free(cm);
		term_free(t);
	}
	is_int(bad, 0, "%d random commands kept the cursor and view in range", runs);
}

/* The text of the row at the top of the view. */
static char *top_text(const struct copymode *cm) { return copymode_row_text(cm, copymode_top(cm)); }

/* The character under the cursor. */
static uint32_t cursor_char(const struct copymode *cm)
{
	int r, c;
	struct term_cell cell;
	copymode_cursor(cm, &r, &c);
	copymode_cell(cm, r, c, &cell);
	return cell.nch > 0 ? cell.ch[0] : 0;
}

/* Check the text of the row at the top of the view. */
#define top_is(cm, want, ...) do { char *t_ = top_text(cm); is_str(t_, (want), __VA_ARGS__); free(t_); } while (0)

static void resize(struct copymode *cm, struct term *t, int rows, int cols)
{
	copymode_resize_begin(cm);
	term_resize(t, rows, cols);
	copymode_resize_end(cm);
}

/* A term_resize() in copy mode: the view's top line and the cursor's
 * character are found again on the reflowed rows, and the search's
 * matches. */
static void test_resize(void)
{
	struct term *t = term_new(6, 20, NULL, NULL);
	char line[64];
	for (int i = 1; i <= 30; i++) {
		snprintf(line, sizeof line, "line %02d\r\n", i);
		feed(t, line);
	}
	/* 62 characters: 4 rows at 20 columns, 5 at 13, 3 at 30. */
	feed(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\r\n");
	for (int i = 31; i <= 40; i++) {
		snprintf(line, sizeof line, "line %02d\r\n", i);
		feed(t, line);
	}
	struct copymode *cm = copymode_new(t);
	is_int(copymode_search(cm, "line 2", COPYMODE_SEARCH_BACKWARD), COPYMODE_OK, "a search back");
	struct copymode_search_info si;
	copymode_search_info(cm, &si);
	is_int(si.count, 10, "ten matches");
	int idx = si.index;
	run(cm, "scroll-up");
	char *top0 = top_text(cm);
	is_str(top0, "line 28", "the view's top line");
	int r0, c0;
	copymode_cursor(cm, &r0, &c0);
	run(cm, "begin-selection");

	resize(cm, t, 8, 13);
	int rows, cols;
	copymode_size(cm, &rows, &cols);
	ok(rows == 8 && cols == 13, "the copy is of the new size (%dx%d)", rows, cols);
	top_is(cm, "line 28", "the same line at the top of the view after a narrower reflow");
	char *cur = NULL;
	int r1, c1;
	copymode_cursor(cm, &r1, &c1);
	cur = copymode_row_text(cm, r1);
	is_str(cur, "line 29", "the cursor on its line");
	is_int(c1, c0, "and its column");
	free(cur);
	copymode_search_info(cm, &si);
	ok(si.count == 10 && si.index == idx, "the matches found again, the current one the cursor's (%d of %d)",
	    si.index, si.count);
	struct copymode_span sp[4];
	ok(copymode_matches(cm, r1, 1, sp, 4) == 1 && sp[0].current && sp[0].col == 0 && sp[0].end == 6,
	    "and highlighted as the current one");
	is_int(copymode_selection_mode(cm), COPYMODE_SEL_NONE, "the selection is cleared");

	/* The cursor on 'k' of the long line, its fourth row at 13 columns. */
	copymode_run(cm, "search-backward-text", "k");
	is_int(cursor_char(cm), 'k', "the cursor on k");
	copymode_cursor(cm, &r1, &c1);
	is_int(c1, 36 - 2 * 13, "in the third row of the long line at 13 columns");
	resize(cm, t, 5, 30);
	is_int(cursor_char(cm), 'k', "wider: the cursor is still on k");
	copymode_cursor(cm, &r1, &c1);
	is_int(c1, 36 - 30, "in the second row of the line at 30 columns");
	top_is(cm, "line 28", "and the view's top line stays");
	resize(cm, t, 3, 7);
	is_int(cursor_char(cm), 'k', "much narrower and shorter: still on k");
	char *top4 = top_text(cm);
	ok(top4 && strstr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", top4),
	    "the view moved as little as it must to show it: the long line at the top (%s)", top4 ? top4 : "");
	free(top4);
	run_all(cm, "scroll-down scroll-down");
	top_is(cm, "jklmnop", "the view's top row halfway along the line");
	resize(cm, t, 4, 20);
	top_is(cm, "UVWXYZabcdefghijklmn", "wider: the row that holds the start of that text is at the top");

	/* Back to the first size, a line at the top of the view. */
	copymode_run(cm, "search-backward-text", "line 12");
	run_all(cm, "cursor-up scroll-down");
	top_is(cm, "line 12", "line 12 at the top of the view");
	resize(cm, t, 6, 20);
	top_is(cm, "line 12", "kept there through the resize");

	/* A resize that changes nothing moves nothing. */
	int tb = copymode_top(cm), rb, cb;
	copymode_cursor(cm, &rb, &cb);
	resize(cm, t, 6, 20);
	copymode_cursor(cm, &r1, &c1);
	ok(copymode_top(cm) == tb && r1 == rb && c1 == cb, "the same size: nothing moves");
	free(top0);
	copymode_free(cm);
	term_free(t);
}

int main(void)
{
	test_words();
	test_wide();
	test_wrapped();
	test_wide_wrap();
	test_big();
	test_rect();
	test_search();
	test_view();
	test_resize();
	test_keys();
	test_by_keys();
	test_random();
	return done_testing();
}
