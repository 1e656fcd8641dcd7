/* term.c: the headless terminal model of term.h. libvterm's state layer
 * (VTermState) parses the output and keeps the modes, pen, cursor,
 * charsets, margins and replies; the cells are porthole's own: a grid per
 * screen (session/grid.h) fed by the state callbacks, the lines that scroll
 * off the top in the compact scrollback ring (session/scrollback.h). Owns
 * the VTerm, both grids, the scrollback, the dirty-row marks and the title
 * copy. Called by the exec session (term_feed, term_resize), the UI
 * (reading cells, keys, the scroll view) and the tests.
 *
 * The state callbacks run inside vterm_input_write(): they change the
 * grids and record what changed (dirty rows, title, bell); the owner's
 * callbacks run once at the end of term_feed(). A scroll is handled here
 * (scrollrect returns 1): the grid rotates its line records, and a line
 * leaving the top of the primary screen goes to the scrollback as it is.
 * libvterm 0.1.4 reports no line continuation, so an autowrap is seen the
 * way it shows: a glyph at column 0 of the next row right after one that
 * ended at the right edge, with no cursor move between (track_wrap).
 *
 * What the state layer of 0.1.4 leaves out is done here: faint and
 * concealed text (SGR 2, 8, 22, 28), kept in the pen across DECSC/DECRC
 * and 1048/1049;
 * DECCOLM (CSI ? 3 h/l), which clears the screen, homes the cursor and
 * resets the margins without changing the size; and the alternate screen's
 * cells (the primary is kept while it shows).
 *
 * Limits of libvterm 0.1.4 worked around here: its text handler uses stack
 * in proportion to the bytes given to one vterm_input_write() call, so
 * term_feed() writes bounded chunks; it drops an OSC or DCS string (the
 * window title) and can lose a UTF-8 character split over two writes, so
 * term_feed() never splits those and holds an unfinished one until the rest
 * comes; it writes past its own arrays or rows on a CSI of more than 16
 * parameters, on REP and on U+0080..U+009F, and has crashed on invalid
 * UTF-8, so every write passes a guard first (vterm_write_safe); and it
 * keeps scroll margins for the old size on a resize, so term_resize()
 * resets them and puts the cursor back. */
#include "config.h"
#include "session/term.h"
#include "session/grid.h"
#include "session/grid-reflow.h"
#include "session/scrollback.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vterm.h>

_Static_assert(TERM_MAX_CHARS == VTERM_MAX_CHARS_PER_CELL, "cell codepoint count matches libvterm");

/* The decoded scrollback line last read, so that reading a row cell by cell
 * does not decode the line once per column. Kept behind a pointer: reading
 * through a const struct term still updates it. */
struct term_sbcache {
	unsigned long gen; /* term's scrollback generation it was decoded at */
	int index;         /* scrollback line (0 = newest), -1 for none */
	int cols;
	struct term_cell *cells;
	int cap;
};

/* The most parameters a CSI may carry to libvterm, and the most digits of
 * one: libvterm 0.1.4 stores 16 and writes a 17th past its array (over the
 * rest of the VTerm), and accumulates digits in a long without a bound. */
#define GUARD_CSI_ARGS 16
#define GUARD_CSI_DIGITS 9

struct term {
	VTerm *vt;
	VTermState *state;
	struct term_cb cb;
	void *arg;
	int rows, cols;

	struct grid *primary, *alt;
	struct grid *scr;        /* the one showing */
	struct term_cell pen;    /* attributes and colours of the next glyph */
	uint16_t saved_attr;     /* the faint and conceal bits DECSC saved */
	int wrap_row, wrap_col;  /* the last glyph written, the cursor still by it (else
	                          * -1; -2: its line just scrolled into the scrollback) */
	int wrap_end;            /* the column after it */
	int wrap_seen;           /* an autowrap since the last cursor move */
	int resize_row, resize_col; /* the cursor after a resize, for term_resize */

	struct scrollback *sb;
	unsigned long sb_gen; /* bumped whenever the scrollback changes */
	struct term_sbcache *cache;

	unsigned char *dirty; /* one mark per view row */
	int dirty_cap;
	int damaged;

	int bell;        /* for term_take_bell() */
	int bell_notify; /* for cb.bell at the end of term_feed() */
	char *title;
	int title_notify;
	int cursor_visible;
	int cursor_shape;
	int altscreen;
	int view_offset;

	struct buf pending; /* an unfinished string or character for the next feed */
	struct buf scratch; /* the bytes of one write, as libvterm may see them */
	int guard;          /* GUARD_* state of the CSI guard */
	int guard_args;     /* parameters of the CSI being read, so far */
	int guard_digits;   /* digits of its current parameter */
	int guard_leader;   /* its leader byte (< = > ?), or 0 */
	int guard_inter;    /* the escape being read has an intermediate byte */
	long guard_param[GUARD_CSI_ARGS]; /* its parameters (-1 for an empty one) */
	unsigned guard_sub; /* bit i: parameter i came after a ':' */
	char last_ch[4];    /* the last character printed (UTF-8), for REP */
	int last_len, last_need;
};

static void dirty_reserve(struct term *t, int rows)
{
	if (rows <= t->dirty_cap)
		return;
	t->dirty = xrealloc(t->dirty, (size_t)rows);
	memset(t->dirty + t->dirty_cap, 0, (size_t)(rows - t->dirty_cap));
	t->dirty_cap = rows;
}

static void dirty_all(struct term *t)
{
	int n = t->rows < t->dirty_cap ? t->rows : t->dirty_cap;
	memset(t->dirty, 1, (size_t)n);
	t->damaged = 1;
}

/* Mark screen rows [start, end) dirty. While the view is scrolled back the
 * screen rows sit lower in the view, so the whole view is redrawn. */
static void dirty_rows(struct term *t, int start, int end)
{
	if (t->view_offset > 0) {
		dirty_all(t);
		return;
	}
	int n = t->rows < t->dirty_cap ? t->rows : t->dirty_cap;
	if (start < 0)
		start = 0;
	if (end > n)
		end = n;
	if (start < end)
		memset(t->dirty + start, 1, (size_t)(end - start));
	t->damaged = 1;
}

