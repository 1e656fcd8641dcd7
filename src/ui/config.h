/* config.h: the console's configuration: settings and key tables, from the
 * defaults, then a file, then lines typed at the command prompt. The file:
 * --config, else $PORTHOLE_CONFIG, else $XDG_CONFIG_HOME/porthole/
 * porthole.conf (or ~/.config/porthole/porthole.conf), which may be
 * missing. Its lines (read by core/conf.h):
 *   set prefix KEY          the prefix key (default C-b)
 *   set scrollback LINES    lines each tab keeps (default 10000)
 *   set panel on|off        the side panel at start (default on)
 *   set list on|off         the container list at start (default on)
 *   set leave-running on|off  quitting (q, SIGHUP, SIGTERM) leaves running
 *                           sessions' processes running (default off: they
 *                           are stopped, as a closed tab's are)
 *   set logs-tail N|all     lines a logs tab shows of the log at first
 *                           (default 1000)
 *   set logs-timestamps on|off  logs tabs show the engine's timestamps at
 *                           first (default off; the logs-timestamps command
 *                           toggles them)
 *   set logs-stderr-prefix TEXT  before each stderr line of a logs tab, which
 *                           is red (default none)
 *   set mode-keys vi|emacs  copy mode's key table (default vi)
 *   set clipboard on|off    a copy in copy mode also sets the outer
 *                           terminal's clipboard with OSC 52 (default off)
 *   set mouse on|off        the console takes the mouse, as tmux's `set
 *                           mouse on`: the wheel scrolls a pane into copy
 *                           mode, a drag selects and copies, a click picks
 *                           a tab or a container (ui/mouse.h; default off:
 *                           the outer terminal's own selection works)
 *   set audit-log FILE|off  append a JSON line to FILE for each exec session
 *                           as it ends (session/audit.h; default off)
 *   bind MODE KEY COMMAND [ARGS]   MODE: list, prefix, scroll or logs; COMMAND: a
 *                           name of ui/commands.h (next-tab, quit...)
 *   unbind MODE KEY
 * Key names as in ui/keys.h. No curses. ui_config_clear() frees what a
 * config owns (its key tables). */
#ifndef PH_UI_CONFIG_H
#define PH_UI_CONFIG_H
#include "ui/bindings.h"

#define UI_PREFIX_KEY_DEFAULT 2 /* C-b */
#define UI_LOGS_TAIL_DEFAULT 1000

struct ui_config {
	int prefix_key;
	int scrollback;
	int show_panel, show_list;
	int leave_running;
	long logs_tail;              /* -1: all */
	int logs_timestamps;
	int mode_keys_emacs;         /* copy mode's keys: 0 vi, 1 emacs */
	int clipboard;               /* a copy also goes to the terminal's clipboard (OSC 52) */
	int mouse;                   /* set mouse on */
	char logs_stderr_prefix[32];
	char audit_log[1024];        /* "": none */
	struct ui_bindings binds;
};

/* The defaults. */
void ui_config_init(struct ui_config *c);
void ui_config_clear(struct ui_config *c);
/* One line's words (set, bind or unbind). 0, or -1 with *cause. */
int ui_config_line(struct ui_config *c, int argc, char **argv, char **cause);
/* Whether argv[0] is one of the configuration's verbs. */
int ui_config_is_line(const char *verb);
/* The defaults, then the file in force (explicit_path, else the
 * environment's, see above). 0 when read or when the default file does not
 * exist; -1 with *cause "FILE:LINE: what" or "FILE: why". */
int ui_config_load(struct ui_config *c, const char *explicit_path, char **cause);

#endif
