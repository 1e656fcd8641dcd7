/* input.h: one key of the keyboard (as curses' wget_wch gives it) to the
 * console: a mouse report's bytes go to ui/mouse.h, then the help closes,
 * a prompt edits, the prefix table, scroll mode, the focused terminal (keys
 * encoded for the session) or the list table. Called by the loop glue
 * (ui/ui.c) and tests; no curses calls (only its KEY_* numbers). The loop
 * glue also calls ui/mouse.h's ui_mouse_sync() and ui_mouse_end(). */
#ifndef PH_UI_INPUT_H
#define PH_UI_INPUT_H
#include <wchar.h>
#include "ui/mouse.h"
#include "ui/state.h"

/* is_key: k is a curses KEY_* code, else a character. */
void ui_input_key(struct ui *u, int is_key, wint_t k);

/* The end of a batch of keys read together (copy mode's Escape). */
void ui_input_flush(struct ui *u);

/* The terminal model's key for a curses KEY_* code, with its modifiers in
 * *mods; TERM_KEY_NONE for a code the session does not get. */
int ui_input_term_key(int code, int *mods);

#endif