static void color_from_vterm(const VTermColor *vc, int is_bg, struct term_color *out)
{
	memset(out, 0, sizeof *out);
	if (is_bg ? VTERM_COLOR_IS_DEFAULT_BG(vc) : VTERM_COLOR_IS_DEFAULT_FG(vc)) {
		out->kind = TERM_COLOR_DEFAULT;
	} else if (VTERM_COLOR_IS_INDEXED(vc)) {
		out->kind = TERM_COLOR_INDEXED;
		out->index = vc->indexed.idx;
	} else {
		out->kind = TERM_COLOR_RGB;
		out->r = vc->rgb.red;
		out->g = vc->rgb.green;
		out->b = vc->rgb.blue;
	}
}

static struct grid_rect rect_from_vterm(VTermRect r)
{
	struct grid_rect g = { r.start_row, r.end_row, r.start_col, r.end_col };
	return g;
}

/* --- libvterm state callbacks: change the grid, record what changed --- */

/* An autowrap, as libvterm 0.1.4 shows one: this glyph is at column 0 of
 * the row below the last glyph, it would not have fitted after that one,
 * and the cursor was not moved away in between. The row above is marked
 * wrapped (on a one-row region the line may already be in the
 * scrollback). */
static void track_wrap(struct term *t, VTermPos pos, int width)
{
	int wrapped = t->wrap_row >= 0 && t->wrap_end + width > t->cols;
	if (pos.col == 0 && wrapped && pos.row == t->wrap_row + 1 && t->wrap_row < t->scr->rows) {
		grid_line(t->scr, t->wrap_row)->flags |= GRID_LINE_WRAPPED;
		t->wrap_seen = 1;
	} else if (pos.col == 0 && t->wrap_row == -2 && t->wrap_end + width > t->cols && t->scr == t->primary) {
		scrollback_set_newest_wrapped(t->sb);
		t->wrap_seen = 1;
	}
	t->wrap_row = pos.row;
	t->wrap_col = pos.col;
	t->wrap_end = pos.col + width;
}

static int cb_putglyph(VTermGlyphInfo *info, VTermPos pos, void *user)
{
	struct term *t = user;
	if (pos.row < 0 || pos.row >= t->scr->rows || pos.col < 0 || pos.col >= t->scr->cols)
		return 1;
	int n = 0;
	while (n < TERM_MAX_CHARS && info->chars[n] != 0)
		n++;
	int width = info->width;
	track_wrap(t, pos, width < 1 ? 1 : width);
	struct term_cell pen = t->pen;
	if (info->protected_cell)
		pen.attr |= GRID_ATTR_PROTECTED;
	if (n == 0 || width < 1) {
		static const uint32_t space = ' ';
		grid_put(t->scr, pos.row, pos.col, &space, 1, 1, &pen);
	} else {
		grid_put(t->scr, pos.row, pos.col, info->chars, n, width, &pen);
	}
	dirty_rows(t, pos.row, pos.row + 1);
	return 1;
}

static int cb_movecursor(VTermPos pos, VTermPos oldpos, int visible, void *user)
{
	struct term *t = user;
	(void)visible; /* the CURSORVISIBLE property tracks it */
	/* The end of a run of text (the cursor after its last glyph, or on it
	 * while waiting to wrap) keeps the last glyph. */
	if (t->wrap_row == -2 ||
	    (t->wrap_row >= 0 && !(pos.row == t->wrap_row && (pos.col == t->wrap_col || pos.col == t->wrap_end))))
		t->wrap_row = -1;
	/* A line feed (the cursor one row down, same column) ends a line that
	 * had wrapped before: it does not go on. */
	if (!t->wrap_seen && pos.row == oldpos.row + 1 && pos.col == oldpos.col && oldpos.row >= 0 &&
	    oldpos.row < t->scr->rows)
		grid_line(t->scr, oldpos.row)->flags &= ~GRID_LINE_WRAPPED;
	t->wrap_seen = 0;
	dirty_rows(t, oldpos.row, oldpos.row + 1);
	dirty_rows(t, pos.row, pos.row + 1);
	return 1;
}

/* Lines leaving the top of the primary screen go to the scrollback. */
static void push_lines(struct term *t, int n)
{
	if (scrollback_limit(t->sb) == 0)
		return;
	for (int i = 0; i < n; i++) {
		const struct grid_line *l = grid_line(t->scr, i);
		scrollback_push(t->sb, l->cells, l->used, !!(l->flags & GRID_LINE_WRAPPED));
	}
	t->sb_gen++;
	if (t->view_offset > 0) {
		/* Keep the same lines in view. */
		int count = scrollback_count(t->sb);
		t->view_offset += n;
		if (t->view_offset > count)
			t->view_offset = count;
		dirty_all(t);
	}
}

static int cb_scrollrect(VTermRect rect, int downward, int rightward, void *user)
{
	struct term *t = user;
	struct grid_rect r = rect_from_vterm(rect);
	int full = r.start_col <= 0 && r.end_col >= t->scr->cols && rightward == 0;
	if (full && downward > 0) {
		/* A line feed at the bottom: the cursor's line does not go on,
		 * unless the glyph that follows wraps onto the new line. */
		VTermPos pos;
		vterm_state_get_cursorpos(t->state, &pos);
		if (pos.row >= r.start_row && pos.row < r.end_row && pos.row < t->scr->rows)
			grid_line(t->scr, pos.row)->flags &= ~GRID_LINE_WRAPPED;
		if (r.start_row <= 0 && t->scr == t->primary) {
			int n = downward < r.end_row ? downward : r.end_row;
			push_lines(t, n < t->scr->rows ? n : t->scr->rows);
		}
	}
	if (full && t->wrap_row >= r.start_row && t->wrap_row < r.end_row) {
		t->wrap_row -= downward;
		if (t->wrap_row < r.start_row)
			t->wrap_row = r.start_row == 0 && t->scr == t->primary && downward == 1 ? -2 : -1;
		else if (t->wrap_row >= r.end_row)
			t->wrap_row = -1;
	}
	grid_scroll(t->scr, r, downward, rightward, &t->pen.bg);
	dirty_rows(t, r.start_row, r.end_row);
	return 1;
}

static int cb_moverect(VTermRect dest, VTermRect src, void *user)
{
	/* Not called: cb_scrollrect handles every scroll. */
	(void)dest;
	(void)src;
	(void)user;
	return 1;
}

static int cb_erase(VTermRect rect, int selective, void *user)
{
	struct term *t = user;
	grid_erase(t->scr, rect_from_vterm(rect), selective, &t->pen.bg);
	dirty_rows(t, rect.start_row, rect.end_row);
	return 1;
}

