/* test-term.c: the terminal model (session/term.c) and its scrollback ring
 * (session/scrollback.c) driven with byte strings: bytes in, cells, text,
 * title, cursor and the bytes sent back to the process out. */
#include "config.h"
#include "session/term.h"
#include "session/scrollback.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the callbacks saw. */
struct seen {
	struct buf out; /* bytes for the process */
	int bells;
	int titles;
	int damages;
	char last_title[256];
};

static void on_output(const char *bytes, size_t len, void *arg)
{
	struct seen *s = arg;
	buf_add(&s->out, bytes, len);
}

static void on_bell(void *arg) { ((struct seen *)arg)->bells++; }

static void on_title(const char *utf8, void *arg)
{
	struct seen *s = arg;
	s->titles++;
	snprintf(s->last_title, sizeof s->last_title, "%s", utf8);
}

static void on_damage(void *arg) { ((struct seen *)arg)->damages++; }

static const struct term_cb test_cb = {
	.output = on_output,
	.bell = on_bell,
	.title = on_title,
	.damage = on_damage,
};

static struct term *new_term(int rows, int cols, struct seen *s)
{
	memset(s, 0, sizeof *s);
	buf_init(&s->out);
	return term_new(rows, cols, &test_cb, s);
}

static void free_term(struct term *t, struct seen *s)
{
	term_free(t);
	buf_free(&s->out);
}

static void feed(struct term *t, const char *str) { term_feed(t, str, strlen(str)); }

/* Take what was sent to the process so far as a string. */
static char *take_out(struct seen *s)
{
	return buf_steal(&s->out, NULL);
}

#define row_is(t, row, want, ...) do { char *r_ = term_row_text((t), (row)); \
	is_str(r_, (want), __VA_ARGS__); free(r_); } while (0)
#define view_row_is(t, row, want, ...) do { char *r_ = term_view_row_text((t), (row)); \
	is_str(r_, (want), __VA_ARGS__); free(r_); } while (0)
#define out_is(s, want, ...) do { char *o_ = take_out(s); is_str(o_, (want), __VA_ARGS__); \
	free(o_); } while (0)

static struct term_cell cell_at(const struct term *t, int row, int col)
{
	struct term_cell c;
	term_cell(t, row, col, &c);
	return c;
}

static void test_text(void)
{
	struct seen s;
	struct term *t = new_term(5, 10, &s);
	int row, col, vis;

	feed(t, "hello");
	row_is(t, 0, "hello", "plain text lands on row 0");
	term_cursor(t, &row, &col, &vis, NULL);
	ok(row == 0 && col == 5 && vis, "cursor after the text, visible");
	struct term_cell c = cell_at(t, 0, 0);
	ok(c.nch == 1 && c.ch[0] == 'h' && c.width == 1 && c.attr == 0, "cell 0 is 'h' with no attributes");
	ok(c.fg.kind == TERM_COLOR_DEFAULT && c.bg.kind == TERM_COLOR_DEFAULT, "default colours");
	c = cell_at(t, 0, 7);
	ok(c.nch == 1 && c.ch[0] == ' ' && c.width == 1, "an empty cell reads as one space");

	feed(t, "\r\n0123456789abc");
	row_is(t, 1, "0123456789", "a long line fills the row");
	row_is(t, 2, "abc", "and wraps onto the next");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 2 && col == 3, "cursor after the wrapped text");

	feed(t, "\r\nx\ny");
	row_is(t, 3, "x", "CRLF starts a new line at column 0");
	row_is(t, 4, " y", "LF alone keeps the column");

	is_int(term_cell(t, 5, 0, &c), -1, "row past the screen is out of range");
	is_int(term_cell(t, 0, 10, &c), -1, "column past the screen is out of range");
	ok(term_row_text(t, 5) == NULL, "no text for a row past the screen");
	free_term(t, &s);
}

static void test_cursor_erase(void)
{
	struct seen s;
	struct term *t = new_term(5, 10, &s);
	int row, col;

	feed(t, "\x1b[3;5HX");
	struct term_cell c = cell_at(t, 2, 4);
	ok(c.ch[0] == 'X', "CUP 3;5 writes at row 2 col 4");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 2 && col == 5, "cursor moved after X");
	feed(t, "\x1b[H");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 0, "CUP with no arguments homes the cursor");
	feed(t, "\x1b[2B\x1b[3C");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 2 && col == 3, "CUD and CUF move relative");

	feed(t, "\x1b[1;1Habcdefghij\x1b[1;4H\x1b[K");
	row_is(t, 0, "abc", "EL 0 erases from the cursor to the end");
	feed(t, "\x1b[1;2H\x1b[1K");
	row_is(t, 0, "  c", "EL 1 erases from the start to the cursor");
	feed(t, "\x1b[2K");
	row_is(t, 0, "", "EL 2 erases the line");
	feed(t, "\x1b[2;1Hrow2\x1b[4;1Hrow4\x1b[2J");
	row_is(t, 1, "", "ED 2 clears row 2");
	row_is(t, 3, "", "ED 2 clears row 4");

	feed(t, "\x1b[?25l");
	int vis = -1, shape = 0;
	term_cursor(t, NULL, NULL, &vis, &shape);
	ok(vis == 0, "DECTCEM hides the cursor");
	ok(shape == TERM_CURSOR_BLOCK, "cursor starts as a block");
	feed(t, "\x1b[?25h\x1b[6 q");
	term_cursor(t, NULL, NULL, &vis, &shape);
	ok(vis == 1 && shape == TERM_CURSOR_BAR, "DECSCUSR 6 gives a visible bar");
	feed(t, "\x1b[4 q");
	term_cursor(t, NULL, NULL, NULL, &shape);
	ok(shape == TERM_CURSOR_UNDERLINE, "DECSCUSR 4 gives an underline cursor");
	free_term(t, &s);
}

static void test_attrs_colours(void)
{
	struct seen s;
	struct term *t = new_term(5, 40, &s);

	feed(t, "\x1b[1mB\x1b[22;4mU\x1b[24;7mR\x1b[27;3mI\x1b[23;9mS\x1b[29;5mK\x1b[0mN\x1b[4:3mC\x1b[21mD");
	ok(cell_at(t, 0, 0).attr == TERM_ATTR_BOLD, "SGR 1 bold");
	ok(cell_at(t, 0, 1).attr == TERM_ATTR_UNDERLINE, "SGR 4 underline (and 22 ends bold)");
	ok(cell_at(t, 0, 2).attr == TERM_ATTR_REVERSE, "SGR 7 reverse");
	ok(cell_at(t, 0, 3).attr == TERM_ATTR_ITALIC, "SGR 3 italic");
	ok(cell_at(t, 0, 4).attr == TERM_ATTR_STRIKE, "SGR 9 strike");
	ok(cell_at(t, 0, 5).attr == TERM_ATTR_BLINK, "SGR 5 blink");
	ok(cell_at(t, 0, 6).attr == 0, "SGR 0 resets");
	ok(cell_at(t, 0, 7).attr == (TERM_ATTR_UNDERLINE | TERM_ATTR_UNDERLINE_CURLY), "SGR 4:3 curly underline");
	ok(cell_at(t, 0, 8).attr == (TERM_ATTR_UNDERLINE | TERM_ATTR_UNDERLINE_DOUBLE), "SGR 21 double underline");

	feed(t, "\r\n\x1b[0;31;44ma\x1b[91;102mb\x1b[38;5;200;48;5;17mc\x1b[38;2;10;20;30;48;2;40;50;60md\x1b[39;49me");
	struct term_cell c = cell_at(t, 1, 0);
	ok(c.fg.kind == TERM_COLOR_INDEXED && c.fg.index == 1, "SGR 31: foreground palette 1");
	ok(c.bg.kind == TERM_COLOR_INDEXED && c.bg.index == 4, "SGR 44: background palette 4");
	c = cell_at(t, 1, 1);
	ok(c.fg.kind == TERM_COLOR_INDEXED && c.fg.index == 9, "SGR 91: bright red is palette 9");
	ok(c.bg.kind == TERM_COLOR_INDEXED && c.bg.index == 10, "SGR 102: bright green background is 10");
	c = cell_at(t, 1, 2);
	ok(c.fg.kind == TERM_COLOR_INDEXED && c.fg.index == 200, "SGR 38;5;200: 256-colour foreground");
	ok(c.bg.kind == TERM_COLOR_INDEXED && c.bg.index == 17, "SGR 48;5;17: 256-colour background");
	c = cell_at(t, 1, 3);
	ok(c.fg.kind == TERM_COLOR_RGB && c.fg.r == 10 && c.fg.g == 20 && c.fg.b == 30, "SGR 38;2: RGB foreground");
	ok(c.bg.kind == TERM_COLOR_RGB && c.bg.r == 40 && c.bg.g == 50 && c.bg.b == 60, "SGR 48;2: RGB background");
	c = cell_at(t, 1, 4);
	ok(c.fg.kind == TERM_COLOR_DEFAULT && c.bg.kind == TERM_COLOR_DEFAULT, "SGR 39;49: default colours again");
	free_term(t, &s);
}

