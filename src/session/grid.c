/* grid.c: the screen cells of grid.h: a ring of lines, writes that keep
 * wide characters paired, erases and scrolls. Owns the lines and their
 * cells. Called by the terminal model (session/term.c) from libvterm's
 * state callbacks, and by the reflow on resize (session/grid-reflow.c). */
#include "config.h"
#include "session/grid.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

void grid_cell_blank(struct term_cell *c)
{
	memset(c, 0, sizeof *c);
	c->ch[0] = ' ';
	c->nch = 1;
	c->width = 1;
}

static void cell_blank_bg(struct term_cell *c, const struct term_color *bg)
{
	grid_cell_blank(c);
	if (bg != NULL)
		c->bg = *bg;
}

/* The half of a wide character whose other half went: a blank in the
 * cell's own colours, as xterm erases it. */
static void cell_orphan(struct term_cell *c)
{
	struct term_cell was = *c;
	grid_cell_blank(c);
	c->attr = was.attr & (uint16_t)~GRID_ATTR_PROTECTED;
	c->fg = was.fg;
	c->bg = was.bg;
}

void grid_line_init(struct grid_line *l, int cols)
{
	l->cells = xreallocarray(NULL, (size_t)cols, sizeof *l->cells);
	l->used = 0;
	l->flags = 0;
}

/* Make cells [used, n) real blanks so that they can be moved or written. */
static void line_fill(struct grid_line *l, int n)
{
	for (int i = l->used; i < n; i++)
		grid_cell_blank(&l->cells[i]);
	if (n > l->used)
		l->used = n;
}

/* The whole line blank on bg: O(1) on the default background. */
static void line_reset(struct grid_line *l, int cols, const struct term_color *bg)
{
	l->flags = 0;
	l->used = 0;
	if (bg != NULL && bg->kind != TERM_COLOR_DEFAULT) {
		for (int i = 0; i < cols; i++)
			cell_blank_bg(&l->cells[i], bg);
		l->used = cols;
	}
}

/* Every wide character of the line followed by its right half, and no
 * right half without one. */
static void line_fix_pairs(struct grid_line *l)
{
	struct term_cell *c = l->cells;
	for (int i = 0; i < l->used; i++) {
		if (c[i].width == 2 && i + 1 < l->used && c[i + 1].width == 0)
			i++;
		else if (c[i].width != 1)
			cell_orphan(&c[i]);
	}
}

struct grid *grid_new(int rows, int cols)
{
	struct grid *g = xcalloc(1, sizeof *g);
	g->rows = rows;
	g->cols = cols;
	g->ring = xreallocarray(NULL, (size_t)rows, sizeof *g->ring);
	for (int r = 0; r < rows; r++)
		grid_line_init(&g->ring[r], cols);
	return g;
}

static void free_lines(struct grid *g)
{
	for (int r = 0; r < g->rows; r++)
		free(g->ring[r].cells);
	free(g->ring);
}

void grid_free(struct grid *g)
{
	if (g == NULL)
		return;
	free_lines(g);
	free(g);
}

void grid_adopt(struct grid *g, int rows, int cols, struct grid_line *lines)
{
	free_lines(g);
	g->rows = rows;
	g->cols = cols;
	g->top = 0;
	g->ring = xreallocarray(NULL, (size_t)rows, sizeof *g->ring);
	memcpy(g->ring, lines, (size_t)rows * sizeof *g->ring);
}

void grid_clear(struct grid *g)
{
	for (int r = 0; r < g->rows; r++)
		line_reset(&g->ring[r], g->cols, NULL);
}

void grid_get(const struct grid *g, int r, int c, struct term_cell *out)
{
	const struct grid_line *l = grid_line(g, r);
	if (c < l->used) {
		*out = l->cells[c];
		out->attr &= (uint16_t)~GRID_ATTR_PROTECTED;
	} else {
		grid_cell_blank(out);
	}
}

static int cell_blank_look(const struct term_cell *c)
{
	if (c->width != 1 || c->nch != 1 || c->ch[0] != ' ')
		return 0;
	if (c->attr & (TERM_ATTR_REVERSE | TERM_ATTR_UNDERLINE | TERM_ATTR_STRIKE))
		return 0;
	return c->bg.kind == TERM_COLOR_DEFAULT;
}

int grid_line_blank(const struct grid_line *l)
{
	for (int i = 0; i < l->used; i++)
		if (!cell_blank_look(&l->cells[i]))
			return 0;
	return 1;
}

void grid_put(struct grid *g, int r, int c, const uint32_t *chars, int n, int width,
    const struct term_cell *pen)
{
	if (r < 0 || r >= g->rows || c < 0 || c >= g->cols)
		return;
	struct grid_line *l = grid_line(g, r);
	if (width == 2 && c + 1 >= g->cols)
		width = 0; /* no room for the right half: a blank */
	int w = width == 2 ? 2 : 1;
	line_fill(l, c + w);
	struct term_cell *cells = l->cells;
	/* The other halves of wide characters this glyph covers. */
	if (cells[c].width == 0 && c > 0 && cells[c - 1].width == 2)
		cell_orphan(&cells[c - 1]);
	if (cells[c + w - 1].width == 2 && c + w < l->used)
		cell_orphan(&cells[c + w]);
	struct term_cell *dst = &cells[c];
	dst->attr = pen->attr;
	dst->fg = pen->fg;
	dst->bg = pen->bg;
	if (width == 0 || n <= 0) {
		memset(dst->ch, 0, sizeof dst->ch);
		dst->ch[0] = ' ';
		dst->nch = 1;
		dst->width = 1;
		return;
	}
	if (n > TERM_MAX_CHARS)
		n = TERM_MAX_CHARS;
	memcpy(dst->ch, chars, (size_t)n * sizeof *chars);
	if (n < TERM_MAX_CHARS)
		memset(dst->ch + n, 0, (size_t)(TERM_MAX_CHARS - n) * sizeof *chars);
	dst->nch = n;
	dst->width = w;
	if (w == 2) {
		struct term_cell *rh = &cells[c + 1];
		*rh = *dst;
		memset(rh->ch, 0, sizeof rh->ch);
		rh->nch = 0;
		rh->width = 0;
	}
}

