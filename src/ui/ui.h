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
/* The key of a binding that stands for the prefix key, whichever it is. */
#define UI_KEY_PREFIX (-2)
struct ui_binding {
	enum ui_mode mode;
	int key;              /* a character, a curses KEY_* code or UI_KEY_PREFIX */
	const char *keyname;  /* as shown in help (after the prefix's name in
	                       * prefix mode); NULL: an alias, not shown */
	const char *name;     /* command name */
	const char *help;
	void (*fn)(struct ui *u);
};
extern const struct ui_binding ui_bindings[];
extern const size_t ui_nbindings;

/* The configuration file the console reads: --config, else
 * $PORTHOLE_CONFIG, else $XDG_CONFIG_HOME/porthole/porthole.conf (or
 * ~/.config/porthole/porthole.conf), which may be missing. Its lines:
 *   set prefix KEY          the prefix key (default C-b)
 *   set scrollback LINES    lines each tab keeps (default 10000)
 *   set panel on|off        the side panel at start (default on)
 *   set list on|off         the container list at start (default on)
 *   bind MODE KEY COMMAND   MODE: list, prefix or scroll; COMMAND: a name
 *                           of the table above (next-tab, quit...)
 *   unbind MODE KEY
 * Key names as in ui/keys.h. */

#endif