static void test_unicode(void)
{
	struct seen s;
	struct term *t = new_term(3, 10, &s);
	int col;

	feed(t, "\xe6\xbc\xa2\xe5\xad\x97|");
	struct term_cell c = cell_at(t, 0, 0);
	ok(c.nch == 1 && c.ch[0] == 0x6f22 && c.width == 2, "漢 is one cell of width 2");
	c = cell_at(t, 0, 1);
	ok(c.nch == 0 && c.width == 0, "its right half has width 0");
	c = cell_at(t, 0, 2);
	ok(c.ch[0] == 0x5b57 && c.width == 2, "字 at column 2");
	ok(cell_at(t, 0, 3).width == 0, "right half at column 3");
	ok(cell_at(t, 0, 4).ch[0] == '|', "next character at column 4");
	term_cursor(t, NULL, &col, NULL, NULL);
	is_int(col, 5, "漢字| moves the cursor 5 columns");
	row_is(t, 0, "\xe6\xbc\xa2\xe5\xad\x97|", "row text is the UTF-8 back");

	feed(t, "\r\ne\xcc\x81x");
	c = cell_at(t, 1, 0);
	ok(c.nch == 2 && c.ch[0] == 'e' && c.ch[1] == 0x301 && c.width == 1, "e + U+0301 share one cell");
	ok(cell_at(t, 1, 1).ch[0] == 'x', "the next character is in column 1");
	row_is(t, 1, "e\xcc\x81x", "row text keeps the combining mark");

	feed(t, "\r\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	c = cell_at(t, 2, 0);
	ok(c.ch[0] == 0xe9, "2-byte UTF-8 decoded");
	ok(cell_at(t, 2, 1).ch[0] == 0x20ac, "3-byte UTF-8 decoded");
	c = cell_at(t, 2, 2);
	ok(c.ch[0] == 0x1f600 && c.width == 2, "4-byte UTF-8 emoji is wide");
	free_term(t, &s);
}

static void test_altscreen(void)
{
	struct seen s;
	struct term *t = new_term(5, 20, &s);
	int row, col;

	feed(t, "main line\r\nsecond");
	ok(!term_altscreen(t), "starts on the main screen");
	feed(t, "\x1b[?1049h");
	ok(term_altscreen(t), "1049h enters the alternate screen");
	row_is(t, 0, "", "alternate screen starts blank");
	feed(t, "\x1b[Hfull screen app");
	for (int i = 0; i < 10; i++)
		feed(t, "\r\nscrolling");
	is_int(term_scrollback_lines(t), 0, "alternate screen scrolling does not fill scrollback");
	feed(t, "\x1b[?1049l");
	ok(!term_altscreen(t), "1049l leaves it");
	row_is(t, 0, "main line", "main screen row 0 restored");
	row_is(t, 1, "second", "main screen row 1 restored");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 1 && col == 6, "cursor restored");
	free_term(t, &s);
}

static void test_title_bell(void)
{
	struct seen s;
	struct term *t = new_term(3, 10, &s);

	is_str(term_title(t), "", "no title at first");
	feed(t, "\x1b]0;first title\x07");
	is_str(term_title(t), "first title", "OSC 0 (BEL-terminated) sets the title");
	is_int(s.titles, 1, "title callback once");
	is_str(s.last_title, "first title", "title callback gets the text");
	feed(t, "\x1b]2;t\xc3\xaete\x1b\\");
	is_str(term_title(t), "t\xc3\xaete", "OSC 2 (ST-terminated) sets a UTF-8 title");
	is_int(s.titles, 2, "title callback again");
	feed(t, "\x1b]2;split");
	feed(t, " title\x07");
	is_str(term_title(t), "split title", "a title split over two feeds");

	ok(!term_take_bell(t), "no bell yet");
	feed(t, "a\x07\x07");
	ok(term_take_bell(t), "BEL sets the bell flag");
	ok(!term_take_bell(t), "taking it clears it");
	is_int(s.bells, 1, "bell callback once for one feed");
	row_is(t, 0, "a", "BEL prints nothing");
	free_term(t, &s);
}

static void test_replies_keys(void)
{
	struct seen s;
	struct term *t = new_term(10, 20, &s);

	feed(t, "\x1b[3;7H\x1b[6n");
	out_is(&s, "\x1b[3;7R", "DSR 6n replies with the cursor position");
	feed(t, "\x1b[5n");
	out_is(&s, "\x1b[0n", "DSR 5n replies OK");
	feed(t, "\x1b[c");
	char *o = take_out(&s);
	ok(strncmp(o, "\x1b[?", 3) == 0 && o[strlen(o) - 1] == 'c', "DA gets a device attributes reply");
	free(o);

	term_key(t, TERM_KEY_UP, 0);
	out_is(&s, "\x1b[A", "Up is ESC [ A");
	term_key(t, TERM_KEY_LEFT, TERM_MOD_CTRL);
	out_is(&s, "\x1b[1;5D", "Ctrl-Left carries the modifier");
	term_key(t, TERM_KEY_ENTER, 0);
	out_is(&s, "\r", "Enter is CR");
	term_key(t, TERM_KEY_TAB, 0);
	out_is(&s, "\t", "Tab is HT");
	term_key(t, TERM_KEY_BACKSPACE, 0);
	out_is(&s, "\x7f", "Backspace is DEL");
	term_key(t, TERM_KEY_ESCAPE, 0);
	out_is(&s, "\x1b", "Escape is ESC");
	term_key(t, TERM_KEY_F(1), 0);
	out_is(&s, "\x1bOP", "F1 is ESC O P");
	term_key(t, TERM_KEY_F(5), 0);
	out_is(&s, "\x1b[15~", "F5 is ESC [ 15 ~");
	term_key(t, TERM_KEY_PAGEUP, 0);
	out_is(&s, "\x1b[5~", "PageUp is ESC [ 5 ~");
	term_key(t, TERM_KEY_DEL, 0);
	out_is(&s, "\x1b[3~", "Delete is ESC [ 3 ~");
	term_key(t, TERM_KEY_NONE, 0);
	out_is(&s, "", "no key, no bytes");

	feed(t, "\x1b[?1h");
	term_key(t, TERM_KEY_UP, 0);
	out_is(&s, "\x1bOA", "application cursor mode: Up is ESC O A");
	feed(t, "\x1b[?1l");

	term_key_unichar(t, 0x03, 0);
	out_is(&s, "\x03", "Ctrl-C as the control code is 0x03");
	term_key_unichar(t, 'c', TERM_MOD_CTRL);
	out_is(&s, "\x03", "c with Ctrl is 0x03");
	term_key_unichar(t, 'C', TERM_MOD_CTRL);
	out_is(&s, "\x03", "C with Ctrl is 0x03 too");
	term_key_unichar(t, 'x', TERM_MOD_ALT);
	out_is(&s, "\x1bx", "Alt-x is ESC x");
	term_key_unichar(t, 'A', TERM_MOD_SHIFT);
	out_is(&s, "A", "Shift is already in the character");
	term_key_unichar(t, 0xe9, 0);
	out_is(&s, "\xc3\xa9", "a non-ASCII character is sent as UTF-8");

	term_input_raw(t, "raw\x1b", 4);
	out_is(&s, "raw\x1b", "raw input passes through");
	term_paste(t, "pasted", 6);
	out_is(&s, "pasted", "paste without bracketed paste mode");
	feed(t, "\x1b[?2004h");
	term_paste(t, "pasted", 6);
	out_is(&s, "\x1b[200~pasted\x1b[201~", "bracketed paste wraps the text");
	free_term(t, &s);
}

