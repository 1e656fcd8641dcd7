/* grid-reflow.c: resizing grids (grid-reflow.h): the primary screen's
 * reflow over the scrollback and the alternate screen's cut. Owns nothing
 * past a call. Called by the terminal model (session/term.c) on a resize.
 *
 * The primary screen: when the width changes, the wrapped lines at the
 * scrollback's newest end (their text goes on in the screen) are taken
 * back, the rest of the scrollback is rewrapped on its own
 * (scrollback_reflow), and these lines and the screen's are joined into
 * logical lines and split at the new width. Then the result is fitted to
 * the new height: blank lines below the cursor go first, then lines from
 * the top go to the scrollback; a screen that is too short takes lines back
 * from the scrollback and is padded with blank lines at the bottom. */
#include "config.h"
#include "session/grid-reflow.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

/* A growable list of lines, each owning its cells. */
struct lines {
	struct grid_line *v;
	int n, cap;
};

static struct grid_line *lines_add(struct lines *ls)
{
	if (ls->n == ls->cap) {
		ls->cap = ls->cap < 16 ? 16 : ls->cap * 2;
		ls->v = xreallocarray(ls->v, (size_t)ls->cap, sizeof *ls->v);
	}
	return &ls->v[ls->n++];
}

/* A new blank line of cols cells at the end of ls. */
static struct grid_line *lines_new(struct lines *ls, int cols)
{
	struct grid_line *l = lines_add(ls);
	grid_line_init(l, cols);
	return l;
}

/* Lines that are wrapped at the newest end of the scrollback, oldest
 * first, at their own width. */
static void take_open_lines(struct scrollback *sb, struct lines *out)
{
	int n = 0;
	while (scrollback_line_wrapped(sb, n))
		n++;
	int base = out->n;
	for (int i = 0; i < n; i++)
		lines_add(out);
	for (int i = n - 1; i >= 0; i--) {
		struct grid_line *l = &out->v[base + i];
		int w = scrollback_line_width(sb, 0);
		grid_line_init(l, w > 0 ? w : 1);
		int wrapped = 0;
		l->used = scrollback_pop(sb, l->cells, w > 0 ? w : 1, &wrapped);
		if (w <= 0 || l->used < 0)
			l->used = 0;
		l->flags = wrapped ? GRID_LINE_WRAPPED : 0;
	}
}

/* Join each logical line of in and split it at cols into out. The cursor
 * line index *ci (and column *cc) in in are mapped onto out. in's cells
 * are freed. */
static void rewrap(struct lines *in, int cols, struct lines *out, int *ci, int *cc)
{
	int cap = 256;
	struct term_cell *join = xreallocarray(NULL, (size_t)cap, sizeof *join);
	int cur = *ci, newci = -1, newcc = 0;
	for (int i = 0; i < in->n;) {
		int len = 0, off = -1;
		for (;;) {
			struct grid_line *l = &in->v[i];
			if (i == cur)
				off = len + *cc;
			if (len + l->used > cap) {
				while (cap < len + l->used)
					cap *= 2;
				join = xreallocarray(join, (size_t)cap, sizeof *join);
			}
			memcpy(join + len, l->cells, (size_t)l->used * sizeof *join);
			len += l->used;
			int more = (l->flags & GRID_LINE_WRAPPED) && i + 1 < in->n;
			free(l->cells);
			i++;
			if (!more)
				break;
		}
		int pos = 0;
		do {
			int end = grid_wrap_end(join, pos, len, cols);
			struct grid_line *nl = lines_new(out, cols);
			memcpy(nl->cells, join + pos, (size_t)(end - pos) * sizeof *join);
			nl->used = end - pos;
			nl->flags = end < len ? GRID_LINE_WRAPPED : 0;
			if (off >= 0 && (off < end || end >= len) && newci < 0) {
				newci = out->n - 1;
				newcc = off - pos;
			}
			pos = end;
		} while (pos < len);
	}
	free(join);
	in->n = 0;
	*ci = newci;
	*cc = newcc;
}

