/* term.c: the headless terminal model of term.h. libvterm's state layer
 * (VTermState) parses the output and keeps the modes, pen, cursor,
 * charsets, margins and replies; the cells are porthole's own: a grid per
 * screen (session/grid.h) fed by the state callbacks, the lines that scroll
 * off the top in the compact scrollback ring (session/scrollback.h). Owns
 * the VTerm, both grids, the scrollback, the dirty-row marks and the title
 * copy. Called by the exec session (term_feed, term_resize), the UI
 * and the tests. The model's other parts have their own files: the guard
 * in front of libvterm's parser (term-guard.c), reading cells and the
 * scroll view (term-read.c) and keyboard encoding (term-keys.c); they
 * share struct term through term-private.h.
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
 * UTF-8, so every write passes a guard first (term-guard.c); and it
 * keeps scroll margins for the old size on a resize, so term_resize()
 * resets them and puts the cursor back. */
#include "config.h"
#include "session/term-private.h"
#include "session/mousecode.h"
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

static void dirty_reserve(struct term *t, int rows)
{
	if (rows <= t->dirty_cap)
		return;
	t->dirty = xrealloc(t->dirty, (size_t)rows);
	memset(t->dirty + t->dirty_cap, 0, (size_t)(rows - t->dirty_cap));
	t->dirty_cap = rows;
}

void term_dirty_all(struct term *t)
{
	int n = t->rows < t->dirty_cap ? t->rows : t->dirty_cap;
	memset(t->dirty, 1, (size_t)n);
	t->damaged = 1;
}

/* Mark screen rows [start, end) dirty. While the view is scrolled back the
 * screen rows sit lower in the view, so the whole view is redrawn. */
void term_dirty_rows(struct term *t, int start, int end)
{
	if (t->view_offset > 0) {
		term_dirty_all(t);
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
	term_dirty_rows(t, pos.row, pos.row + 1);
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
	term_dirty_rows(t, oldpos.row, oldpos.row + 1);
	term_dirty_rows(t, pos.row, pos.row + 1);
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
	t->scrolled += (unsigned)n;
	t->sb_gen++;
	if (t->view_offset > 0) {
		/* Keep the same lines in view. */
		int count = scrollback_count(t->sb);
		t->view_offset += n;
		if (t->view_offset > count)
			t->view_offset = count;
		term_dirty_all(t);
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
	term_dirty_rows(t, r.start_row, r.end_row);
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
	term_dirty_rows(t, rect.start_row, rect.end_row);
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
		term_dirty_all(t);
		break;
	case VTERM_PROP_MOUSE:
		/* VTERM_PROP_MOUSE_NONE .. MOVE are MOUSE_MODE_NONE .. MOVE. */
		t->mouse_level = val->number >= 0 && val->number <= MOUSE_MODE_MOVE ? val->number : 0;
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
	term_dirty_all(t);
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
	term_dirty_all(t);
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
		size_t cut = term_feed_cut(p + done, n - done);
		if (cut == 0)
			break;
		term_write_safe(t, p + done, cut);
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
	term_dirty_all(t);
	term_notify(t);
}

void term_size(const struct term *t, int *rows, int *cols)
{
	if (rows != NULL)
		*rows = t->rows;
	if (cols != NULL)
		*cols = t->cols;
}