/* The screen, title and replies after feeding str in two pieces cut at
 * every offset (and byte by byte) match feeding it whole. */
static void test_split_feeds(void)
{
	static const char str[] = "\x1b]2;my title\x07\x1b[1;31mred\x1b[0m \xe6\xbc\xa2 e\xcc\x81"
	    "\x1b]0;second \xc3\xa9\x1b\\ok\x1b[2;1Hrow2\x1b[6n\x1bP$qm\x1b\\\x1b]2;last\x07!";
	size_t len = sizeof str - 1;
	struct seen s;
	struct term *whole = new_term(4, 20, &s);
	term_feed(whole, str, len);
	char *want_out = take_out(&s);
	char *want0 = term_row_text(whole, 0), *want1 = term_row_text(whole, 1);
	is_str(term_title(whole), "last", "whole feed: the last title wins");
	is_str(want0, "red \xe6\xbc\xa2 e\xcc\x81ok", "whole feed: row 0");
	is_str(want1, "row2!", "whole feed: row 1");
	ok(strncmp(want_out, "\x1b[2;5R", 6) == 0, "whole feed: DSR reply first");

	int good = 1;
	for (size_t k = 0; k <= len; k++) {
		struct seen s2;
		struct term *t = new_term(4, 20, &s2);
		term_feed(t, str, k);
		term_feed(t, str + k, len - k);
		char *out = take_out(&s2), *r0 = term_row_text(t, 0), *r1 = term_row_text(t, 1);
		if (strcmp(out, want_out) != 0 || strcmp(r0, want0) != 0 || strcmp(r1, want1) != 0 ||
		    strcmp(term_title(t), "last") != 0) {
			diag("cut at %zu: out \"%s\" row0 \"%s\" row1 \"%s\" title \"%s\"", k, out + 1, r0, r1, term_title(t));
			good = 0;
		}
		free(out);
		free(r0);
		free(r1);
		free_term(t, &s2);
	}
	ok(good, "two feeds cut at every offset give the same screen, title and replies");

	struct seen s3;
	struct term *t = new_term(4, 20, &s3);
	for (size_t k = 0; k < len; k++)
		term_feed(t, str + k, 1);
	char *out = take_out(&s3);
	row_is(t, 0, want0, "byte by byte: row 0");
	row_is(t, 1, want1, "byte by byte: row 1");
	is_str(out, want_out, "byte by byte: same replies");
	is_int(s3.titles, 3, "byte by byte: every title seen");
	free(out);
	free_term(t, &s3);
	free(want_out);
	free(want0);
	free(want1);
	free_term(whole, &s);

	/* A string too long to hold whole must not stall the output after it. */
	t = new_term(4, 20, &s);
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "\x1b]2;");
	for (int i = 0; i < 20000; i++)
		buf_add(&b, "x", 1);
	buf_adds(&b, "\x07\x1b[H\x1b[2Jafter");
	term_feed(t, buf_ptr(&b), 3000);
	term_feed(t, buf_ptr(&b) + 3000, buf_used(&b) - 3000);
	row_is(t, 0, "after", "text after an overlong OSC string shows");
	buf_free(&b);
	free_term(t, &s);

	/* One large write goes through in bounded pieces. */
	t = new_term(4, 20, &s);
	buf_init(&b);
	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "0123456789");
	buf_adds(&b, "\r\nend");
	term_feed(t, buf_ptr(&b), buf_used(&b));
	row_is(t, 3, "end", "a 1 MB write is drawn");
	buf_free(&b);
	free_term(t, &s);

	/* Wide characters across the internal chunk boundaries. */
	t = new_term(4, 20, &s);
	buf_init(&b);
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "\xe6\xbc\xa2");
	term_feed(t, buf_ptr(&b), buf_used(&b));
	good = 1;
	for (int row = 0; row < 4; row++) {
		for (int col = 0; col < 20; col += 2) {
			struct term_cell c = cell_at(t, row, col);
			if (row == 3 && col >= 16)
				continue; /* 5000 * 2 columns end part way along row 3 */
			if (c.ch[0] != 0x6f22 || c.width != 2)
				good = 0;
		}
	}
	ok(good, "no character lost where a large write is cut");
	buf_free(&b);
	free_term(t, &s);
}

static void feed_lines(struct term *t, int from, int to)
{
	char line[64];
	for (int i = from; i <= to; i++) {
		snprintf(line, sizeof line, "line %d\r\n", i);
		feed(t, line);
	}
}

static void test_scrollback(void)
{
	struct seen s;
	struct term *t = new_term(10, 20, &s);
	char want[64];

	is_int(term_scrollback_limit(t), TERM_SCROLLBACK_DEFAULT, "default limit");
	feed_lines(t, 1, 30);
	is_int(term_scrollback_lines(t), 21, "30 lines (and the empty last one) in 10 rows: 21 scrolled off");
	int good = 1;
	for (int i = 1; i <= 21; i++) {
		char *r = term_row_text(t, -22 + i);
		snprintf(want, sizeof want, "line %d", i);
		if (r == NULL || strcmp(r, want) != 0) {
			diag("scrollback row %d: got \"%s\", want \"%s\"", -22 + i, r ? r : "(null)", want);
			good = 0;
		}
		free(r);
	}
	ok(good, "scrollback holds line 1 .. line 21 in order");
	row_is(t, -1, "line 21", "row -1 is the newest scrollback line");
	row_is(t, -21, "line 1", "row -21 is the oldest");
	ok(term_row_text(t, -22) == NULL, "row -22 is out of range");
	row_is(t, 0, "line 22", "screen row 0 follows the scrollback");
	row_is(t, 8, "line 30", "screen row 8 is the last line");
	struct term_cell c;
	is_int(term_cell(t, -22, 0, &c), -1, "cell above the oldest line is out of range");
	is_int(term_cell(t, -1, 5, &c), 0, "a scrollback cell reads");
	ok(c.ch[0] == '2', "and holds the right character");

	/* Attributes, colours and wide characters survive the ring. */
	feed(t, "\x1b[1;31mred\x1b[0m \x1b[48;2;1;2;3m\xe6\xbc\xa2\x1b[0m e\xcc\x81\r\n");
	for (int i = 0; i < 9; i++)
		feed(t, "\r\n");
	row_is(t, -1, "red \xe6\xbc\xa2 e\xcc\x81", "styled line scrolled off with its text");
	c = cell_at(t, -1, 0);
	ok(c.attr == TERM_ATTR_BOLD && c.fg.kind == TERM_COLOR_INDEXED && c.fg.index == 1, "bold red kept");
	c = cell_at(t, -1, 3);
	ok(c.attr == 0 && c.fg.kind == TERM_COLOR_DEFAULT && c.ch[0] == ' ', "plain space kept");
	c = cell_at(t, -1, 4);
	ok(c.width == 2 && c.ch[0] == 0x6f22 && c.bg.kind == TERM_COLOR_RGB && c.bg.b == 3, "wide cell with RGB background kept");
	c = cell_at(t, -1, 5);
	ok(c.width == 0 && c.nch == 0, "right half kept");
	c = cell_at(t, -1, 7);
	ok(c.nch == 2 && c.ch[1] == 0x301, "combining mark kept");
	c = cell_at(t, -1, 19);
	ok(c.ch[0] == ' ' && c.width == 1 && c.bg.kind == TERM_COLOR_DEFAULT, "trimmed tail reads blank");

	term_set_scrollback_limit(t, 5);
	is_int(term_scrollback_lines(t), 5, "lowering the limit drops the oldest lines");
	row_is(t, -1, "red \xe6\xbc\xa2 e\xcc\x81", "the newest line is still there");
	term_set_scrollback_limit(t, 0);
	is_int(term_scrollback_lines(t), 0, "limit 0 keeps nothing");
	feed_lines(t, 1, 20);
	is_int(term_scrollback_lines(t), 0, "and stores nothing");

	term_set_scrollback_limit(t, 100);
	feed_lines(t, 1, 1000);
	is_int(term_scrollback_lines(t), 100, "limit 100 with 1000 lines pushed keeps 100");
	/* lines 1..991 have scrolled off (rows 0-8 show 992..1000): the
	 * ring keeps the newest 100, 892..991. */
	row_is(t, -1, "line 991", "the newest is line 991");
	row_is(t, -100, "line 892", "the oldest is line 892");
	free_term(t, &s);
}