static int cb_initpen(void *user)
{
	struct term *t = user;
	grid_cell_blank(&t->pen);
	return 1;
}

static void pen_bit(struct term *t, uint16_t bit, int on)
{
	if (on)
		t->pen.attr |= bit;
	else
		t->pen.attr &= (uint16_t)~bit;
}

static int cb_setpenattr(VTermAttr attr, VTermValue *val, void *user)
{
	struct term *t = user;
	switch (attr) {
	case VTERM_ATTR_BOLD:
		pen_bit(t, TERM_ATTR_BOLD, val->boolean);
		break;
	case VTERM_ATTR_UNDERLINE:
		pen_bit(t, TERM_ATTR_UNDERLINE, val->number != VTERM_UNDERLINE_OFF);
		pen_bit(t, TERM_ATTR_UNDERLINE_DOUBLE, val->number == VTERM_UNDERLINE_DOUBLE);
		pen_bit(t, TERM_ATTR_UNDERLINE_CURLY, val->number == VTERM_UNDERLINE_CURLY);
		break;
	case VTERM_ATTR_ITALIC:
		pen_bit(t, TERM_ATTR_ITALIC, val->boolean);
		break;
	case VTERM_ATTR_BLINK:
		pen_bit(t, TERM_ATTR_BLINK, val->boolean);
		break;
	case VTERM_ATTR_REVERSE:
		pen_bit(t, TERM_ATTR_REVERSE, val->boolean);
		break;
	case VTERM_ATTR_STRIKE:
		pen_bit(t, TERM_ATTR_STRIKE, val->boolean);
		break;
	case VTERM_ATTR_FOREGROUND:
		color_from_vterm(&val->color, 0, &t->pen.fg);
		break;
	case VTERM_ATTR_BACKGROUND:
		color_from_vterm(&val->color, 1, &t->pen.bg);
		break;
	default:
		break;
	}
	return 1;
}

static int cb_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct term *t = user;
	switch (prop) {
	case VTERM_PROP_CURSORVISIBLE:
		t->cursor_visible = val->boolean;
		t->damaged = 1;
		break;
	case VTERM_PROP_CURSORSHAPE:
		/* DECRC with nothing saved restores shape 0: keep a valid one. */
		t->cursor_shape = val->number >= TERM_CURSOR_BLOCK && val->number <= TERM_CURSOR_BAR ?
		    val->number : TERM_CURSOR_BLOCK;
		t->damaged = 1;
		break;
	case VTERM_PROP_ALTSCREEN:
		/* The alternate screen starts blank each time (as tmux does);
		 * the primary keeps its cells meanwhile. */
		if (val->boolean && t->scr != t->alt)
			grid_clear(t->alt);
		t->scr = val->boolean ? t->alt : t->primary;
		t->altscreen = val->boolean;
		t->wrap_row = -1;
		dirty_all(t);
		break;
	case VTERM_PROP_TITLE:
		free(t->title);
		t->title = xstrdup(val->string ? val->string : "");
		t->title_notify = 1;
		break;
	default:
		break;
	}
	return 1;
}

static int cb_bell(void *user)
{
	struct term *t = user;
	t->bell = t->bell_notify = 1;
	return 1;
}

/* Inside vterm_set_size(): reflow the primary screen, cut the alternate,
 * and work out where the cursor goes (term_resize puts it there). */
static int cb_resize(int rows, int cols, VTermPos *delta, void *user)
{
	struct term *t = user;
	VTermPos pos;
	vterm_state_get_cursorpos(t->state, &pos);
	int row = pos.row, col = pos.col;
	/* Waiting to wrap after the last column: the cursor is past that
	 * character, which matters once the line is wider. */
	if (t->wrap_row == row && t->wrap_col == col && t->wrap_end >= t->cols)
		col = t->cols;
	dirty_reserve(t, rows);
	if (t->scr == t->primary) {
		grid_reflow(t->primary, t->sb, rows, cols, &row, &col);
		grid_resize_cut(t->alt, rows, cols, NULL, NULL);
	} else {
		int none = -1;
		grid_reflow(t->primary, t->sb, rows, cols, &none, NULL);
		grid_resize_cut(t->alt, rows, cols, &row, &col);
	}
	t->resize_row = row < 0 ? 0 : row;
	t->resize_col = col;
	delta->row = 0;
	delta->col = 0;
	t->rows = rows;
	t->cols = cols;
	t->wrap_row = -1;
	t->sb_gen++;
	dirty_all(t);
	return 1;
}

static int cb_setlineinfo(int row, const VTermLineInfo *newinfo, const VTermLineInfo *oldinfo, void *user)
{
	/* Double-width and double-height lines are drawn as normal ones. */
	(void)row;
	(void)newinfo;
	(void)oldinfo;
	(void)user;
	return 1;
}

static const VTermStateCallbacks state_cbs = {
	.putglyph = cb_putglyph,
	.movecursor = cb_movecursor,
	.scrollrect = cb_scrollrect,
	.moverect = cb_moverect,
	.erase = cb_erase,
	.initpen = cb_initpen,
	.setpenattr = cb_setpenattr,
	.settermprop = cb_settermprop,
	.bell = cb_bell,
	.resize = cb_resize,
	.setlineinfo = cb_setlineinfo,
};

static void cb_output(const char *s, size_t len, void *user)
{
	struct term *t = user;
	if (t->cb.output != NULL && len > 0)
		t->cb.output(s, len, t->arg);
}

/* --- life cycle --- */

/* libvterm wants zeroed memory; running out of it is fatal, as everywhere. */
static void *vterm_xcalloc(size_t size, void *allocdata)
{
	(void)allocdata;
	return xcalloc(1, size);
}

static void vterm_xfree(void *ptr, void *allocdata)
{
	(void)allocdata;
	free(ptr);
}

static VTermAllocatorFunctions vterm_alloc = {
	.malloc = vterm_xcalloc,
	.free = vterm_xfree,
};