/* Clip a rectangle to the grid; 0 when nothing is left. */
static int clip(const struct grid *g, struct grid_rect *r)
{
	if (r->start_row < 0)
		r->start_row = 0;
	if (r->start_col < 0)
		r->start_col = 0;
	if (r->end_row > g->rows)
		r->end_row = g->rows;
	if (r->end_col > g->cols)
		r->end_col = g->cols;
	return r->start_row < r->end_row && r->start_col < r->end_col;
}

/* Erase columns [a, b) of one line. */
static void line_erase(struct grid_line *l, int cols, int a, int b, int selective,
    const struct term_color *bg)
{
	int plain = bg == NULL || bg->kind == TERM_COLOR_DEFAULT;
	if (a == 0 && b >= cols && !selective) {
		line_reset(l, cols, bg);
		return;
	}
	if (plain && !selective && b >= l->used) {
		if (a < l->used)
			l->used = a;
	} else {
		if (!plain)
			line_fill(l, b);
		int end = b < l->used ? b : l->used;
		for (int i = a; i < end; i++)
			if (!selective || !(l->cells[i].attr & GRID_ATTR_PROTECTED))
				cell_blank_bg(&l->cells[i], bg);
	}
	if (a > 0 && a - 1 < l->used && l->cells[a - 1].width == 2)
		cell_orphan(&l->cells[a - 1]);
	if (b < l->used && l->cells[b].width == 0)
		cell_orphan(&l->cells[b]);
	if (a == 0 && b >= cols)
		l->flags &= ~GRID_LINE_WRAPPED;
}

void grid_erase(struct grid *g, struct grid_rect r, int selective, const struct term_color *bg)
{
	if (!clip(g, &r))
		return;
	for (int row = r.start_row; row < r.end_row; row++)
		line_erase(grid_line(g, row), g->cols, r.start_col, r.end_col, selective, bg);
}

/* Whole lines of rows [top, bot) move up by n (down by -n), the uncovered
 * ones blanked: the line records rotate, no cell moves. */
static void rotate_lines(struct grid *g, int top, int bot, int n, const struct term_color *bg)
{
	if (top == 0 && bot == g->rows && n > 0) {
		for (int i = 0; i < n; i++) {
			line_reset(grid_line(g, 0), g->cols, bg);
			g->top = g->top + 1 == g->rows ? 0 : g->top + 1;
		}
		return;
	}
	int k = n > 0 ? n : -n;
	struct grid_line saved[64], *tmp = k <= 64 ? saved : xreallocarray(NULL, (size_t)k, sizeof *tmp);
	if (n > 0) {
		for (int i = 0; i < k; i++)
			tmp[i] = *grid_line(g, top + i);
		for (int row = top; row < bot - k; row++)
			*grid_line(g, row) = *grid_line(g, row + k);
		for (int i = 0; i < k; i++) {
			*grid_line(g, bot - k + i) = tmp[i];
			line_reset(grid_line(g, bot - k + i), g->cols, bg);
		}
	} else {
		for (int i = 0; i < k; i++)
			tmp[i] = *grid_line(g, bot - k + i);
		for (int row = bot - 1; row >= top + k; row--)
			*grid_line(g, row) = *grid_line(g, row - k);
		for (int i = 0; i < k; i++) {
			*grid_line(g, top + i) = tmp[i];
			line_reset(grid_line(g, top + i), g->cols, bg);
		}
	}
	if (tmp != saved)
		free(tmp);
}

void grid_scroll(struct grid *g, struct grid_rect r, int down, int right, const struct term_color *bg)
{
	if (!clip(g, &r) || (down == 0 && right == 0))
		return;
	int height = r.end_row - r.start_row, width = r.end_col - r.start_col;
	if (down >= height || -down >= height || right >= width || -right >= width) {
		grid_erase(g, r, 0, bg);
		return;
	}
	if (right == 0 && r.start_col == 0 && r.end_col == g->cols) {
		rotate_lines(g, r.start_row, r.end_row, down, bg);
		return;
	}
	/* A part of the width, or sideways: cells move, line by line. */
	int sc = r.start_col, ec = r.end_col;
	int first = down >= 0 ? r.start_row : r.end_row - 1;
	int step = down >= 0 ? 1 : -1;
	for (int row = first; row >= r.start_row && row < r.end_row; row += step) {
		struct grid_line *dst = grid_line(g, row);
		int from = row + down;
		line_fill(dst, ec);
		if (from < r.start_row || from >= r.end_row) {
			line_erase(dst, g->cols, sc, ec, 0, bg);
			continue;
		}
		if (down != 0) {
			struct grid_line *src = grid_line(g, from);
			line_fill(src, ec);
			memcpy(dst->cells + sc, src->cells + sc, (size_t)width * sizeof *dst->cells);
		}
		if (right > 0) {
			memmove(dst->cells + sc, dst->cells + sc + right, (size_t)(width - right) * sizeof *dst->cells);
			line_erase(dst, g->cols, ec - right, ec, 0, bg);
		} else if (right < 0) {
			memmove(dst->cells + sc - right, dst->cells + sc, (size_t)(width + right) * sizeof *dst->cells);
			line_erase(dst, g->cols, sc, sc - right, 0, bg);
		}
		line_fix_pairs(dst);
	}
}
