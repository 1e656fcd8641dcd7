/* ui.h: the curses console (the only code that includes curses.h). It
 * reads the headless console model (session/app.h) and turns keys into its
 * commands. ui_main() runs the console until the user quits and always
 * restores the terminal: normal quit, error, SIGTERM, SIGHUP, SIGINT, and a
 * fatal signal (an emergency endwin before the signal is raised again). */
#ifndef PH_UI_H
#define PH_UI_H
#include "cli/cli.h"

int ui_main(const struct cli_global *g, int argc, char **argv);

/* The key bindings, one table for the keymap and the help screen. */
enum ui_mode { UI_MODE_LIST, UI_MODE_PREFIX, UI_MODE_SCROLL };
struct ui;
struct ui_binding {
	enum ui_mode mode;
	int key;              /* a character, or a curses KEY_* code */
	const char *keyname;  /* as shown in help */
	const char *name;     /* command name */
	const char *help;
	void (*fn)(struct ui *u);
};
extern const struct ui_binding ui_bindings[];
extern const size_t ui_nbindings;

#endif