struct term *term_new(int rows, int cols, const struct term_cb *cb, void *arg)
{
	struct term *t = xcalloc(1, sizeof *t);
	if (rows < 1)
		rows = 1;
	if (cols < TERM_MIN_COLS)
		cols = TERM_MIN_COLS;
	if (cb != NULL)
		t->cb = *cb;
	t->arg = arg;
	t->rows = rows;
	t->cols = cols;
	t->title = xstrdup("");
	t->cursor_visible = 1;
	t->cursor_shape = TERM_CURSOR_BLOCK;
	t->sb = scrollback_new(TERM_SCROLLBACK_DEFAULT);
	t->primary = grid_new(rows, cols);
	t->alt = grid_new(rows, cols);
	t->scr = t->primary;
	t->wrap_row = -1;
	grid_cell_blank(&t->pen);
	buf_init(&t->pending);
	buf_init(&t->scratch);
	t->cache = xcalloc(1, sizeof *t->cache);
	t->cache->index = -1;
	dirty_reserve(t, rows);

	t->vt = vterm_new_with_allocator(rows, cols, &vterm_alloc, NULL);
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, cb_output, t);
	t->state = vterm_obtain_state(t->vt);
	vterm_state_set_callbacks(t->state, &state_cbs, t);
	vterm_state_reset(t->state, 1);
	t->title_notify = t->bell_notify = 0;
	dirty_all(t);
	return t;
}

void term_free(struct term *t)
{
	if (t == NULL)
		return;
	vterm_free(t->vt);
	grid_free(t->primary);
	grid_free(t->alt);
	scrollback_free(t->sb);
	buf_free(&t->pending);
	buf_free(&t->scratch);
	if (t->cache != NULL)
		free(t->cache->cells);
	free(t->cache);
	free(t->dirty);
	free(t->title);
	free(t);
}


/* Tell the owner what changed during the last feed or resize. */
static void term_notify(struct term *t)
{
	if (t->bell_notify) {
		t->bell_notify = 0;
		if (t->cb.bell != NULL)
			t->cb.bell(t->arg);
	}
	if (t->title_notify) {
		t->title_notify = 0;
		if (t->cb.title != NULL)
			t->cb.title(t->title, t->arg);
	}
	if (t->damaged && t->cb.damage != NULL)
		t->cb.damage(t->arg);
}

/* Bytes given to one vterm_input_write() call, and the longest OSC/DCS
 * string kept whole (longer ones go through in pieces, as libvterm would
 * have had them anyway). */
#define TERM_FEED_CHUNK 4096
#define TERM_STRING_MAX 8192

enum { SCAN_NORMAL, SCAN_ESC, SCAN_STRING, SCAN_STRING_ESC };

/* Follow just enough of the escape syntax to know whether a position is
 * inside an OSC, DCS, APC, PM or SOS string, erring on the side of
 * "inside" (a cut is then only put off). As libvterm 0.1.4 does, an ESC
 * stays pending across intermediates, controls, DEL and bytes from 0x80
 * (ESC 0x84 ] starts an OSC), and an ESC inside a string followed by a
 * control leaves both pending. */
static int scan_step(int st, unsigned char c)
{
	switch (st) {
	case SCAN_ESC:
		if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X')
			return SCAN_STRING;
		if (c == 0x18 || c == 0x1a || (c >= 0x30 && c < 0x7f))
			return SCAN_NORMAL; /* CAN, SUB, or the escape's final byte */
		return SCAN_ESC;
	case SCAN_STRING:
		if (c == 0x07 || c == 0x18 || c == 0x1a)
			return SCAN_NORMAL; /* BEL ends an OSC; CAN and SUB abort */
		return c == 0x1b ? SCAN_STRING_ESC : SCAN_STRING;
	case SCAN_STRING_ESC:
		if (c == '\\')
			return SCAN_NORMAL; /* ST */
		if (c < 0x20 && c != 0x18 && c != 0x1a && c != 0x1b)
			return SCAN_STRING_ESC;
		return scan_step(SCAN_ESC, c); /* the string ended; a new escape */
	default:
		return c == 0x1b ? SCAN_ESC : SCAN_NORMAL;
	}
}

/* The longest prefix of the n bytes at p, up to TERM_FEED_CHUNK, that does
 * not end inside a string; longer when a string starting at p needs it. */
static size_t string_cut(const char *p, size_t n)
{
	size_t want = n < TERM_FEED_CHUNK ? n : TERM_FEED_CHUNK;
	size_t i = 0, best = 0;
	int st = SCAN_NORMAL;
	while (i < n) {
		st = scan_step(st, (unsigned char)p[i++]);
		if (st == SCAN_NORMAL) {
			if (i <= want) {
				best = i;
				continue;
			}
			return best > 0 ? best : i;
		}
		if (i >= want && best > 0)
			return best;
		if (i >= TERM_STRING_MAX)
			return want; /* too long to keep whole */
	}
	return best;
}

/* Move a cut at c back to the start of a UTF-8 sequence it would split:
 * libvterm 0.1.4 loses a character split over two writes after other
 * text. Only when the bytes after c could complete it (c is the end of the
 * input, or a continuation byte follows). */
static size_t utf8_backoff(const char *p, size_t n, size_t c)
{
	if (c < n && ((unsigned char)p[c] & 0xc0) != 0x80)
		return c;
	for (size_t k = 1; k <= 3 && k <= c; k++) {
		unsigned char b = (unsigned char)p[c - k];
		if ((b & 0xc0) == 0x80)
			continue; /* continuation byte: keep looking for the lead */
		size_t need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		if (need > k && (c - k > 0 || c == n))
			return c - k;
		return c;
	}
	return c;
}

/* How many of the n bytes at p to write to libvterm now: at most
 * TERM_FEED_CHUNK, cut outside any string and any UTF-8 sequence, unless a
 * string starting at p needs more (up to TERM_STRING_MAX). 0 means p starts
 * with an unterminated string, a lone ESC or a partial character to hold
 * until more bytes arrive. */
static size_t feed_cut(const char *p, size_t n)
{
	return utf8_backoff(p, n, string_cut(p, n));
}


/* What the CSI guard of guard_step() knows of the byte stream. */
enum { GUARD_NORMAL, GUARD_ESC, GUARD_CSI, GUARD_STRING, GUARD_STRING_ESC };

/* What guard_step() says of a byte. From GUARD_SGR on, the byte ends a
 * sequence that guard_apply() completes once libvterm has read it. */
enum { GUARD_DROP, GUARD_PASS, GUARD_REP, GUARD_SGR, GUARD_DECSET, GUARD_DECRST, GUARD_SAVE, GUARD_RESTORE };

