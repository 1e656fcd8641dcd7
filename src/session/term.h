/* term.h: the headless terminal model of one session. A struct term parses
 * the process output with libvterm's state layer, keeps the cells of the
 * primary and alternate screens in grids of its own (session/grid.h), the
 * lines that scroll off the top in a compact scrollback ring
 * (session/scrollback.h), reflows both when the width changes, and records
 * what changed (dirty rows, title, bell, cursor) for the renderer to read. It never draws:
 * everything it shows is data (cells, text, title, cursor) that a test can
 * read, and nothing here knows about curses.
 *
 * The byte sink is injected: key encodings and the replies to queries from
 * the process (DSR, DA) come out through cb->output, so the same model runs on
 * an exec stream, a pipe or a test's byte string. The exec session owns the
 * term, feeds it the process output with term_feed() and sends what
 * cb->output gives it to the process; the UI reads cells and turns keys into
 * term_key()/term_key_unichar() calls.
 *
 * Ownership: term_new() returns a term the caller frees with term_free().
 * Strings returned by term_row_text(), term_view_row_text() and
 * term_cells_text() belong to the caller (free()). term_title() points into
 * the term and stays valid until the next term_feed() or term_free().
 *
 * Callbacks: cb->output runs synchronously, also from inside term_feed()
 * (a reply to a query): it should only queue the bytes. The other callbacks
 * run at the end of term_feed()/term_resize(), once per call, never in the
 * middle of parsing. No callback may free the term. */
#ifndef PH_TERM_H
#define PH_TERM_H
#include <stddef.h>
#include <stdint.h>

struct term;

#define TERM_SCROLLBACK_DEFAULT 10000
#define TERM_MAX_CHARS 6
/* Narrower terminals are made this wide: libvterm 0.1.4 writes out of
 * bounds for a wide character in a one-column screen. */
#define TERM_MIN_COLS 2 /* codepoints in one cell: a base and combining marks */

enum term_color_kind {
	TERM_COLOR_DEFAULT = 0, /* the terminal's default foreground/background */
	TERM_COLOR_INDEXED,     /* palette entry index (0-255) */
	TERM_COLOR_RGB          /* direct colour r, g, b */
};

struct term_color {
	uint8_t kind;  /* enum term_color_kind */
	uint8_t index; /* TERM_COLOR_INDEXED only, else 0 */
	uint8_t r, g, b; /* TERM_COLOR_RGB only, else 0 */
};

/* Bits of term_cell.attr. Any underline style sets TERM_ATTR_UNDERLINE;
 * the double and curly styles also set their own bit. */
enum {
	TERM_ATTR_BOLD = 1 << 0,
	TERM_ATTR_UNDERLINE = 1 << 1,
	TERM_ATTR_ITALIC = 1 << 2,
	TERM_ATTR_BLINK = 1 << 3,
	TERM_ATTR_REVERSE = 1 << 4,
	TERM_ATTR_STRIKE = 1 << 5,
	TERM_ATTR_UNDERLINE_DOUBLE = 1 << 6,
	TERM_ATTR_UNDERLINE_CURLY = 1 << 7,
	TERM_ATTR_FAINT = 1 << 8,   /* SGR 2 */
	TERM_ATTR_CONCEAL = 1 << 9  /* SGR 8 */
};

/* One screen position. A blank cell holds one space (nch 1). A wide
 * character is a cell of width 2 followed by a cell of width 0 (its right
 * half, nch 0) that the renderer skips. */
struct term_cell {
	uint32_t ch[TERM_MAX_CHARS]; /* Unicode codepoints, nch of them */
	int nch;
	int width;     /* 1, 2 for a wide character, 0 for its right half */
	uint16_t attr; /* TERM_ATTR_* bits */
	struct term_color fg, bg;
};

enum term_cursor_shape {
	TERM_CURSOR_BLOCK = 1,
	TERM_CURSOR_UNDERLINE,
	TERM_CURSOR_BAR
};

/* Modifier bits for the key functions. */
enum {
	TERM_MOD_SHIFT = 1 << 0,
	TERM_MOD_ALT = 1 << 1,
	TERM_MOD_CTRL = 1 << 2
};