static void test_ring(void)
{
	struct scrollback *sb = scrollback_new(100);
	struct term_cell cells[20];
	char text[32];

	for (int i = 0; i < 1000; i++) {
		int n = snprintf(text, sizeof text, "#%d", i);
		for (int k = 0; k < 20; k++) {
			memset(&cells[k], 0, sizeof cells[k]);
			cells[k].ch[0] = k < n ? (uint32_t)text[k] : ' ';
			cells[k].nch = 1;
			cells[k].width = 1;
		}
		scrollback_push(sb, cells, 20, 0);
	}
	is_int(scrollback_count(sb), 100, "ring of 100 after 1000 pushes holds 100");
	int good = 1;
	for (int n = 0; n < 100; n++) {
		struct term_cell got[20];
		scrollback_line_cells(sb, n, got, 20);
		char *s = term_cells_text(got, 20);
		snprintf(text, sizeof text, "#%d", 999 - n);
		if (strcmp(s, text) != 0) {
			diag("line %d: got \"%s\", want \"%s\"", n, s, text);
			good = 0;
		}
		free(s);
	}
	ok(good, "exactly the newest 100, newest first");
	is_int(scrollback_line_width(sb, 0), 4, "trailing blanks trimmed");
	is_int(scrollback_line_cells(sb, 100, cells, 20), -1, "index past the oldest is out of range");

	ok(scrollback_pop(sb, cells, 20, NULL) == 4, "pop the newest: it covers 4 columns");
	char *s = term_cells_text(cells, 20);
	is_str(s, "#999", "pop gives back the newest line");
	free(s);
	is_int(scrollback_count(sb), 99, "one fewer");

	scrollback_set_limit(sb, 1000);
	for (int i = 0; i < 500; i++)
		scrollback_push(sb, cells, 20, 0);
	is_int(scrollback_count(sb), 599, "raising the limit lets the ring grow");
	scrollback_clear(sb);
	is_int(scrollback_count(sb), 0, "clear empties it");
	ok(scrollback_pop(sb, cells, 20, NULL) == -1, "nothing to pop when empty");

	/* A wide character that does not fit the narrower width. */
	for (int k = 0; k < 20; k++) {
		memset(&cells[k], 0, sizeof cells[k]);
		cells[k].ch[0] = 'a' + k;
		cells[k].nch = 1;
		cells[k].width = 1;
	}
	cells[4].ch[0] = 0x6f22;
	cells[4].width = 2;
	cells[5].ch[0] = 0;
	cells[5].nch = 0;
	cells[5].width = 0;
	scrollback_push(sb, cells, 20, 0);
	struct term_cell got[5];
	is_int(scrollback_line_cells(sb, 0, got, 5), 20, "line covers 20 columns");
	ok(got[3].ch[0] == 'd' && got[4].ch[0] == ' ' && got[4].width == 1, "a wide character cut by the width reads blank");
	scrollback_free(sb);
}

static void test_resize(void)
{
	struct seen s;
	struct term *t = new_term(10, 20, &s);
	int rows, cols, row, col;

	for (int i = 1; i <= 10; i++) {
		char line[32];
		snprintf(line, sizeof line, "%sline %d", i > 1 ? "\r\n" : "", i);
		feed(t, line);
	}
	is_int(term_scrollback_lines(t), 0, "10 lines fill 10 rows without scrolling");
	term_resize(t, 5, 20);
	term_size(t, &rows, &cols);
	ok(rows == 5 && cols == 20, "term_size reports the new size");
	is_int(term_scrollback_lines(t), 5, "shrinking by 5 rows pushes 5 lines");
	row_is(t, -5, "line 1", "oldest pushed line");
	row_is(t, 0, "line 6", "screen row 0 after shrinking");
	row_is(t, 4, "line 10", "the cursor line stays on screen");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 4 && col == 7, "cursor moved up with its line");

	term_resize(t, 10, 20);
	is_int(term_scrollback_lines(t), 0, "growing back pops the lines");
	row_is(t, 0, "line 1", "row 0 is line 1 again");
	row_is(t, 9, "line 10", "row 9 is line 10 again");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 9 && col == 7, "cursor back on its line");

	term_resize(t, 10, 4);
	row_is(t, 0, "line", "narrower: the row is clipped");
	term_resize(t, 10, 30);
	term_size(t, &rows, &cols);
	ok(rows == 10 && cols == 30, "wider");
	feed(t, "\x1b[1;1H\x1b[2Kwide enough for thirty columns");
	row_is(t, 0, "wide enough for thirty columns", "the whole width is usable");
	/* Shrinking with the cursor at the top and text below it. */
	feed(t, "\x1b[2J\x1b[10;1Hbottom\x1b[1;1Htop");
	term_resize(t, 4, 30);
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 3, "the cursor stays on the screen when rows above it go");
	feed(t, "!");
	struct term_cell c0 = cell_at(t, 0, 3);
	ok(c0.ch[0] == '!', "and output lands where the cursor is");
	row_is(t, 3, "bottom", "the bottom line is kept");
	term_resize(t, 0, -3);
	term_size(t, &rows, &cols);
	ok(rows == 1 && cols == TERM_MIN_COLS, "sizes clamp to 1 row and TERM_MIN_COLS columns");
	feed(t, "zz\x1b[6n");
	out_is(&s, "\x1b[1;2R", "a 1x2 terminal still answers");
	feed(t, "\xe6\xbc\xa2\xe6\xbc\xa2");
	ok(1, "wide characters in the narrowest terminal do not crash it");
	free_term(t, &s);

	/* U+0080..U+009F as UTF-8 are not printable: they must not move the
	 * cursor left (libvterm 0.1.4 gives them width -1). */
	t = new_term(3, 10, &s);
	feed(t, "ab");
	for (int i = 0; i < 50; i++)
		feed(t, "\xc2\x80\xc2\x9f");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row >= 0 && col >= 2, "C1 characters never move the cursor left (row %d col %d)", row, col);
	free_term(t, &s);

	/* A styled line popped back onto the screen keeps its look. */
	t = new_term(2, 10, &s);
	feed(t, "\x1b[4;38;5;99mu\xe6\xbc\xa2\x1b[0m\r\nb\r\nc");
	is_int(term_scrollback_lines(t), 1, "one line pushed");
	term_resize(t, 3, 10);
	row_is(t, 0, "u\xe6\xbc\xa2", "popped line text on screen");
	struct term_cell c = cell_at(t, 0, 0);
	ok(c.attr == TERM_ATTR_UNDERLINE && c.fg.kind == TERM_COLOR_INDEXED && c.fg.index == 99, "popped line keeps attributes");
	c = cell_at(t, 0, 1);
	ok(c.width == 2 && c.ch[0] == 0x6f22 && cell_at(t, 0, 2).width == 0, "popped wide character intact");
	c = cell_at(t, 0, 5);
	ok(c.fg.kind == TERM_COLOR_DEFAULT && c.attr == 0, "popped blank tail is plain");
	free_term(t, &s);
}

static void test_view(void)
{
	struct seen s;
	struct term *t = new_term(10, 20, &s);

	feed_lines(t, 1, 30); /* scrollback: line 1..21; screen: line 22..30, blank */
	is_int(term_view_offset(t), 0, "view starts live");
	view_row_is(t, 0, "line 22", "live view row 0 is screen row 0");
	is_int(term_scroll_view(t, 5), 5, "scroll back 5");
	view_row_is(t, 0, "line 17", "view row 0 is 5 lines back");
	view_row_is(t, 4, "line 21", "view row 4 is the newest scrollback line");
	view_row_is(t, 5, "line 22", "view row 5 is screen row 0");
	struct term_cell c;
	is_int(term_view_cell(t, 0, 5, &c), 0, "view cell reads scrollback");
	ok(c.ch[0] == '1', "right character from scrollback");
	is_int(term_view_cell(t, 10, 0, &c), -1, "view row past the pane is out of range");

	term_take_damage(t);
	feed(t, "line 31\r\n");
	is_int(term_view_offset(t), 6, "new output while scrolled back keeps the view on the same lines");
	view_row_is(t, 0, "line 17", "same top line");
	ok(term_row_dirty(t, 0) && term_row_dirty(t, 9), "the whole view is redrawn");

	is_int(term_scroll_view(t, 1000), 22, "scrolling clamps at the oldest line");
	view_row_is(t, 0, "line 1", "top of history");
	is_int(term_scroll_view(t, -3), 19, "scroll forward");
	term_view_reset(t);
	is_int(term_view_offset(t), 0, "reset goes live");
	is_int(term_scroll_view(t, -5), 0, "cannot scroll past live");
	free_term(t, &s);
}

