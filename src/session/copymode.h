/* copymode.h: copy mode over one terminal model (session/term.h), headless,
 * in the manner of tmux's window-copy: a cursor that moves over the
 * scrollback and the screen, a view of the term's height, search, a
 * selection and its text, and the vi and emacs key tables as data. Nothing
 * here draws or knows about curses: the console reads the cursor, the view,
 * the matches and the selection and draws them; tests drive it by command
 * name.
 *
 * Row numbering is the term's (term_cell()) as it was when copy mode was
 * entered, and it stays fixed while copy mode lasts: rows 0 .. rows-1 are
 * the screen as it was at entry (copymode_new() copies it), rows -1, -2, ...
 * the scrollback lines above it, newest first. Output that arrives while in
 * copy mode does not move anything: the rows that scroll off the live screen
 * are already in the copy, and the scrollback lines keep their numbers
 * (copy mode follows term_scrolled()). Only when the term drops scrollback
 * lines (a full ring as more output comes, a lower limit, ED 3 or
 * term_clear_scrollback()) does the oldest reachable row,
 * copymode_first_row(), move down; positions are clamped to it. A
 * term_resize() goes between copymode_resize_begin() and
 * copymode_resize_end(), which renumber the rows for the new size.
 *
 * The console draws copy mode from copymode_view_cell() (view row 0 is row
 * copymode_top()), not from term_view_cell(): the screen rows come from the
 * copy made at entry.
 *
 * Cursor: col is 0 .. cols-1 and never the right half of a wide character
 * (width 0 cell). Movements clamp to the rows that exist.
 *
 * Ownership: copymode_new() returns a state the caller frees with
 * copymode_free(), before the term. Strings returned by copymode_row_text(),
 * copymode_selection_text() and copymode_take_copy() belong to the caller
 * (free()). Key tables and command names are static. */
#ifndef PH_COPYMODE_H
#define PH_COPYMODE_H
#include "session/term.h"

struct copymode;

/* Enter copy mode on t: the view starts where the term's scroll view is
 * (term_view_offset()) and the cursor on the term's cursor, on the same view
 * row. */
struct copymode *copymode_new(struct term *t);
void copymode_free(struct copymode *cm);

/* A term_resize() under copy mode: copymode_resize_begin() before it
 * notes where the view's top row and the cursor are in the text (a logical
 * line and a character in it); copymode_resize_end() after it takes a new
 * copy of the resized screen, numbers the rows as copymode_new() would
 * now, and puts the view's top row and the cursor on the same text again,
 * as near as the reflow allows (clamped to the rows and the line's end;
 * the view moves as little as it must to show the cursor). The last
 * search's matches are found again (the current one is the match at the
 * cursor, if any); the selection is cleared. When the size did not
 * change, copymode_resize_end() changes nothing. Lines counted from the
 * last line of text on the screen: output that came while in copy mode
 * moves the places by as many lines. */
void copymode_resize_begin(struct copymode *cm);
void copymode_resize_end(struct copymode *cm);

/* --- reading --- */
void copymode_size(const struct copymode *cm, int *rows, int *cols);
void copymode_cursor(const struct copymode *cm, int *row, int *col);
/* The row shown on view row 0; view row i shows copymode_top() + i. */
int copymode_top(const struct copymode *cm);
/* The oldest row that can be reached (0 or negative); the last one is
 * rows-1. */
int copymode_first_row(const struct copymode *cm);
/* Cells, wrap flags and text of rows in copy-mode numbering; same returns
 * as term_cell(), term_row_wrapped() and term_row_text(). */
int copymode_cell(const struct copymode *cm, int row, int col, struct term_cell *out);
int copymode_row_wrapped(const struct copymode *cm, int row);
char *copymode_row_text(const struct copymode *cm, int row);
/* Through the view: view_row 0 .. rows-1. */
int copymode_view_cell(const struct copymode *cm, int view_row, int col, struct term_cell *out);
/* The term_view_offset() at which the term's own view has copymode_top()
 * on its top row now (clamped to 0 .. term_scrollback_lines()), for a
 * console that leaves copy mode where it was looking. */
int copymode_term_offset(const struct copymode *cm);

/* --- commands ---
 * Every action is a named command, named as tmux's `send-keys -X`:
 *
 * motions: cursor-left, cursor-right, cursor-up, cursor-down, next-word,
 *   previous-word, next-word-end, start-of-line, end-of-line,
 *   back-to-indentation, top-line, middle-line, bottom-line, page-up,
 *   page-down, halfpage-up, halfpage-down, scroll-up, scroll-down,
 *   history-top, history-bottom, goto-line N;
 * search (the argument is the pattern): search-forward-text,
 *   search-backward-text (plain text), search-forward, search-backward
 *   (POSIX extended regular expressions, as tmux's search-forward),
 *   search-again, search-reverse;
 * selection: begin-selection, select-line, rectangle-toggle, rectangle-on,
 *   rectangle-off, clear-selection, other-end, copy-selection,
 *   copy-selection-and-cancel;
 * cancel (leave copy mode).
 *
 * Lines. A logical line is a run of rows joined while term_row_wrapped():
 * start-of-line goes to column 0 of its first row, end-of-line to the end of
 * its last row (the last column while a rectangle is selected) and
 * back-to-indentation to its first non-blank character, as tmux 3 does (its
 * grid reader with wrap on), so 0 and $ act on what the program printed as
 * one line. cursor-left and cursor-right cross row ends.
 * The "end" of a row is the column after its last non-blank character
 * (clamped to the last column), the last column for a wrapped row.
 *
 * Words (vi): a word is a run of letters, digits, '_' and non-ASCII
 * characters, or a run of other non-blank characters (punctuation); blanks
 * and the end of an unwrapped row separate words. A word broken by a wrap
 * goes on in the next row. */
