/* mouse.h: the mouse in the console, as tmux has it. The console asks its
 * terminal for mouse reports in the SGR form (DECSET 1006, so that cells
 * past 223 come) and reads them itself: ncurses' own mouse follows the
 * terminfo entry, which for tmux and screen asks for X10 clicks only (no
 * drags, no cells past 223) and would decode the reports into MEVENTs that
 * lose what a program must be passed. So ui_mouse_sync() writes the DECSET
 * and tells ncurses that "ESC [ <" is a key of its own, and ui_mouse_input()
 * reads the rest of a report from the keys that follow it.
 *
 * What the reports do, as tmux's defaults:
 *  - the focused tab's program asked for mouse reporting (DECSET 1000,
 *    1002 or 1003, term_mouse_mode()) and its tab shows live: events over
 *    the pane go to it, its cells relative to the pane, encoded as it asked
 *    (term_mouse()); a press's motions and release follow it there. This
 *    holds with the mouse off too: the terminal is then asked for the
 *    reports the program asked for, and only while it asks;
 *  - `set mouse on`, else: the wheel up over a pane enters copy mode (but
 *    on the alternate screen) and scrolls five lines, the wheel down
 *    scrolls back and leaves copy mode at the bottom when the wheel entered
 *    it; a drag with the left button selects in copy mode (entering it)
 *    and its release copies into the paste buffers and leaves, as tmux's
 *    MouseDragEnd1Pane; a press on the pane gives it the focus, on a tab
 *    in the tab bar selects the tab (the wheel there goes to the next or
 *    the previous tab), on a container in the list selects it (the wheel
 *    there moves the selection).
 * Reports while the help, a prompt or the buffer list shows are dropped.
 *
 * ui_mouse_sync() is called by the loop glue (ui/ui.c) after each frame,
 * ui_mouse_end() when the terminal is restored (every exit path, the fatal
 * signals' too: it only write()s, once). The rest has no curses calls. */
#ifndef PH_UI_MOUSE_H
#define PH_UI_MOUSE_H
#include <wchar.h>
#include "session/mousecode.h"
#include "ui/state.h"

/* A key as wget_wch() gave it (is_key: a KEY_* code): 1 when it was the
 * mouse's (the start of a report, or a byte of one; a complete report is
 * acted on), 0 when it is the keyboard's. */
int ui_mouse_input(struct ui *u, int is_key, wint_t k);
/* One report: ev's cell is the screen's. */
void ui_mouse_event(struct ui *u, const struct mouse_event *ev);
/* Ask the terminal for the reports the state wants now (none, or those of
 * `set mouse on`, or those the focused tab's program asked for). */
void ui_mouse_sync(const struct ui *u);
/* No more reports: the terminal as it was. */
void ui_mouse_end(void);

#endif
