/* text.h: text measures for drawing, without curses: the columns a UTF-8
 * string takes, and greedy word wrapping to a width. Called by the status
 * line and the pane's hint. */
#ifndef PH_UI_TEXT_H
#define PH_UI_TEXT_H
#include <stddef.h>
#include "engine/model.h"

/* Columns of s (invalid bytes and unprintable characters count 1). */
int text_width(const char *s);
/* Split s at blanks into lines of at most width columns (a word longer
 * than width is cut). The lines are pushed onto out (allocated copies). */
void text_wrap(const char *s, int width, struct strv *out);

#endif
