/* copy.h: copy mode in the console (C-b [): the current tab's terminal
 * model under a copy-mode state (session/copymode.h), its keys through the
 * key table of `set mode-keys` (vi or emacs) by name, its searches through a prompt, and what it copies
 * kept in the paste buffers that paste-buffer (C-b ]) sends to a tab.
 * Leaving (q, a copy, another tab) goes back to the live screen; a pane
 * resize keeps copy mode on the same text. No curses calls (only KEY_* numbers). */
#ifndef PH_UI_COPY_H
#define PH_UI_COPY_H
#include <wchar.h>
#include "ui/state.h"

#define UI_BUFFERS_MAX PASTE_BUFFERS_MAX

/* Enter copy mode on the current tab: -1 with a message when there is none. */
int ui_copy_enter(struct ui *u);
void ui_copy_leave(struct ui *u);
/* Around a resize of the panes (app_set_pane_size()): copy mode stays,
 * on the same text of the resized term (copymode_resize_begin()). */
void ui_copy_resize_begin(struct ui *u);
void ui_copy_resize_end(struct ui *u);
/* Run a copy-mode command without an argument (copymode.h) as its key
 * would: what it copies goes to the buffers, leaving leaves. Its enum
 * copymode_status; COPYMODE_EXIT when not in copy mode. */
int ui_copy_command(struct ui *u, const char *name);
/* A key in copy mode. */
void ui_copy_key(struct ui *u, int is_key, wint_t k);
/* The end of a batch of keys read together: an Escape still waiting is a
 * key of its own. */
void ui_copy_flush(struct ui *u);
/* The search or goto-line prompt's line (the command it was opened for). */
void ui_copy_prompt_done(struct ui *u, const char *line);
/* Copy mode for the session shown now, or NULL (a stale one is left). */
struct copymode *ui_copy_current(struct ui *u);
/* Paste buffers (ui/buffers.h) of the state: the newest first; add takes a
 * copy. */
void ui_buffer_add(struct ui *u, const char *text);
const char *ui_buffer(const struct ui *u, size_t i);
size_t ui_buffer_count(const struct ui *u);
void ui_buffers_clear(struct ui *u);

#endif
