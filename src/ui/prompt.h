/* prompt.h: the status line's prompts on the console state: the line
 * editor (UTF-8; Backspace, C-u, Enter, Esc) for the filter, the exec
 * command and the command prompt, and the y/n questions. Submitting a line
 * sets the filter, opens an exec tab or runs a command or configuration
 * line. No curses calls (only its KEY_* numbers). */
#ifndef PH_UI_PROMPT_H
#define PH_UI_PROMPT_H
#include <wchar.h>
#include "ui/state.h"

/* Open a prompt of kind with text already in its line. */
void ui_prompt_open(struct ui *u, enum ui_prompt_kind kind, const char *text);
/* A key while a prompt is open: is_key for a curses KEY_* code, else a
 * character. */
void ui_prompt_key(struct ui *u, int is_key, wint_t k);
/* The label the status line shows before the line. */
const char *ui_prompt_label(enum ui_prompt_kind kind);
/* Whether the prompt edits a line (the cursor shows in it). */
int ui_prompt_edits(enum ui_prompt_kind kind);

/* An exec line "[-u USER] [-w DIR] [-e K=V]... [--] CMD...", words as in
 * the configuration (core/conf.h). Fills spec's user, workdir, env and cmd
 * (allocated: free with ui_exec_spec_clear()). 0, or -1 with *cause. */
int ui_parse_exec(const char *line, struct session_spec *spec, char **cause);
void ui_exec_spec_clear(struct session_spec *spec);

/* Run a line of the command prompt: a configuration line (set, bind,
 * unbind: it takes effect at once) or a command. 0, or -1 with *cause. */
int ui_run_line(struct ui *u, const char *line, char **cause);

#endif
