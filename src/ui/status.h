/* status.h: the status line's text: a prompt with its line, or the
 * endpoint, API version, connection state, the last message and as many of
 * the key hints (ui/hints.h) as fit whole in width columns. No curses (the
 * drawing is draw_status() in ui/draw.h). */
#ifndef PH_UI_STATUS_H
#define PH_UI_STATUS_H
#include "ui/state.h"

/* Allocated. */
char *status_line(const struct ui *u, int width);

#endif