/* Remember the character the byte c (printed text) belongs to, for REP. */
static void guard_text(struct term *t, unsigned char c)
{
	if (c < 0x80 || (c >= 0xc0 && c < 0xf8)) {
		t->last_len = 0; /* a character starts */
		t->last_need = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	} else if (t->last_len == 0 || t->last_len >= t->last_need) {
		t->last_need = 0; /* a stray continuation byte: nothing to repeat */
		t->last_len = 0;
		return;
	}
	if (t->last_need > 0 && t->last_len < (int)sizeof t->last_ch)
		t->last_ch[t->last_len++] = (char)c;
}

/* One byte through the guard. Follows libvterm 0.1.4's parser as far as it
 * decides when CSI parameters are collected: an ESC stays pending across
 * intermediates, C0 controls, DEL and bytes from 0x80 (so ESC ' [ and ESC
 * inside a string followed by [ start a CSI too); within a CSI, leader
 * bytes come only first, and any byte other than a digit, separator, C0
 * control, NUL or DEL ends the parameters. There, a separator past the 16th
 * parameter and a digit past the 9th significant one of a parameter are
 * dropped, as later libvterm releases drop excess parameters. The final
 * byte of a REP (CSI Pn b) is GUARD_REP: libvterm 0.1.4 loops for ever on
 * one before any character was printed and writes a wide character past
 * the end of the row, so term.c does it itself (rep_emulate). The ends of
 * SGR, DECSET/DECRST and the cursor saves and restores (DECSC, DECRC)
 * are told too (GUARD_SGR and so on): the parts of them that
 * 0.1.4 leaves out are done after libvterm has read them (guard_apply). */
static int guard_step(struct term *t, unsigned char c)
{
	if (t->guard == GUARD_STRING) {
		if (c == 0x07 || c == 0x18 || c == 0x1a)
			t->guard = GUARD_NORMAL; /* BEL ends it; CAN, SUB abort */
		else if (c == 0x1b)
			t->guard = GUARD_STRING_ESC;
		return GUARD_PASS;
	}
	if (t->guard == GUARD_STRING_ESC) {
		if (c == '\\') {
			t->guard = GUARD_NORMAL; /* ST */
			return GUARD_PASS;
		}
		if (c == 0x07) {
			t->guard = GUARD_ESC; /* libvterm leaves the ESC pending */
			t->guard_inter = 0;
			return GUARD_PASS;
		}
		/* A control between the ESC and its next byte: libvterm 0.1.4
		 * reads ESC TAB \ as the end of the string or not depending on
		 * where its write began. Without it the string always ends. */
		if ((c < 0x20 && c != 0x18 && c != 0x1a && c != 0x1b) || c == 0x7f)
			return GUARD_DROP; /* (NUL and DEL as well) */
		if (c >= 0x20) {
			t->guard = GUARD_ESC; /* the string ended: a new escape */
			t->guard_inter = 0;
		}
	}
	if (c == 0x00 || c == 0x7f)
		return GUARD_PASS; /* ignored by libvterm in every state */
	if (c == 0x18 || c == 0x1a) {
		t->guard = GUARD_NORMAL; /* CAN, SUB: abort any sequence */
		return GUARD_PASS;
	}
	if (c == 0x1b) {
		t->guard = GUARD_ESC;
		t->guard_inter = 0;
		return GUARD_PASS;
	}
	if (c < 0x20)
		return GUARD_PASS; /* other C0 controls run without ending a sequence */
	switch (t->guard) {
	case GUARD_ESC:
		if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X') {
			t->guard = GUARD_STRING; /* OSC, DCS, APC, PM, SOS */
			return GUARD_PASS;
		}
		if (c == '[') {
			t->guard = GUARD_CSI;
			t->guard_args = 0; /* none yet: leader bytes may come */
			t->guard_digits = 0;
			t->guard_leader = 0;
			t->guard_param[0] = -1;
			t->guard_sub = 0;
		} else if (c >= 0x30 && c < 0x7f) {
			t->guard = GUARD_NORMAL; /* the escape's final byte */
			if (!t->guard_inter && (c == '7' || c == '8'))
				return c == '7' ? GUARD_SAVE : GUARD_RESTORE; /* DECSC, DECRC */
		} else if (c >= 0x20 && c < 0x30) {
			t->guard_inter = 1;
		}
		return GUARD_PASS;
	case GUARD_CSI:
		if (c >= 0x3c && c <= 0x3f && t->guard_args == 0) {
			t->guard_leader = c;
			return GUARD_PASS;
		}
		if (t->guard_args == 0)
			t->guard_args = 1;
		if (c >= '0' && c <= '9') {
			if (t->guard_args > GUARD_CSI_ARGS || t->guard_digits >= GUARD_CSI_DIGITS)
				return GUARD_DROP;
			if (c != '0' || t->guard_digits > 0)
				t->guard_digits++; /* leading zeros do not count */
			long *v = &t->guard_param[t->guard_args - 1];
			*v = (*v < 0 ? 0 : *v) * 10 + (c - '0');
			return GUARD_PASS;
		}
		if (c == ';' || c == ':') {
			if (t->guard_args >= GUARD_CSI_ARGS) {
				t->guard_args++;
				return GUARD_DROP;
			}
			t->guard_param[t->guard_args] = -1;
			if (c == ':')
				t->guard_sub |= 1u << t->guard_args;
			t->guard_args++;
			t->guard_digits = 0;
			return GUARD_PASS;
		}
		t->guard = GUARD_NORMAL; /* intermediate, final or invalid */
		if (t->guard_leader == 0) {
			if (c == 'b')
				return GUARD_REP;
			if (c == 'm')
				return GUARD_SGR;
		} else if (t->guard_leader == '?' && (c == 'h' || c == 'l')) {
			return c == 'h' ? GUARD_DECSET : GUARD_DECRST;
		}
		return GUARD_PASS;
	default:
		guard_text(t, c);
		return GUARD_PASS;
	}
}

/* REP (CSI Pn b): the last character printed, Pn times (at least once),
 * on the cursor's row and no further, as libvterm would when it can. One
 * copy is written as text first: how far it moved the cursor is its width;
 * a copy that wrapped, or landed on the last column, or moved nothing (a
 * combining mark) ends it. Nothing printed yet: nothing happens. */