static void test_damage(void)
{
	struct seen s;
	struct term *t = new_term(10, 20, &s);

	ok(term_damaged(t), "a new terminal needs a full draw");
	ok(term_take_damage(t), "take reports it");
	ok(!term_damaged(t) && !term_row_dirty(t, 0), "and clears it");
	ok(!term_take_damage(t), "nothing more to take");
	s.damages = 0;
	feed(t, "\x1b[4;3Hx");
	ok(term_damaged(t), "output damages");
	ok(term_row_dirty(t, 3), "row 3 is dirty");
	ok(!term_row_dirty(t, 7), "row 7 is not");
	is_int(s.damages, 1, "damage callback once per feed");
	term_take_damage(t);
	feed(t, "\x1b[1;1H");
	ok(term_damaged(t) && term_row_dirty(t, 0) && term_row_dirty(t, 3), "a cursor move dirties its old and new rows");
	term_take_damage(t);
	feed(t, "\x1b[5;1Hab");
	term_take_damage(t);
	feed(t, "c");
	int others = 0;
	for (int r = 0; r < 10; r++)
		others += r != 4 && term_row_dirty(t, r);
	ok(term_row_dirty(t, 4) && others == 0, "an echoed character dirties its row only");
	term_take_damage(t);
	feed(t, "\x1b[3;6r\x1b[6;1H");
	term_take_damage(t);
	feed(t, "\n");
	others = 0;
	for (int r = 0; r < 10; r++)
		others += (r < 2 || r > 5) && term_row_dirty(t, r);
	ok(term_row_dirty(t, 2) && term_row_dirty(t, 5) && others == 0, "a scroll region dirties its own rows only");
	feed(t, "\x1b[r");
	term_take_damage(t);
	feed_lines(t, 1, 12);
	ok(term_row_dirty(t, 0) && term_row_dirty(t, 9), "scrolling dirties the moved rows");
	term_take_damage(t);
	term_scroll_view(t, 1);
	ok(term_damaged(t) && term_row_dirty(t, 5), "scrolling the view dirties it");
	term_take_damage(t);
	term_resize(t, 12, 20);
	ok(term_row_dirty(t, 11), "resize dirties every row");
	ok(!term_row_dirty(t, 12) && !term_row_dirty(t, -1), "rows outside the screen are never dirty");
	free_term(t, &s);
}

static void test_memory(void)
{
	struct seen s;
	struct term *t = new_term(10, 200, &s);
	struct buf b;
	buf_init(&b);

	/* 10,010 full lines of 200 columns, a few colour runs each, like
	 * coloured build or ls output. */
	for (int i = 0; i < 10010; i++) {
		buf_addf(&b, "\x1b[1;32m%06d\x1b[0m ", i);
		for (int k = 7; k < 190; k++)
			buf_add(&b, &"abcdefghijklmnopqrstuvwxyz"[(i + k) % 26], 1);
		buf_adds(&b, "\x1b[38;5;208m0123456789\x1b[0m\r\n");
	}
	term_feed(t, buf_ptr(&b), buf_used(&b));
	buf_free(&b);
	is_int(term_scrollback_lines(t), 10000, "10,000 lines of 200 columns in the ring");
	char *r = term_row_text(t, -10000);
	ok(r != NULL && strncmp(r, "000001 ", 7) == 0 && strlen(r) == 200, "the oldest is line 1, all 200 columns");
	free(r);
	struct term_cell c = cell_at(t, -10000, 195);
	ok(c.fg.kind == TERM_COLOR_INDEXED && c.fg.index == 208, "with its colours");
	size_t bytes = term_scrollback_bytes(t);
	diag("10,000 x 200 scrollback: %zu bytes (%.1f per line; 40-byte cells would be %zu)",
	    bytes, bytes / 10000.0, (size_t)10000 * 200 * 40);
	ok(bytes < (size_t)8 * 1024 * 1024, "10,000 x 200 scrollback uses under 8 MB");
	free_term(t, &s);

	/* The worst case: a new pen on every cell, trimmed to nothing. */
	struct scrollback *sb = scrollback_new(10000);
	struct term_cell cells[200];
	for (int i = 0; i < 10000; i++) {
		for (int k = 0; k < 200; k++) {
			memset(&cells[k], 0, sizeof cells[k]);
			cells[k].ch[0] = 'A' + (k + i) % 26;
			cells[k].nch = 1;
			cells[k].width = 1;
			cells[k].fg.kind = TERM_COLOR_INDEXED;
			cells[k].fg.index = (uint8_t)k;
		}
		scrollback_push(sb, cells, 200, 0);
	}
	bytes = scrollback_bytes(sb);
	diag("worst case (a pen per cell): %zu bytes", bytes);
	ok(bytes < (size_t)40 * 1024 * 1024, "even a pen per cell stays far under 80 MB");
	scrollback_free(sb);
}

/* A CSI with more parameters or longer numbers than libvterm 0.1.4 can
 * hold (it writes a 17th parameter past its array): the excess is dropped,
 * in one feed or byte by byte, and the terminal goes on working. */
static void test_hostile_csi(void)
{
	struct seen s;
	struct term *t = new_term(5, 40, &s);
	struct buf b;
	buf_init(&b);

	/* (an empty SGR parameter is 0, a reset: these repeat the 1) */
	buf_adds(&b, "\x1b[1");
	for (int i = 0; i < 14; i++)
		buf_adds(&b, ";1");
	buf_adds(&b, ";4mA\x1b[0m\x1b[1");
	for (int i = 0; i < 15; i++)
		buf_adds(&b, ";1");
	buf_adds(&b, ";4mB\x1b[0m");
	term_feed(t, buf_ptr(&b), buf_used(&b));
	ok(cell_at(t, 0, 0).attr == (TERM_ATTR_BOLD | TERM_ATTR_UNDERLINE), "an SGR of 16 parameters applies all of them");
	ok(cell_at(t, 0, 1).attr == TERM_ATTR_BOLD, "an SGR of 17: the 17th is dropped");

	/* 5000 separators, whole and then one byte a feed. */
	buf_reset(&b);
	buf_adds(&b, "\x1b[");
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, i % 2 ? ";" : ":7");
	buf_adds(&b, "mC\x1b[2;3HD");
	term_feed(t, buf_ptr(&b), buf_used(&b));
	ok(cell_at(t, 0, 2).ch[0] == 'C', "text after a CSI of 5000 parameters lands in place");
	ok(cell_at(t, 1, 2).ch[0] == 'D', "and the next CSI still moves the cursor");
	feed(t, "\x1b[H\x1b[2J");
	for (size_t i = 0; i < buf_used(&b); i++)
		term_feed(t, buf_ptr(&b) + i, 1);
	ok(cell_at(t, 0, 0).ch[0] == 'C' && cell_at(t, 1, 2).ch[0] == 'D', "the same, fed one byte at a time");

	/* Numbers past what a long holds. */
	feed(t, "\x1b[H\x1b[2J\x1b[99999999999999999999999999999999999999999CE");
	int row, col;
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 39 && cell_at(t, 0, 39).ch[0] == 'E', "a 41-digit cursor move stops at the margin");
	feed(t, "\x1b[H\x1b[3;00000000000000000000000000000000000000005HF");
	ok(cell_at(t, 2, 4).ch[0] == 'F', "leading zeros do not change a parameter");

	/* Separators outside a CSI are text, and a CSI ended by an ESC, CAN
	 * or an intermediate does not leak its count into the next one. */
	feed(t, "\x1b[H\x1b[2J\x1b[m;;;;;;;;;;;;;;;;;;;;");
	row_is(t, 0, ";;;;;;;;;;;;;;;;;;;;", "separators after a CSI's final byte are text");
	feed(t, "\r\n\x1b[;;;;;;;;;;\x18\x1b[;;;;;;;;;;\x1b\x1b[1;1;1;1;1;1;1;1;1;1;1;1;1;1;4mG\x1b[m");
	ok(cell_at(t, 1, 0).ch[0] == 'G' && cell_at(t, 1, 0).attr == (TERM_ATTR_BOLD | TERM_ATTR_UNDERLINE),
	    "parameters of aborted CSIs do not count towards the next");
	feed(t, "\x1b[1\n;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;4mH\x1b[m");
	ok(cell_at(t, 2, 1).ch[0] == 'H' && cell_at(t, 2, 1).attr == TERM_ATTR_BOLD,
	    "a control character inside a CSI does not end it for the guard either");

	/* libvterm 0.1.4 starts a CSI at a [ after an ESC that is still
	 * pending past intermediates, controls and non-ASCII bytes, and inside
	 * a string: the guard counts there too. */
	static const char *const starts[] = { "\x1b'[", "\x1b\xf0\x9f\x98\x80[", "\x1b]0;t\x1b[",
		"\x1b\n[", "\x1b\xc2\x80[", "\x1b\x7f\x01[" };
	for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
		buf_reset(&b);
		buf_adds(&b, "\x1b[H\x1b[2J\x1b[m");
		buf_adds(&b, starts[k]);
		buf_adds(&b, "1");
		for (int i = 0; i < 40; i++)
			buf_adds(&b, ";1");
		buf_adds(&b, ";4m\x1b[HZ\x1b[m");
		term_feed(t, buf_ptr(&b), buf_used(&b));
		ok(cell_at(t, 0, 0).ch[0] == 'Z' && cell_at(t, 0, 0).attr == TERM_ATTR_BOLD,
		    "a CSI started by a pending ESC (case %zu) loses its excess parameters too", k);
	}

	buf_free(&b);
	free_term(t, &s);
}

