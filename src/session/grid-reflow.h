/* grid-reflow.h: resizing a screen's grid. The primary screen is reflowed
 * as tmux does it: its lines and the scrollback's are one text, wrapped
 * lines are joined and split again at the new width, and the screen is
 * the last rows lines of the result; the alternate screen is cut or padded.
 * Called by the terminal model (session/term.c) when the size changes.
 *
 * Both functions take the cursor (*crow, *ccol; *crow < 0 for none) and
 * give back where the same character is after the change, clamped to the
 * new size. The grid is resized in place; the scrollback (which may be
 * NULL for none) takes lines that no longer fit above the screen and gives
 * lines back when the screen grows taller. */
#ifndef PH_GRID_REFLOW_H
#define PH_GRID_REFLOW_H
#include "session/grid.h"
#include "session/scrollback.h"

void grid_reflow(struct grid *g, struct scrollback *sb, int rows, int cols, int *crow, int *ccol);
void grid_resize_cut(struct grid *g, int rows, int cols, int *crow, int *ccol);

#endif