static void rep_emulate(struct term *t, long count)
{
	if (t->last_len == 0 || t->last_len < t->last_need)
		return;
	if (count < 1)
		count = 1;
	VTermPos p0, p1;
	vterm_state_get_cursorpos(t->state, &p0);
	vterm_input_write(t->vt, t->last_ch, (size_t)t->last_len);
	vterm_state_get_cursorpos(t->state, &p1);
	if (p1.row != p0.row || p1.col <= p0.col)
		return;
	long room = (t->cols - p1.col) / (p1.col - p0.col);
	if (count - 1 < room)
		room = count - 1;
	char chunk[256];
	size_t used = 0;
	for (long i = 0; i < room; i++) {
		if (used + (size_t)t->last_len > sizeof chunk) {
			vterm_input_write(t->vt, chunk, used);
			used = 0;
		}
		memcpy(chunk + used, t->last_ch, (size_t)t->last_len);
		used += (size_t)t->last_len;
	}
	if (used > 0)
		vterm_input_write(t->vt, chunk, used);
}


#define PEN_EXTRA (TERM_ATTR_FAINT | TERM_ATTR_CONCEAL)

/* SGR parameters libvterm 0.1.4 does not report: 2 faint, 8 conceal, 22
 * (bold and) faint off, 28 conceal off, 0 or empty all off. The colour
 * parameters' arguments (38;5;n, 38;2;r;g;b) are skipped. */
static void sgr_extra(struct term *t)
{
	int n = t->guard_args < GUARD_CSI_ARGS ? t->guard_args : GUARD_CSI_ARGS;
	for (int i = 0; i < n; i++) {
		if (t->guard_sub & (1u << i))
			continue; /* a sub-parameter of the one before */
		long v = t->guard_param[i] < 0 ? 0 : t->guard_param[i];
		switch (v) {
		case 0:
			t->pen.attr &= (uint16_t)~PEN_EXTRA;
			break;
		case 2:
			t->pen.attr |= TERM_ATTR_FAINT;
			break;
		case 8:
			t->pen.attr |= TERM_ATTR_CONCEAL;
			break;
		case 22:
			t->pen.attr &= (uint16_t)~TERM_ATTR_FAINT;
			break;
		case 28:
			t->pen.attr &= (uint16_t)~TERM_ATTR_CONCEAL;
			break;
		case 38:
		case 48:
		case 58:
			if (i + 1 < n && !(t->guard_sub & (1u << (i + 1)))) {
				if (t->guard_param[i + 1] == 5)
					i += 2;
				else if (t->guard_param[i + 1] == 2)
					i += 4;
			}
			break;
		default:
			break;
		}
	}
}

static int guard_has_param(const struct term *t, long v)
{
	int n = t->guard_args < GUARD_CSI_ARGS ? t->guard_args : GUARD_CSI_ARGS;
	for (int i = 0; i < n; i++)
		if (t->guard_param[i] == v)
			return 1;
	return 0;
}

/* The part of a sequence libvterm 0.1.4 has just read that it leaves out. */
static void guard_apply(struct term *t, int g)
{
	switch (g) {
	case GUARD_SGR:
		sgr_extra(t);
		break;
	case GUARD_SAVE:
		t->saved_attr = t->pen.attr & PEN_EXTRA;
		break;
	case GUARD_RESTORE:
		t->pen.attr = (uint16_t)((t->pen.attr & ~PEN_EXTRA) | t->saved_attr);
		break;
	case GUARD_DECSET:
	case GUARD_DECRST:
		/* DECCOLM, as tmux does it: the size stays; the screen is
		 * cleared, the margins reset (CSI s is DECSLRM to libvterm
		 * 0.1.4) and the cursor homed. */
		if (guard_has_param(t, 3))
			vterm_input_write(t->vt, "\x1b[r\x1b[s\x1b[H\x1b[2J", 13);
		/* 1048 and 1049 save and restore the cursor with its pen. */
		if (guard_has_param(t, 1048) || guard_has_param(t, 1049))
			guard_apply(t, g == GUARD_DECSET ? GUARD_SAVE : GUARD_RESTORE);
		break;
	default:
		break;
	}
}

/* Write the n bytes at p to libvterm as it may safely see them:
 *  - text and string payloads are valid UTF-8: libvterm 0.1.4 takes
 *    U+0080..U+009F for printable characters of width -1 (each moves the
 *    cursor a column left, past column 0 and then outside its buffer),
 *    and invalid sequences mixed with insert mode have crashed it; both
 *    become U+FFFD. The chunk never splits a valid sequence (feed_cut), so
 *    one cut short is invalid.
 *  - a CSI with too many parameters or too long a number is cut down to
 *    what libvterm can hold (guard_step);
 *  - a REP ends as a CSI libvterm ignores (final byte z) and is done here
 *    (rep_emulate);
 *  - after an SGR, DECSET/DECRST or a cursor save or restore, what libvterm
 *    leaves out of it is done (guard_apply). */
static void vterm_write_safe(struct term *t, const char *p, size_t n)
{
	static const char fffd[] = "\xef\xbf\xbd";
	buf_reset(&t->scratch);
	size_t start = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 0x80 && (t->guard == GUARD_NORMAL || t->guard == GUARD_STRING)) {
			uint32_t cp;
			int l = utf8_decode((const unsigned char *)p + i, n - i, &cp);
			const char *ch = p + i; /* the character libvterm gets */
			int chlen = l;
			if (l < 0 || (cp >= 0x80 && cp <= 0x9f)) {
				l = l < 0 ? 1 : l;
				ch = fffd;
				chlen = 3;
				buf_add(&t->scratch, p + start, i - start);
				buf_add(&t->scratch, fffd, 3);
				start = i + (size_t)l;
			}
			for (int k = 0; k < chlen && t->guard == GUARD_NORMAL; k++)
				guard_text(t, (unsigned char)ch[k]);
			i += (size_t)l;
			continue;
		}
		int g = guard_step(t, c);
		if (g == GUARD_DROP) {
			buf_add(&t->scratch, p + start, i - start);
			start = i + 1;
		} else if (g == GUARD_REP) {
			buf_add(&t->scratch, p + start, i - start);
			buf_add(&t->scratch, "z", 1);
			start = i + 1;
			vterm_input_write(t->vt, buf_ptr(&t->scratch), buf_used(&t->scratch));
			buf_reset(&t->scratch);
			rep_emulate(t, t->guard_param[0]);
		} else if (g >= GUARD_SGR) {
			buf_add(&t->scratch, p + start, i + 1 - start);
			start = i + 1;
			vterm_input_write(t->vt, buf_ptr(&t->scratch), buf_used(&t->scratch));
			buf_reset(&t->scratch);
			guard_apply(t, g);
		}
		i++;
	}
	buf_add(&t->scratch, p + start, n - start);
	if (buf_used(&t->scratch) > 0)
		vterm_input_write(t->vt, buf_ptr(&t->scratch), buf_used(&t->scratch));
}