/* A wide character written over the left half of another leaves libvterm
 * 0.1.4 an orphan right half: it reads as a blank, on the screen and in
 * the scrollback, and a row never has a half without its pair. */
static void test_orphan_halves(void)
{
	struct seen s;
	struct term *t = new_term(2, 12, &s);
	feed(t, "e\xe6\xa2\xa2\x1b" "8\xe6\xbc\xa2");
	struct term_cell c = cell_at(t, 0, 0), r = cell_at(t, 0, 1), o = cell_at(t, 0, 2);
	ok(c.width == 2 && c.ch[0] == 0x6f22 && r.width == 0, "the new wide character and its right half");
	ok(o.width == 1 && o.nch == 1 && o.ch[0] == ' ', "the old one's right half reads as a blank");
	row_is(t, 0, "\xe6\xbc\xa2", "and the row's text has no stray half");
	feed(t, "\r\n\r\n");
	o = cell_at(t, -1, 2);
	ok(term_scrollback_lines(t) == 1 && o.width == 1 && o.ch[0] == ' ', "the same in the scrollback");
	free_term(t, &s);
}

/* REP (CSI Pn b) repeats the last character on its row, never past it;
 * libvterm 0.1.4 loops for ever on one before any character and writes a
 * wide character past the row's end, so the model does it itself. */
static void test_rep(void)
{
	struct seen s;
	struct term *t = new_term(3, 10, &s);
	int row, col;
	feed(t, "\x1b[b\x1b[5b");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 0, "REP with nothing printed yet does nothing (and returns)");
	feed(t, "ab\x1b[3b");
	row_is(t, 0, "abbbb", "ab then REP 3: abbbb");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 5, "the cursor after the copies");
	feed(t, "\x1b[0b");
	row_is(t, 0, "abbbbb", "REP 0 repeats once");
	feed(t, "\x1b[100b");
	row_is(t, 0, "abbbbbbbbb", "REP 100 fills the row and stops at its end");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 9, "the cursor on the last column");
	feed(t, "X");
	row_is(t, 1, "X", "the next character wraps as after any text");

	feed(t, "\x1b[H\x1b[2Jabc\xe6\xbc\xa2\x1b[5b");
	row_is(t, 0, "abc\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2", "a wide character repeats while two columns are left");
	ok(cell_at(t, 0, 9).width == 1 && cell_at(t, 0, 9).ch[0] == ' ', "the last column stays blank");
	free_term(t, &s);

	/* One row: a wide character's REP at an odd column left crashed. */
	t = new_term(1, 10, &s);
	feed(t, "a\xf0\x9f\x98\x80\x1b[38b");
	row_is(t, 0, "a\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80", "a wide REP on a one-row screen stays inside it");
	feed(t, "\x1b[?5b\x1b[1;2b");
	ok(1, "REP with a leader is no REP; a second parameter is ignored");
	/* Fed a byte at a time, and after a resize. */
	free_term(t, &s);
	t = new_term(4, 40, &s);
	const char *seq = "\xf0\x9f\x98\x80\x1b[38b";
	for (const char *q = seq; *q; q++)
		term_feed(t, q, 1);
	term_resize(t, 1, 35);
	feed(t, "\x1b[38b");
	ok(1, "REP of a wide character after a shrink does not crash");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col >= 0 && col < 35, "and leaves the cursor on the screen (col %d)", col);
	free_term(t, &s);
}

/* Text reaches libvterm as valid UTF-8: each invalid byte is one U+FFFD,
 * and the sequence that crashed libvterm 0.1.4 in insert mode does not. */
