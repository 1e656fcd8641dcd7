/* scrollback.h: the lines that scrolled off the top of a terminal, in a ring
 * with a line limit. The terminal model (session/term.c) pushes each row that
 * leaves the screen and pops rows back when the screen grows taller; the
 * scroll view reads lines by index.
 *
 * Lines are stored compactly, not as libvterm's 40-byte cells: the text as
 * UTF-8, attributes as runs of cells that share a pen (12 bytes a run), and
 * one extra byte a cell only for lines holding wide or combining characters.
 * Trailing blanks are trimmed. A line of 200 ASCII cells with a few colour
 * changes costs about 250 bytes; the worst case (a new pen on every cell) is
 * about 13 bytes a cell, so memory is bounded by limit x columns.
 *
 * Ownership: scrollback_new() returns a ring the caller frees with
 * scrollback_free(). The ring copies what is pushed; readers get copies into
 * caller-provided cells. */
#ifndef PH_SCROLLBACK_H
#define PH_SCROLLBACK_H
#include <stddef.h>
#include "session/term.h"

struct scrollback;

/* A ring keeping at most limit lines (negative is taken as 0). */
struct scrollback *scrollback_new(int limit);
void scrollback_free(struct scrollback *sb);

/* Change the limit; when lowered, the oldest lines are dropped. */
void scrollback_set_limit(struct scrollback *sb, int limit);
int scrollback_limit(const struct scrollback *sb);
/* Lines held. */
int scrollback_count(const struct scrollback *sb);
void scrollback_clear(struct scrollback *sb);

/* Add ncols cells as the newest line, dropping the oldest line when the ring
 * is full (a limit of 0 stores nothing). wrapped: the line's text goes on
 * in the next line (an autowrap); its trailing blanks are then kept. */
void scrollback_push(struct scrollback *sb, const struct term_cell *cells, int ncols, int wrapped);
/* Take the newest line out into cells[0 .. ncols-1] (see
 * scrollback_line_cells for how it is laid out), its wrapped flag into
 * *wrapped (may be NULL). Returns the columns it covers (at most ncols),
 * or -1 when the ring is empty. */
int scrollback_pop(struct scrollback *sb, struct term_cell *cells, int ncols, int *wrapped);
/* Whether line n (0 the newest) is wrapped; 0 when n is out of range. */
int scrollback_line_wrapped(const struct scrollback *sb, int n);
/* Mark the newest line wrapped (its text went on after it was pushed). */
void scrollback_set_newest_wrapped(struct scrollback *sb);
/* Rewrap every line at cols columns, as on a resize: wrapped lines are
 * joined with the lines they go on in and split again, wide characters
 * kept whole; a line that is not wrapped and fits stays as it is. A
 * wrapped newest line stays wrapped (its text goes on in the screen: the
 * caller takes such lines out first to rewrap them with the screen).
 * When rewrapping gives more lines than the limit, the oldest go. */
void scrollback_reflow(struct scrollback *sb, int cols);

/* Line n, counted back from the newest (n 0 is the newest,
 * scrollback_count() - 1 the oldest), decoded into cells[0 .. ncols-1]:
 * columns past the stored ones are blank default cells; a wide character
 * that would not fit in the last column becomes a blank. Returns the number
 * of columns the stored line covers, or -1 (cells untouched) when n is out
 * of range. */
int scrollback_line_cells(const struct scrollback *sb, int n, struct term_cell *cells, int ncols);
/* Columns line n covers after trimming, or -1 when n is out of range. */
int scrollback_line_width(const struct scrollback *sb, int n);

/* Bytes the ring uses: the ring itself, the line index, each stored line
 * (plus an estimated 16 bytes of allocator overhead per line) and the
 * scratch space used while pushing. */
size_t scrollback_bytes(const struct scrollback *sb);

#endif
