/* commands.h: the console's commands, each a named entry (name, function,
 * arguments, one-line help). Keys run them through the key tables
 * (ui/bindings.h), the command prompt (C-b :) and tests run them by name.
 * A command acts on the console state (ui/state.h) and the app it holds;
 * none needs curses. Messages for the user (nothing selected...) go to the
 * app's status message; a wrong command line is an error with a cause. */
#ifndef PH_UI_COMMANDS_H
#define PH_UI_COMMANDS_H
#include <stddef.h>

struct ui;

struct ui_command {
	const char *name;
	const char *args;   /* the arguments as usage writes them, "" for none */
	int nargs;          /* how many it takes (all required) */
	int numeric;        /* its arguments are numbers 0 to 99 */
	/* Run with a command line already checked (argv[0] is the name). */
	void (*fn)(struct ui *u, const struct ui_command *cmd, char **argv);
	int delta;          /* for the commands that move: by how much */
	const char *help;
	const char *hint;   /* the word of the status line's key hints, or NULL */
};

/* The command named name, or NULL. */
const struct ui_command *ui_command_find(const char *name);
/* The i-th command (0 .. ui_command_count()-1), for listings. */
const struct ui_command *ui_command_at(size_t i);
size_t ui_command_count(void);
/* Whether cmd changes what the current tab's pane shows (its view, its
 * screen, scroll mode). Run from copy mode (the prefix then its key, or
 * the command prompt), such a command leaves copy mode first, as tmux's
 * commands that change a pane's mode do; the others keep it, and those
 * that change the tab leave it through ui_copy_current() (ui/copy.h). */
int ui_command_leaves_copy(const struct ui_command *cmd);
/* Check a command line for cmd (argv[0] its name): 0, or -1 with *cause. */
int ui_command_check(const struct ui_command *cmd, int argc, char **argv, char **cause);
/* Run a command line: 0, or -1 with *cause (allocated) when the name is
 * unknown or the arguments are wrong. Leaves copy mode first for a
 * command of ui_command_leaves_copy(). */
int ui_command_run(struct ui *u, int argc, char **argv, char **cause);

/* Open a tab on container c (tmpl: user, workdir, env and command, or
 * NULL for a shell; borrowed) and focus it. */
struct ctr;
struct session_spec;
void ui_open_tab(struct ui *u, const struct ctr *c, const struct session_spec *tmpl);
/* Paste the i-th newest paste buffer into the current tab (bracketed when
 * its program asked). */
void ui_paste_buffer(struct ui *u, size_t i);
/* Close tab i now (a running session is stopped first). */
void ui_close_tab(struct ui *u, int i);

#endif
