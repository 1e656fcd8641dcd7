/* text.h: text measures for drawing, without curses: the columns a UTF-8
 * string takes, greedy word wrapping to a width, and cutting to a width
 * with a mark. Called by the status line, the pane's hint, the list and
 * the panel. */
#ifndef PH_UI_TEXT_H
#define PH_UI_TEXT_H
#include <stddef.h>
#include "engine/model.h"

/* Columns of s (invalid bytes and unprintable characters count 1). */
int text_width(const char *s);
/* Split s at blanks into lines of at most width columns (a word longer
 * than width is cut). The lines are pushed onto out (allocated copies). */
void text_wrap(const char *s, int width, struct strv *out);
/* s cut to at most width columns: as it is when it fits, else as much as
 * fits before mark (e.g. an ellipsis), then mark. Allocated: the caller
 * frees it. */
char *text_fit(const char *s, int width, const char *mark);

#endif
