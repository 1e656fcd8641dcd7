/* hints.h: the key hints, made from the key tables in force: the status
 * line's for the current mode (list focus: "Enter shell  e exec ..."; a
 * terminal: "C-b: prefix  C-b l list  C-b ? help"; after the prefix and in
 * scroll mode the keys there) and the empty pane's sentence. A command
 * without a key is left out. No curses. */
#ifndef PH_UI_HINTS_H
#define PH_UI_HINTS_H
#include "engine/model.h"
#include "ui/state.h"

/* The hints for u's current mode, one item a hint, pushed onto out. */
void hints_status(const struct ui *u, struct strv *out);
/* The empty pane's hint (allocated). */
char *hints_empty_pane(const struct ui_config *c);

#endif