enum copymode_status {
	COPYMODE_OK = 0,
	COPYMODE_EXIT = 1,      /* leave copy mode (cancel, copy-...-and-cancel) */
	COPYMODE_NOTFOUND = 2,  /* a search found nothing */
	COPYMODE_UNKNOWN = -1,  /* no command of that name */
	COPYMODE_BADARG = -2    /* argument missing or invalid (bad regex, line) */
};

/* Run the command called name; arg is its argument (goto-line, search-*),
 * NULL for the others (ignored by them). Returns an enum copymode_status. */
int copymode_run(struct copymode *cm, const char *name, const char *arg);
/* Put the cursor on row, col (copy-mode numbering: a mouse's cell is
 * copymode_top() + its view row), clamped as the motions clamp: to the
 * rows there are and the row's end; the view follows it. */
void copymode_set_cursor(struct copymode *cm, int row, int col);
/* Command names: the i-th (0-based), NULL past the last. */
const char *copymode_command_name(int i);
/* Whether the command takes an argument (the console prompts for it); -1
 * for an unknown name. */
int copymode_command_arg(const char *name);

/* --- search ---
 * Searching starts from the cursor and goes over every row that can be
 * reached, matching within logical lines (a match may span wrapped rows;
 * trailing blanks of a logical line are not part of it), and wraps around
 * the ends. Case-sensitive unless smart case is on and the pattern has no
 * upper-case letter. The cursor goes to the first cell of the match.
 * Regular expressions see the text as UTF-8 in the locale's character set
 * (LC_CTYPE): in a UTF-8 locale '.' is one character, in "C" one byte. */
enum {
	COPYMODE_SEARCH_BACKWARD = 1 << 0,
	COPYMODE_SEARCH_REGEX = 1 << 1
};
int copymode_search(struct copymode *cm, const char *pattern, int flags);
/* Again with the last pattern: the same direction, or (reverse) the other. */
int copymode_search_again(struct copymode *cm, int reverse);
void copymode_set_smartcase(struct copymode *cm, int on);

/* What the last search found: the number of matches in all the rows, the
 * 1-based index of the one the cursor went to (0 when none), and whether it
 * went round an end to find it. */
struct copymode_search_info {
	int count;
	int index;
	int wrapped;
};
void copymode_search_info(const struct copymode *cm, struct copymode_search_info *out);

/* One match's cells on one row: columns col .. end-1 (a match on wrapped
 * rows gives one span a row). current: the match the cursor went to. */
struct copymode_span {
	int row;
	int col, end;
	int current;
};
/* The matches of the last pattern on rows first .. first+n-1, in order.
 * Fills at most max spans and returns how many there are in all (call again
 * with more room when that is more than max). */
int copymode_matches(const struct copymode *cm, int first, int n, struct copymode_span *out, int max);

/* --- selection ---
 * begin-selection anchors the selection at the cursor; it runs from there to
 * the cursor, both cells included. Character mode takes the text in reading
 * order; line mode whole logical lines, each ended by '\n'; rectangle mode
 * the columns between the two ends on each row, rows ended by '\n' except
 * the last. Text: a row's trailing blanks are trimmed, a wrapped row is
 * joined to the next without a newline (not in rectangle mode), a wide
 * character comes once, rows are joined with '\n'. */
enum copymode_sel {
	COPYMODE_SEL_NONE = 0,
	COPYMODE_SEL_CHAR,
	COPYMODE_SEL_LINE,
	COPYMODE_SEL_RECT
};
int copymode_selection_mode(const struct copymode *cm);
/* Whether the cell is selected (for drawing). */
int copymode_selected(const struct copymode *cm, int row, int col);
/* The selected text, NULL without a selection. */
char *copymode_selection_text(const struct copymode *cm);
/* The text the last copy-selection copied (NULL when none), taken: the
 * caller frees it and the next call returns NULL. */
char *copymode_take_copy(struct copymode *cm);

/* --- keys ---
 * The default key tables, tmux's copy-mode-vi and copy-mode, as data. Key
 * names are tmux's: a character ("w", "$"), "C-x" for Ctrl, "M-x" for
 * Meta, "Enter", "Escape", "Space", "C-Space", "BSpace". prompt: the
 * command takes an argument the console asks for (with the text shown). */
enum copymode_keys {
	COPYMODE_KEYS_VI = 0,
	COPYMODE_KEYS_EMACS
};
struct copymode_key {
	const char *key;
	const char *command;
	const char *prompt; /* NULL: run at once */
};
/* The table and its length. */
const struct copymode_key *copymode_key_table(enum copymode_keys which, int *n);
/* The binding of key in a table, NULL when unbound. Names of named keys
 * ("Enter", "C-Space") match in any case; single characters exactly. */
const struct copymode_key *copymode_key_lookup(enum copymode_keys which, const char *key);

#endif