void grid_reflow(struct grid *g, struct scrollback *sb, int rows, int cols, int *crow, int *ccol)
{
	int ci = crow != NULL ? *crow : -1, cc = ccol != NULL ? *ccol : 0;
	if (ci >= g->rows)
		ci = g->rows - 1;
	struct lines in = { 0 }, out = { 0 };
	int reflow = cols != g->cols;
	if (reflow && sb != NULL)
		take_open_lines(sb, &in);
	if (ci >= 0)
		ci += in.n;
	if (reflow && sb != NULL)
		scrollback_reflow(sb, cols);
	for (int r = 0; r < g->rows; r++)
		*lines_add(&in) = *grid_line(g, r);
	/* The grid's lines now belong to in (or out): forget them. */
	for (int r = 0; r < g->rows; r++)
		g->ring[r].cells = NULL;

	if (reflow) {
		rewrap(&in, cols, &out, &ci, &cc);
		free(in.v);
	} else {
		out = in;
	}

	if (out.n > rows) {
		/* Blank lines below the cursor first, then the top. */
		while (out.n > rows && out.n - 1 > ci && !(out.v[out.n - 1].flags & GRID_LINE_WRAPPED) &&
		    grid_line_blank(&out.v[out.n - 1]))
			free(out.v[--out.n].cells);
		int push = out.n - rows;
		for (int i = 0; i < push; i++) {
			if (sb != NULL)
				scrollback_push(sb, out.v[i].cells, out.v[i].used, !!(out.v[i].flags & GRID_LINE_WRAPPED));
			free(out.v[i].cells);
		}
		if (push > 0) {
			memmove(out.v, out.v + push, (size_t)(out.n - push) * sizeof *out.v);
			out.n -= push;
			if (ci >= 0)
				ci = ci < push ? 0 : ci - push;
		}
	}
	if (out.n < rows) {
		int back = 0;
		while (sb != NULL && out.n + back < rows && scrollback_count(sb) > back)
			back++;
		if (back > 0) {
			for (int i = 0; i < back; i++)
				lines_add(&out);
			memmove(out.v + back, out.v, (size_t)(out.n - back) * sizeof *out.v);
			for (int i = back - 1; i >= 0; i--) {
				struct grid_line *l = &out.v[i];
				grid_line_init(l, cols);
				int wrapped = 0;
				l->used = scrollback_pop(sb, l->cells, cols, &wrapped);
				if (l->used < 0)
					l->used = 0;
				l->flags = wrapped ? GRID_LINE_WRAPPED : 0;
			}
			if (ci >= 0)
				ci += back;
		}
		while (out.n < rows)
			lines_new(&out, cols);
	}
	grid_adopt(g, rows, cols, out.v);
	free(out.v);
	if (crow != NULL)
		*crow = ci < 0 ? -1 : ci;
	if (ccol != NULL)
		*ccol = cc < 0 ? 0 : cc >= cols ? cols - 1 : cc;
}

void grid_resize_cut(struct grid *g, int rows, int cols, int *crow, int *ccol)
{
	int ci = crow != NULL ? *crow : -1;
	struct lines out = { 0 };
	int first = 0, last = g->rows; /* rows [first, last) are kept */
	while (last - first > rows && last - 1 > ci && grid_line_blank(grid_line(g, last - 1)))
		last--;
	if (last - first > rows)
		first = last - rows;
	for (int r = 0; r < g->rows; r++) {
		struct grid_line *l = grid_line(g, r);
		if (r < first || r >= last) {
			free(l->cells);
			l->cells = NULL;
			continue;
		}
		struct grid_line *nl = lines_add(&out);
		*nl = *l;
		l->cells = NULL;
		if (cols != g->cols) {
			nl->cells = xreallocarray(nl->cells, (size_t)cols, sizeof *nl->cells);
			if (nl->used > cols) {
				nl->used = cols;
				if (nl->cells[cols - 1].width == 2)
					grid_cell_blank(&nl->cells[cols - 1]);
			}
		}
		nl->flags &= ~GRID_LINE_WRAPPED;
	}
	while (out.n < rows)
		lines_new(&out, cols);
	grid_adopt(g, rows, cols, out.v);
	free(out.v);
	if (crow != NULL && ci >= 0) {
		ci -= first;
		*crow = ci < 0 ? 0 : ci >= rows ? rows - 1 : ci;
	}
	if (ccol != NULL && *ccol >= cols)
		*ccol = cols - 1;
}