enum term_key {
	TERM_KEY_NONE = 0,
	TERM_KEY_ENTER,
	TERM_KEY_TAB,
	TERM_KEY_BACKSPACE,
	TERM_KEY_ESCAPE,
	TERM_KEY_UP,
	TERM_KEY_DOWN,
	TERM_KEY_LEFT,
	TERM_KEY_RIGHT,
	TERM_KEY_INS,
	TERM_KEY_DEL,
	TERM_KEY_HOME,
	TERM_KEY_END,
	TERM_KEY_PAGEUP,
	TERM_KEY_PAGEDOWN,
	TERM_KEY_F1, /* F1 to F24: TERM_KEY_F(n) */
	TERM_KEY_KP_0 = TERM_KEY_F1 + 24, /* keypad 0 to 9: TERM_KEY_KP_0 + n */
	TERM_KEY_KP_MULT = TERM_KEY_KP_0 + 10,
	TERM_KEY_KP_PLUS,
	TERM_KEY_KP_COMMA,
	TERM_KEY_KP_MINUS,
	TERM_KEY_KP_PERIOD,
	TERM_KEY_KP_DIVIDE,
	TERM_KEY_KP_ENTER,
	TERM_KEY_KP_EQUAL,
	TERM_KEY_COUNT
};
#define TERM_KEY_F(n) ((enum term_key)(TERM_KEY_F1 + (n) - 1))

/* Every member may be NULL. */
struct term_cb {
	/* Bytes to send to the process: key encodings, pastes and the replies
	 * to queries (DSR, DA). Called synchronously; queue, do not block. */
	void (*output)(const char *bytes, size_t len, void *arg);
	/* The process rang the bell (once per term_feed, however many BELs). */
	void (*bell)(void *arg);
	/* The window title changed (OSC 0 or OSC 2); utf8 is term_title(). */
	void (*title)(const char *utf8, void *arg);
	/* Something on screen changed: schedule a redraw. */
	void (*damage)(void *arg);
};

/* A rows x cols terminal (each at least 1) with the default scrollback
 * limit. cb is copied; cb and arg may be NULL. */
struct term *term_new(int rows, int cols, const struct term_cb *cb, void *arg);
void term_free(struct term *t);

/* Process output: parse len bytes and update the screen. */
void term_feed(struct term *t, const char *bytes, size_t len);

/* Change the size (each clamped to at least 1). When the width changes,
 * the primary screen and the scrollback are reflowed (wrapped lines joined
 * and split again at the new width, as tmux does) and the alternate screen
 * is cut or padded; the cursor stays on the same character. Rows that no
 * longer fit go to the scrollback (blank ones below the cursor are dropped
 * first); when the screen grows taller, scrollback lines come back. The
 * caller tells the process (the exec TTY size) separately. */
void term_resize(struct term *t, int rows, int cols);
void term_size(const struct term *t, int *rows, int *cols);

/* Read one cell. row 0 .. rows-1 is the live screen; row -1 is the newest
 * scrollback line and -term_scrollback_lines(t) the oldest. col is
 * 0 .. cols-1 (scrollback lines are shown at the current width: longer
 * ones are clipped, shorter ones padded with blanks). Returns 0, or -1 with
 * *out set to a blank cell when row or col is out of range. */
int term_cell(const struct term *t, int row, int col, struct term_cell *out);
/* The text of a row (same row numbering) as UTF-8 with trailing blanks
 * trimmed; NULL when row is out of range. The caller frees it. */
char *term_row_text(const struct term *t, int row);
/* Whether the row's text goes on in the next row (an autowrap ended it;
 * same row numbering as term_cell). Copy mode, search and the reflow on
 * resize read it. 0 when row is out of range. */
int term_row_wrapped(const struct term *t, int row);
/* UTF-8 of n cells (right halves of wide characters skipped), trailing
 * blanks trimmed. The caller frees it. */
char *term_cells_text(const struct term_cell *cells, int n);

