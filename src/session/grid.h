/* grid.h: the cells of one terminal screen (the primary or the alternate),
 * kept by the terminal model (session/term.c) from libvterm's state
 * callbacks. Lines live in a ring of rows: scrolling the whole screen by a
 * line moves the ring's start, a scroll region moves only its own rows
 * (O(rows) line records, never the cells), and a line records how many of
 * its cells were written so that clearing one is O(1) when it is erased
 * with the default background.
 *
 * A grid keeps the pairing of wide characters at all times: a cell of
 * width 2 is followed by its right half (width 0, no codepoints), and
 * writing, erasing or moving over one half blanks the other (as xterm and
 * tmux do). Each line has a wrapped flag: the text continues on the next
 * line (set by the terminal model when it sees an autowrap), which reflow
 * (grid_reflow, session/grid-reflow.c) and the scrollback read.
 *
 * Ownership: grid_new() returns a grid the caller frees with grid_free().
 * Line and cell pointers stay valid until the next call that changes the
 * grid. Nothing here knows about libvterm, curses or the scrollback. */
#ifndef PH_GRID_H
#define PH_GRID_H
#include "session/term.h"

/* The line's text continues on the next line (an autowrap). */
#define GRID_LINE_WRAPPED 1u
/* A term_cell.attr bit kept only inside the grid: the cell was written
 * under DECSCA and a selective erase leaves it. Never seen by readers. */
#define GRID_ATTR_PROTECTED 0x8000u

struct grid_line {
	struct term_cell *cells; /* cols of them; [used, cols) read as blanks */
	int used;
	unsigned flags; /* GRID_LINE_* */
};

struct grid {
	int rows, cols;
	int top;                /* ring slot of row 0 */
	struct grid_line *ring; /* rows slots */
};

/* A rectangle of cells, ends exclusive (as libvterm's VTermRect). */
struct grid_rect {
	int start_row, end_row, start_col, end_col;
};

struct grid *grid_new(int rows, int cols);
void grid_free(struct grid *g);

/* Row r (0 .. rows-1) of the screen. */
static inline struct grid_line *grid_line(const struct grid *g, int r)
{
	int slot = g->top + r;
	if (slot >= g->rows)
		slot -= g->rows;
	return &g->ring[slot];
}

/* A blank cell: one space, default colours, no attributes. */
void grid_cell_blank(struct term_cell *c);
/* The cell at r, c as a reader sees it (blanks past the written part). */
void grid_get(const struct grid *g, int r, int c, struct term_cell *out);

/* Write a glyph of width 1 or 2 (n codepoints, at most TERM_MAX_CHARS
 * kept) with pen's attributes and colours at r, c. Halves of wide
 * characters it covers are blanked; a width-2 glyph on the last column
 * becomes a blank. Out of range: nothing. */
void grid_put(struct grid *g, int r, int c, const uint32_t *chars, int n, int width,
    const struct term_cell *pen);
/* Erase the rectangle to blanks on bg's background (the other members of
 * bg are ignored). selective: cells written as protected stay. A line
 * erased across its whole width loses its wrapped flag. */
void grid_erase(struct grid *g, struct grid_rect r, int selective, const struct term_color *bg);
/* Move the rectangle's contents up by down rows (down < 0: down) and left
 * by right columns (right < 0: right), as libvterm's scrollrect: what is
 * uncovered is erased to bg. The rectangle is clipped to the grid. */
void grid_scroll(struct grid *g, struct grid_rect r, int down, int right, const struct term_color *bg);
/* Blank every line, clear every flag. */
void grid_clear(struct grid *g);
/* Whether line l reads as nothing: no cell written, or only default blanks. */
int grid_line_blank(const struct grid_line *l);

/* Where a line of at most cols columns starting at cells[pos] ends when
 * the n cells of a joined (unwrapped) line are wrapped: a wide character
 * that would straddle the edge moves to the next line. */
static inline int grid_wrap_end(const struct term_cell *cells, int pos, int n, int cols)
{
	int end = pos + cols < n ? pos + cols : n;
	if (end < n && end > pos + 1 && cells[end].width == 0)
		end--;
	return end;
}

/* Replace the grid's lines with nlines lines taken over from lines (the
 * grid owns their cells from now on; the array itself stays the caller's)
 * at a new size: nlines must equal rows and every line must have cols
 * cells. The old lines are freed. */
void grid_adopt(struct grid *g, int rows, int cols, struct grid_line *lines);
/* A new line of cols cells, blank. */
void grid_line_init(struct grid_line *l, int cols);

#endif