static void test_invalid_utf8(void)
{
	struct seen s;
	struct term *t = new_term(4, 40, &s);
	feed(t, "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe6\xbc" "e");
	row_is(t, 0, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	    "d\xef\xbf\xbd\xef\xbf\xbd" "e", "invalid bytes, an overlong form, a surrogate, a cut sequence: one U+FFFD a byte");
	feed(t, "\r\n\xe6\xbc\xa2\xf0\x9f\x98\x80\xc3\xa9");
	row_is(t, 1, "\xe6\xbc\xa2\xf0\x9f\x98\x80\xc3\xa9", "valid text is untouched");
	/* Insert mode, invalid bytes up to the edge after a resize. */
	feed(t, "\x1b[H\x1b[2J\x1b[4h\xb0\xc2\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff");
	term_resize(t, 23, 24);
	feed(t, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x88\x88\x88\x1b[4l");
	int row, col;
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row >= 0 && row < 23 && col >= 0 && col < 24, "insert mode with invalid bytes at the edge does not crash (%d,%d)", row, col);
	free_term(t, &s);
}

/* The wrapped flag: set where an autowrap carried the text on, not where a
 * line feed or a cursor move did; a line feed clears it; the scrollback
 * keeps it. */
static void test_wrapped(void)
{
	struct seen s;
	struct term *t = new_term(4, 10, &s);
	feed(t, "0123456789abc\r\nshort\r\n");
	ok(term_row_wrapped(t, 0), "a line that ran past the edge is wrapped");
	ok(!term_row_wrapped(t, 1), "its continuation, ended by CR LF, is not");
	ok(!term_row_wrapped(t, 2), "a short line is not");
	feed(t, "\x1b[H\x1b[2J0123456789\r\nx");
	ok(!term_row_wrapped(t, 0), "a full line followed by CR LF is not wrapped");
	feed(t, "\x1b[H\x1b[2J0123456789\x1b[2;1Hx");
	ok(!term_row_wrapped(t, 0), "nor one followed by a cursor move");
	feed(t, "\x1b[H\x1b[2J0123456789\x1b[31mx");
	ok(term_row_wrapped(t, 0), "an SGR before the next character does not stop the wrap");
	feed(t, "\x1b[m\x1b[H\x1b[2J012345678\xe6\xbc\xa2");
	ok(term_row_wrapped(t, 0), "a wide character that does not fit wraps the line");
	row_is(t, 1, "\xe6\xbc\xa2", "and starts the next one");
	feed(t, "\x1b[1;1H\x1b[2K");
	ok(!term_row_wrapped(t, 0), "erasing the whole line clears the flag");
	/* At the bottom: the wrap scrolls the screen. */
	feed(t, "\x1b[H\x1b[2J\x1b[4;1H0123456789ab");
	ok(term_row_wrapped(t, 2), "a wrap on the bottom row marks the line scrolled up");
	row_is(t, 3, "ab", "the text goes on on the bottom row");
	feed(t, "\r\n\r\n\r\n\r\n");
	ok(term_row_wrapped(t, -2) && !term_row_wrapped(t, -1), "the scrollback keeps the flags");
	row_is(t, -2, "0123456789", "the wrapped line in the scrollback");
	ok(!term_row_wrapped(t, 10) && !term_row_wrapped(t, -1000), "rows out of range are not wrapped");
	/* A wrapped line ending in blanks keeps them in the scrollback. */
	feed(t, "\x1b[H\x1b[2Jabcdefgh  ij\r\n\r\n\r\n\r\n\r\n");
	struct term_cell c = cell_at(t, -3, 9);
	ok(term_row_wrapped(t, -3) && c.ch[0] == ' ' && c.width == 1, "trailing blanks of a wrapped line are kept");
	is_int(term_scrollback_lines(t) > 0 ? 1 : 0, 1, "(in the scrollback)");
	free_term(t, &s);

	/* One row: the line that wrapped is in the scrollback already. */
	t = new_term(1, 4, &s);
	feed(t, "abcdef\r\nxy\r\n\x1b[2Jz");
	ok(term_row_wrapped(t, -3) && !term_row_wrapped(t, -2) && !term_row_wrapped(t, -1),
	    "on a one-row screen the scrolled-off line gets the flag");
	free_term(t, &s);
}

/* DECSCA: a selective erase leaves protected cells; the protection is the
 * grid's own business and never shows in a cell. */
static void test_protected(void)
{
	struct seen s;
	struct term *t = new_term(2, 10, &s);
	feed(t, "ab\x1b[1\"qCD\x1b[0\"qef\x1b[?2K");
	row_is(t, 0, "  CD", "a selective erase leaves the protected cells");
	ok(cell_at(t, 0, 2).attr == 0, "which read with no extra attribute");
	feed(t, "\x1b[2K\r\n\x1b[1\"qP\r\n\r\n");
	row_is(t, 0, "", "a plain erase clears them");
	ok(cell_at(t, -1, 0).ch[0] == 'P' && cell_at(t, -1, 0).attr == 0, "nor in the scrollback");
	free_term(t, &s);
}

/* SGR 2, 8, 9 and their resets reach the cells, as libvterm 0.1.4's state
 * does not report faint and conceal. */
static void test_sgr_extra(void)
{
	struct seen s;
	struct term *t = new_term(3, 40, &s);
	feed(t, "\x1b[2mA\x1b[8mB\x1b[28mC\x1b[1mD\x1b[22mE\x1b[9mF\x1b[29mG\x1b[2;8;9mH\x1b[0mI\x1b[2;8m\x1b[mJ");
	ok(cell_at(t, 0, 0).attr == TERM_ATTR_FAINT, "SGR 2: faint");
	ok(cell_at(t, 0, 1).attr == (TERM_ATTR_FAINT | TERM_ATTR_CONCEAL), "SGR 8: concealed too");
	ok(cell_at(t, 0, 2).attr == TERM_ATTR_FAINT, "SGR 28 ends conceal");
	ok(cell_at(t, 0, 3).attr == (TERM_ATTR_FAINT | TERM_ATTR_BOLD), "bold and faint together");
	ok(cell_at(t, 0, 4).attr == 0, "SGR 22 ends bold and faint");
	ok(cell_at(t, 0, 5).attr == TERM_ATTR_STRIKE, "SGR 9: strike");
	ok(cell_at(t, 0, 6).attr == 0, "SGR 29 ends it");
	ok(cell_at(t, 0, 7).attr == (TERM_ATTR_FAINT | TERM_ATTR_CONCEAL | TERM_ATTR_STRIKE), "2;8;9 in one SGR");
	ok(cell_at(t, 0, 8).attr == 0, "SGR 0 resets them all");
	ok(cell_at(t, 0, 9).attr == 0, "an empty SGR resets them too");
	feed(t, "\r\n\x1b[38;5;2mK\x1b[48;2;8;2;2mL\x1b[38:5:8mM\x1b[m");
	ok(cell_at(t, 1, 0).attr == 0 && cell_at(t, 1, 0).fg.index == 2, "the 2 of 38;5;2 is a colour, not faint");
	ok(cell_at(t, 1, 1).attr == 0 && cell_at(t, 1, 1).bg.r == 8, "nor are the 8 and 2 of 48;2;8;2;2");
	ok(cell_at(t, 1, 2).attr == 0, "nor the 8 of 38:5:8");
	feed(t, "\r\n\x1b[2;8m\x1b" "7\x1b[m\x1b[2;11HN\x1b" "8O\x1b[m");
	ok(cell_at(t, 1, 10).ch[0] == 'N' && cell_at(t, 1, 10).attr == 0, "after DECSC, SGR 0 still resets");
	ok(cell_at(t, 2, 0).ch[0] == 'O' && cell_at(t, 2, 0).attr == (TERM_ATTR_FAINT | TERM_ATTR_CONCEAL),
	    "DECRC restores faint and conceal");
	feed(t, "\x1b[H\x1b[2J\x1b[2mX\x1b[?1049h\x1b[mY\x1b[?1049lZ\x1b[m");
	ok(cell_at(t, 0, 1).attr == TERM_ATTR_FAINT, "leaving the alternate screen (1049) restores faint");
	/* Split anywhere, the same pen. */
	static const char seq[] = "\x1b[1;2;8mS\x1b[22mT";
	int good = 1;
	for (size_t k = 0; k < sizeof seq - 1; k++) {
		struct seen s2;
		struct term *u = new_term(2, 10, &s2);
		term_feed(u, seq, k);
		term_feed(u, seq + k, sizeof seq - 1 - k);
		if (cell_at(u, 0, 0).attr != (TERM_ATTR_BOLD | TERM_ATTR_FAINT | TERM_ATTR_CONCEAL) ||
		    cell_at(u, 0, 1).attr != TERM_ATTR_CONCEAL)
			good = 0;
		free_term(u, &s2);
	}
	ok(good, "an SGR split at any byte gives the same pen");
	free_term(t, &s);
}

/* DECCOLM: the size stays; the screen is cleared, the margins reset, the
 * cursor homed (tmux's behaviour). */
static void test_deccolm(void)
{
	struct seen s;
	struct term *t = new_term(5, 20, &s);
	int rows, cols, row, col;
	feed(t, "one\r\ntwo\r\nthree\x1b[2;4r\x1b[4;3H\x1b[?3h");
	term_size(t, &rows, &cols);
	ok(rows == 5 && cols == 20, "CSI ? 3 h keeps the size");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 0, "homes the cursor");
	row_is(t, 0, "", "clears the screen (row 0)");
	row_is(t, 2, "", "clears the screen (row 2)");
	feed(t, "a\r\nb\r\nc\r\nd\r\ne\r\nf");
	row_is(t, 0, "b", "the scroll region is the whole screen again");
	row_is(t, 4, "f", "the last line at the bottom");
	feed(t, "\x1b[1;5Hx\x1b[?3l");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 0 && term_damaged(t), "CSI ? 3 l does the same");
	row_is(t, 0, "", "and clears");
	feed(t, "\x1b[?3;25h");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 0, "DECCOLM among other modes");
	free_term(t, &s);
}

/* The texts of rows from..to (inclusive), joined with '|'. */
static char *rows_text(const struct term *t, int from, int to)
{
	struct buf b;
	buf_init(&b);
	for (int r = from; r <= to; r++) {
		char *x = term_row_text(t, r);
		buf_addf(&b, "%s%s", r > from ? "|" : "", x ? x : "(null)");
		free(x);
	}
	return buf_steal(&b, NULL);
}

#define rows_are(t, from, to, want, ...) do { char *r_ = rows_text((t), (from), (to)); \
	is_str(r_, (want), __VA_ARGS__); free(r_); } while (0)