/* Cursor position on the live screen (0-based), whether the process wants
 * it visible, and its shape (enum term_cursor_shape). Any pointer may be
 * NULL. In view coordinates the cursor is at row + term_view_offset(t) and
 * hidden when that is past the last row. */
void term_cursor(const struct term *t, int *row, int *col, int *visible, int *shape);
/* The window title ("" until the process sets one). */
const char *term_title(const struct term *t);
/* Whether the alternate screen (full-screen programs) is active. */
int term_altscreen(const struct term *t);
/* Whether the bell rang since the last call; clears the flag. */
int term_take_bell(struct term *t);

/* Damage: term_damaged() says whether anything (cells, cursor, view) changed
 * since the last term_take_damage(); term_row_dirty() which view rows did
 * (a cell written marks its row, a cursor move its old and new rows, a
 * scroll the rows of its region; marking costs O(rows) at most).
 * The renderer redraws the dirty rows, then calls term_take_damage(), which
 * returns what term_damaged() would have and clears every dirty mark. */
int term_damaged(const struct term *t);
int term_row_dirty(const struct term *t, int row);
int term_take_damage(struct term *t);

/* Keyboard. term_key_unichar() sends a character; control characters are
 * passed as the control code with mods 0 (Ctrl-C is 0x03, or 'c' with
 * TERM_MOD_CTRL). term_key() sends a named key; the encoding follows the
 * modes the process set (e.g. application cursor keys give "\eOA" for Up).
 * term_paste() sends text, bracketed with "\e[200~" .. "\e[201~" when the
 * process asked for bracketed paste; term_input_raw() passes bytes straight
 * to cb->output. */
void term_key_unichar(struct term *t, uint32_t c, int mods);
void term_key(struct term *t, enum term_key k, int mods);
void term_paste(struct term *t, const char *bytes, size_t len);
void term_input_raw(struct term *t, const char *bytes, size_t len);

/* Mouse reporting the process asked for (DECSET 1000, 1002, 1003 and
 * 1006): MOUSE_MODE_* bits of session/mousecode.h, MOUSE_MODE_NONE when
 * it asked for none. term_mouse() sends ev (its cell in the term's screen)
 * to the process encoded as it asked, through cb->output; returns 1 when
 * it went, 0 when the mode does not report it. */
struct mouse_event;
int term_mouse_mode(const struct term *t);
int term_mouse(struct term *t, const struct mouse_event *ev);

/* Scrollback: the number of lines held, and the limit (lines; 0 keeps
 * none). Lowering the limit drops the oldest lines. */
int term_scrollback_lines(const struct term *t);
/* Lines that have scrolled off the top of the primary screen into the
 * scrollback since term_new(), a count that only grows (a reader that keeps
 * it knows how many lines came since it last looked; the newest of them are
 * rows -1, -2, ... as long as the scrollback holds them). */
unsigned long long term_scrolled(const struct term *t);
void term_set_scrollback_limit(struct term *t, int limit);
int term_scrollback_limit(const struct term *t);
/* Drop every scrollback line (ED 3 from the process does this too; tmux's
 * clear-history); the view goes back to the live screen. */
void term_clear_scrollback(struct term *t);
/* Bytes the scrollback uses (its own accounting, see scrollback_bytes()). */
size_t term_scrollback_bytes(const struct term *t);

/* Scroll view for the UI. The offset is how many lines the view is scrolled
 * back into history (0 = live). term_scroll_view() moves it by delta
 * (positive = back into history), clamps it to 0 .. term_scrollback_lines()
 * and returns the new offset. While scrolled back, new output keeps the
 * same lines in view (the offset grows as lines are pushed). */
int term_scroll_view(struct term *t, int delta);
int term_view_offset(const struct term *t);
void term_view_reset(struct term *t);
/* Read through the view: screen_row 0 .. rows-1 of what the pane shows,
 * which is scrollback when the offset is > 0. Same returns as term_cell()
 * and term_row_text(). */
int term_view_cell(const struct term *t, int screen_row, int col, struct term_cell *out);
char *term_view_row_text(const struct term *t, int screen_row);

#endif