void term_feed(struct term *t, const char *bytes, size_t len)
{
	if (len == 0)
		return;
	const char *p = bytes;
	size_t n = len;
	int held = buf_used(&t->pending) > 0;
	if (held) {
		buf_add(&t->pending, bytes, len);
		p = buf_ptr(&t->pending);
		n = buf_used(&t->pending);
	}
	size_t done = 0;
	while (done < n) {
		size_t cut = feed_cut(p + done, n - done);
		if (cut == 0)
			break;
		vterm_write_safe(t, p + done, cut);
		done += cut;
	}
	if (held)
		buf_consume(&t->pending, done);
	else if (done < n)
		buf_add(&t->pending, p + done, n - done);
	term_notify(t);
}

void term_resize(struct term *t, int rows, int cols)
{
	if (rows < 1)
		rows = 1;
	if (cols < TERM_MIN_COLS)
		cols = TERM_MIN_COLS;
	if (rows == t->rows && cols == t->cols)
		return;
	/* cb_resize reflows the screens and says where the cursor goes. */
	vterm_set_size(t->vt, rows, cols);
	/* libvterm 0.1.4 keeps scroll margins set for the old size, and a
	 * later scroll inside them moves a rectangle of negative size: reset
	 * them, as xterm does on a resize (this also homes the cursor), then
	 * put the cursor on its character again. */
	char cup[48];
	int row = t->resize_row < rows ? t->resize_row : rows - 1;
	int col = t->resize_col < cols ? t->resize_col : cols - 1;
	int len = snprintf(cup, sizeof cup, "\x1b[r\x1b[%d;%dH", row + 1, col + 1);
	vterm_input_write(t->vt, cup, (size_t)len);
	int n = scrollback_count(t->sb);
	if (t->view_offset > n)
		t->view_offset = n;
	t->sb_gen++; /* cached lines were laid out for the old width */
	dirty_all(t);
	term_notify(t);
}

void term_size(const struct term *t, int *rows, int *cols)
{
	if (rows != NULL)
		*rows = t->rows;
	if (cols != NULL)
		*cols = t->cols;
}

/* --- reading --- */

/* Scrollback line n (0 = newest) laid out at the current width. */
static const struct term_cell *sb_row(const struct term *t, int n)
{
	struct term_sbcache *c = t->cache;
	if (c->index == n && c->gen == t->sb_gen && c->cols == t->cols)
		return c->cells;
	if (t->cols > c->cap) {
		c->cells = xreallocarray(c->cells, (size_t)t->cols, sizeof *c->cells);
		c->cap = t->cols;
	}
	if (scrollback_line_cells(t->sb, n, c->cells, t->cols) < 0) {
		c->index = -1;
		return NULL;
	}
	c->index = n;
	c->gen = t->sb_gen;
	c->cols = t->cols;
	return c->cells;
}

int term_cell(const struct term *t, int row, int col, struct term_cell *out)
{
	grid_cell_blank(out);
	if (col < 0 || col >= t->cols || row >= t->rows)
		return -1;
	if (row < 0) {
		const struct term_cell *cells = sb_row(t, -row - 1);
		if (cells == NULL)
			return -1;
		*out = cells[col];
		return 0;
	}
	grid_get(t->scr, row, col, out);
	return 0;
}

int term_row_wrapped(const struct term *t, int row)
{
	if (row >= t->rows)
		return 0;
	if (row < 0)
		return scrollback_line_wrapped(t->sb, -row - 1);
	return !!(grid_line(t->scr, row)->flags & GRID_LINE_WRAPPED);
}

char *term_cells_text(const struct term_cell *cells, int n)
{
	struct buf b;
	size_t keep = 0; /* length up to the last non-blank cell */
	buf_init(&b);
	for (int i = 0; i < n; i++) {
		const struct term_cell *c = &cells[i];
		if (c->width == 0)
			continue;
		if (c->nch == 0) {
			buf_add(&b, " ", 1);
			continue;
		}
		char u[4];
		for (int k = 0; k < c->nch && k < TERM_MAX_CHARS; k++)
			buf_add(&b, u, (size_t)utf8_encode(c->ch[k], u));
		if (c->nch > 1 || c->ch[0] != ' ')
			keep = b.len;
	}
	char *s = buf_steal(&b, NULL);
	s[keep] = '\0';
	return s;
}

static char *row_text(const struct term *t, int row)
{
	if (row >= t->rows)
		return NULL;
	if (row < 0) {
		const struct term_cell *cells = sb_row(t, -row - 1);
		return cells ? term_cells_text(cells, t->cols) : NULL;
	}
	const struct grid_line *l = grid_line(t->scr, row);
	int n = l->used < t->cols ? l->used : t->cols;
	return term_cells_text(l->cells, n);
}

char *term_row_text(const struct term *t, int row) { return row_text(t, row); }

void term_cursor(const struct term *t, int *row, int *col, int *visible, int *shape)
{
	VTermPos pos;
	vterm_state_get_cursorpos(t->state, &pos);
	/* libvterm can leave the position past the edge (waiting to wrap, or
	 * after a restore saved at another size): report the cell it is drawn
	 * on. */
	if (pos.row >= t->rows)
		pos.row = t->rows - 1;
	if (pos.col >= t->cols)
		pos.col = t->cols - 1;
	if (pos.row < 0)
		pos.row = 0;
	if (pos.col < 0)
		pos.col = 0;
	if (row != NULL)
		*row = pos.row;
	if (col != NULL)
		*col = pos.col;
	if (visible != NULL)
		*visible = t->cursor_visible;
	if (shape != NULL)
		*shape = t->cursor_shape;
}

const char *term_title(const struct term *t) { return t->title; }
int term_altscreen(const struct term *t) { return t->altscreen; }

int term_take_bell(struct term *t)
{
	int b = t->bell;
	t->bell = 0;
	return b;
}

int term_damaged(const struct term *t) { return t->damaged; }