/* Reflow on resize: wrapped lines rejoin and rewrap, as tmux does. */
static void test_reflow(void)
{
	struct seen s;
	struct term *t = new_term(4, 10, &s);
	int row, col;
	feed(t, "abcdefghijklmn\r\nshort\r\n$ ");
	rows_are(t, 0, 3, "abcdefghij|klmn|short|$", "before: a wrapped line");
	term_resize(t, 4, 20);
	rows_are(t, 0, 3, "abcdefghijklmn|short|$|", "wider: the wrapped line rejoins");
	ok(!term_row_wrapped(t, 0), "and is no longer wrapped");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 2 && col == 2, "the cursor stays after the prompt (%d,%d)", row, col);
	term_resize(t, 4, 6);
	rows_are(t, -1, 3, "abcdef|ghijkl|mn|short|$", "narrower: it rewraps (the top line goes to the scrollback)");
	ok(term_row_wrapped(t, -1) && term_row_wrapped(t, 0) && !term_row_wrapped(t, 1), "with the flags");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 3 && col == 2, "the cursor on its character again (%d,%d)", row, col);
	feed(t, "ty");
	rows_are(t, 3, 3, "$ ty", "output goes on where the cursor is");
	term_resize(t, 4, 10);
	rows_are(t, 0, 3, "abcdefghij|klmn|short|$ ty", "back: the scrollback part rejoins the screen");
	is_int(term_scrollback_lines(t), 0, "nothing left in the scrollback");
	free_term(t, &s);

	/* An unwrapped line longer than the new width is split too; an
	 * unwrapped short one is left alone. */
	t = new_term(3, 10, &s);
	feed(t, "0123456789\r\nab");
	term_resize(t, 3, 4);
	rows_are(t, -1, 2, "0123|4567|89|ab", "a full line that was not wrapped is split (its top goes up)");
	ok(term_row_wrapped(t, -1) && term_row_wrapped(t, 0) && !term_row_wrapped(t, 1), "into wrapped pieces");
	ok(!term_row_wrapped(t, 2), "the short line stays as it was");
	free_term(t, &s);

	/* Wide characters at the edge move to the next line whole. */
	t = new_term(3, 10, &s);
	feed(t, "ab\xe6\xbc\xa2" "cd\xe5\xad\x97" "e");
	term_resize(t, 3, 3);
	rows_are(t, -1, 2, "ab|\xe6\xbc\xa2" "c|d\xe5\xad\x97|e", "a wide character that would straddle the edge moves down");
	ok(cell_at(t, -1, 2).ch[0] == ' ' && cell_at(t, 0, 0).width == 2 && cell_at(t, 0, 1).width == 0,
	    "leaving a blank at the edge, the pair whole");
	term_resize(t, 3, 10);
	rows_are(t, 0, 0, "ab\xe6\xbc\xa2" "cd\xe5\xad\x97" "e", "growing joins it again");
	free_term(t, &s);

	/* Scrollback lines rewrap too, and come back when the screen grows. */
	t = new_term(2, 8, &s);
	feed(t, "first line here\r\nsecond line here\r\nthird\r\n$ ");
	ok(term_scrollback_lines(t) >= 3, "wrapped lines went to the scrollback (%d)", term_scrollback_lines(t));
	term_resize(t, 2, 20);
	rows_are(t, -2, 1, "first line here|second line here|third|$", "wider: scrollback lines rejoin");
	term_resize(t, 6, 20);
	rows_are(t, 0, 3, "first line here|second line here|third|$", "taller: they come back to the screen");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 3 && col == 2, "the cursor moved down with its line (%d,%d)", row, col);
	term_resize(t, 6, 5);
	rows_are(t, -3, 5, "first| line| here|secon|d lin|e her|e|third|$", "narrower: a logical line split over the scrollback and screen");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 5 && col == 2, "the cursor on the last line (%d,%d)", row, col);
	free_term(t, &s);

	/* The alternate screen is cut and padded, not reflowed; the primary
	 * under it is. */
	t = new_term(3, 10, &s);
	feed(t, "0123456789abc\x1b[?1049h\x1b[Hfull screen\x1b[2;1Hline 2");
	term_resize(t, 3, 5);
	rows_are(t, 0, 1, "full|line", "the alternate screen is cut at the new width");
	term_resize(t, 3, 12);
	rows_are(t, 0, 1, "full|line", "and padded, not joined, when it grows");
	feed(t, "\x1b[?1049l");
	rows_are(t, 0, 1, "0123456789ab|c", "the primary was reflowed meanwhile");
	free_term(t, &s);

	/* Fewer rows: blank lines below the cursor go first. */
	t = new_term(6, 10, &s);
	feed(t, "a\r\nb\r\nc");
	term_resize(t, 3, 10);
	is_int(term_scrollback_lines(t), 0, "shrinking drops blank lines below the cursor first");
	rows_are(t, 0, 2, "a|b|c", "the text stays on the screen");
	free_term(t, &s);
}

/* ED 3 (CSI 3 J, what `clear` sends after CSI 2 J) empties the scrollback
 * and leaves the screen alone, as xterm and tmux do. */
static void test_clear_scrollback(void)
{
	struct seen s;
	struct term *t = new_term(3, 10, &s);
	feed_lines(t, 1, 10);
	ok(term_scrollback_lines(t) > 0, "lines scrolled off");
	feed(t, "\x1b[3J");
	is_int(term_scrollback_lines(t), 0, "ED 3 empties the scrollback");
	row_is(t, 0, "line 9", "and leaves the screen");
	feed_lines(t, 11, 14);
	is_int(term_scrollback_lines(t), 4, "new lines go to the scrollback again");
	row_is(t, -1, "line 12", "the newest one first");
	feed(t, "\x1b[?1049h\x1b[3J\x1b[?1049l");
	is_int(term_scrollback_lines(t), 0, "also from the alternate screen");
	free_term(t, &s);
}

/* Mode 47 and 1047 switch screens as tmux does (the alternate starts
 * blank), without saving the cursor; 1048 saves it alone. */
static void test_altscreen_modes(void)
{
	struct seen s;
	struct term *t = new_term(4, 20, &s);
	int row, col;
	feed(t, "main\r\nx");
	feed(t, "\x1b[?47h");
	ok(term_altscreen(t), "47h enters the alternate screen");
	row_is(t, 0, "", "which starts blank");
	feed(t, "\x1b[3;5Halt");
	feed(t, "\x1b[?47l");
	ok(!term_altscreen(t), "47l leaves it");
	row_is(t, 0, "main", "the main screen is back");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 2 && col == 7, "the cursor stays where it was (47 saves nothing)");
	feed(t, "\x1b[?1047h");
	ok(term_altscreen(t), "1047h enters it");
	row_is(t, 2, "", "blank again");
	feed(t, "\x1b[?1047l");
	ok(!term_altscreen(t), "1047l leaves it");
	feed(t, "\x1b[1;2H\x1b[?1048h\x1b[4;4H\x1b[?1048l");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 0 && col == 1, "1048 saves and restores the cursor");
	free_term(t, &s);
}

/* A resize while the alternate screen is on: leaving it puts the cursor
 * back where the main screen had it, moved with the reflow. */
static void test_altscreen_resize(void)
{
	struct seen s;
	struct term *t = new_term(5, 20, &s);
	int row, col;
	feed(t, "one\r\ntwo\r\nthree");
	feed(t, "\x1b[?1049h\x1b[Hvi");
	term_resize(t, 8, 30);
	feed(t, "\x1b[?1049l");
	row_is(t, 2, "three", "the main screen kept its text");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row == 2 && col == 5, "the cursor is back after three (%d,%d)", row, col);
	feed(t, "\x1b[?1049h");
	term_resize(t, 2, 10);
	feed(t, "\x1b[?1049l");
	term_cursor(t, &row, &col, NULL, NULL);
	ok(row >= 0 && row < 2 && col >= 0 && col < 10, "inside a smaller screen (%d,%d)", row, col);
	row_is(t, row, "three", "on the same line");
	free_term(t, &s);
}

/* DECALN (ESC # 8) fills the screen with E; DECDWL/DECDHL (ESC # 3..6)
 * mark lines, which are drawn single-width as tmux does. */
static void test_decaln(void)
{
	struct seen s;
	struct term *t = new_term(2, 4, &s);
	feed(t, "ab\x1b#8");
	row_is(t, 0, "EEEE", "DECALN fills row 0");
	row_is(t, 1, "EEEE", "and row 1");
	feed(t, "\x1b[H\x1b#6xy\x1b#5");
	row_is(t, 0, "xyEE", "a double-width line keeps its text");
	free_term(t, &s);
}

int main(void)
{
	test_text();
	test_cursor_erase();
	test_attrs_colours();
	test_unicode();
	test_altscreen();
	test_title_bell();
	test_replies_keys();
	test_split_feeds();
	test_scrollback();
	test_ring();
	test_resize();
	test_view();
	test_damage();
	test_memory();
	test_hostile_csi();
	test_orphan_halves();
	test_rep();
	test_invalid_utf8();
	test_wrapped();
	test_protected();
	test_sgr_extra();
	test_deccolm();
	test_reflow();
	test_clear_scrollback();
	test_altscreen_modes();
	test_altscreen_resize();
	test_decaln();
	return done_testing();
}
