/* term-read.c: reading a terminal model (term.h): cells and text of the
 * screen and the scrollback, the cursor, title and bell, the dirty rows,
 * and the scroll view over the scrollback. Reads struct term (see
 * term-private.h); the only state it changes is the view offset, the
 * damage marks and the decoded-line cache. */
#include "config.h"
#include "session/term-private.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

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

/* --- scrollback and the scroll view --- */

int term_scrollback_lines(const struct term *t) { return scrollback_count(t->sb); }
unsigned long long term_scrolled(const struct term *t) { return t->scrolled; }
int term_scrollback_limit(const struct term *t) { return scrollback_limit(t->sb); }
size_t term_scrollback_bytes(const struct term *t) { return scrollback_bytes(t->sb); }

void term_set_scrollback_limit(struct term *t, int limit)
{
	scrollback_set_limit(t->sb, limit);
	t->sb_gen++;
	int n = scrollback_count(t->sb);
	if (t->view_offset > n) {
		t->view_offset = n;
		term_dirty_all(t);
	}
}

void term_clear_scrollback(struct term *t)
{
	scrollback_clear(t->sb);
	t->sb_gen++;
	if (t->view_offset > 0)
		t->view_offset = 0;
	term_dirty_all(t);
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
		term_dirty_all(t);
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