int term_row_dirty(const struct term *t, int row)
{
	if (row < 0 || row >= t->rows || row >= t->dirty_cap)
		return 0;
	return t->dirty[row];
}

int term_take_damage(struct term *t)
{
	int d = t->damaged;
	memset(t->dirty, 0, (size_t)t->dirty_cap);
	t->damaged = 0;
	return d;
}

/* --- keyboard --- */

static VTermModifier mods_to_vterm(int mods)
{
	int m = 0;
	if (mods & TERM_MOD_SHIFT)
		m |= VTERM_MOD_SHIFT;
	if (mods & TERM_MOD_ALT)
		m |= VTERM_MOD_ALT;
	if (mods & TERM_MOD_CTRL)
		m |= VTERM_MOD_CTRL;
	return (VTermModifier)m;
}

void term_key_unichar(struct term *t, uint32_t c, int mods)
{
	/* Ctrl with an upper-case letter means the same control code. */
	if ((mods & TERM_MOD_CTRL) && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	vterm_keyboard_unichar(t->vt, c, mods_to_vterm(mods));
}

static VTermKey key_to_vterm(enum term_key k)
{
	static const VTermKey named[] = {
		[TERM_KEY_NONE] = VTERM_KEY_NONE,
		[TERM_KEY_ENTER] = VTERM_KEY_ENTER,
		[TERM_KEY_TAB] = VTERM_KEY_TAB,
		[TERM_KEY_BACKSPACE] = VTERM_KEY_BACKSPACE,
		[TERM_KEY_ESCAPE] = VTERM_KEY_ESCAPE,
		[TERM_KEY_UP] = VTERM_KEY_UP,
		[TERM_KEY_DOWN] = VTERM_KEY_DOWN,
		[TERM_KEY_LEFT] = VTERM_KEY_LEFT,
		[TERM_KEY_RIGHT] = VTERM_KEY_RIGHT,
		[TERM_KEY_INS] = VTERM_KEY_INS,
		[TERM_KEY_DEL] = VTERM_KEY_DEL,
		[TERM_KEY_HOME] = VTERM_KEY_HOME,
		[TERM_KEY_END] = VTERM_KEY_END,
		[TERM_KEY_PAGEUP] = VTERM_KEY_PAGEUP,
		[TERM_KEY_PAGEDOWN] = VTERM_KEY_PAGEDOWN,
	};
	static const VTermKey keypad[] = {
		[TERM_KEY_KP_MULT - TERM_KEY_KP_MULT] = VTERM_KEY_KP_MULT,
		[TERM_KEY_KP_PLUS - TERM_KEY_KP_MULT] = VTERM_KEY_KP_PLUS,
		[TERM_KEY_KP_COMMA - TERM_KEY_KP_MULT] = VTERM_KEY_KP_COMMA,
		[TERM_KEY_KP_MINUS - TERM_KEY_KP_MULT] = VTERM_KEY_KP_MINUS,
		[TERM_KEY_KP_PERIOD - TERM_KEY_KP_MULT] = VTERM_KEY_KP_PERIOD,
		[TERM_KEY_KP_DIVIDE - TERM_KEY_KP_MULT] = VTERM_KEY_KP_DIVIDE,
		[TERM_KEY_KP_ENTER - TERM_KEY_KP_MULT] = VTERM_KEY_KP_ENTER,
		[TERM_KEY_KP_EQUAL - TERM_KEY_KP_MULT] = VTERM_KEY_KP_EQUAL,
	};
	int n = (int)k;
	if (n >= 0 && n < (int)(sizeof named / sizeof named[0]))
		return named[n];
	if (n >= TERM_KEY_F1 && n < TERM_KEY_KP_0)
		return (VTermKey)VTERM_KEY_FUNCTION(n - TERM_KEY_F1 + 1);
	if (n >= TERM_KEY_KP_0 && n < TERM_KEY_KP_MULT)
		return (VTermKey)(VTERM_KEY_KP_0 + (n - TERM_KEY_KP_0));
	if (n >= TERM_KEY_KP_MULT && n < TERM_KEY_COUNT)
		return keypad[n - TERM_KEY_KP_MULT];
	return VTERM_KEY_NONE;
}

void term_key(struct term *t, enum term_key k, int mods)
{
	VTermKey vk = key_to_vterm(k);
	if (vk != VTERM_KEY_NONE)
		vterm_keyboard_key(t->vt, vk, mods_to_vterm(mods));
}

void term_paste(struct term *t, const char *bytes, size_t len)
{
	vterm_keyboard_start_paste(t->vt);
	term_input_raw(t, bytes, len);
	vterm_keyboard_end_paste(t->vt);
}

void term_input_raw(struct term *t, const char *bytes, size_t len)
{
	if (t->cb.output != NULL && len > 0)
		t->cb.output(bytes, len, t->arg);
}

/* --- scrollback and the scroll view --- */

int term_scrollback_lines(const struct term *t) { return scrollback_count(t->sb); }
int term_scrollback_limit(const struct term *t) { return scrollback_limit(t->sb); }
size_t term_scrollback_bytes(const struct term *t) { return scrollback_bytes(t->sb); }

void term_set_scrollback_limit(struct term *t, int limit)
{
	scrollback_set_limit(t->sb, limit);
	t->sb_gen++;
	int n = scrollback_count(t->sb);
	if (t->view_offset > n) {
		t->view_offset = n;
		dirty_all(t);
	}
}

int term_scroll_view(struct term *t, int delta)
{
	int n = scrollback_count(t->sb);
	long off = (long)t->view_offset + delta;
	if (off < 0)
		off = 0;
	if (off > n)
		off = n;
	if (off != t->view_offset) {
		t->view_offset = (int)off;
		dirty_all(t);
	}
	return t->view_offset;
}

int term_view_offset(const struct term *t) { return t->view_offset; }

void term_view_reset(struct term *t) { term_scroll_view(t, -t->view_offset); }

int term_view_cell(const struct term *t, int screen_row, int col, struct term_cell *out)
{
	if (screen_row < 0 || screen_row >= t->rows) {
		grid_cell_blank(out);
		return -1;
	}
	return term_cell(t, screen_row - t->view_offset, col, out);
}

char *term_view_row_text(const struct term *t, int screen_row)
{
	if (screen_row < 0 || screen_row >= t->rows)
		return NULL;
	return row_text(t, screen_row - t->view_offset);
}
