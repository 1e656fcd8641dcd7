/* ui.h: the curses console. It reads the headless console model
 * (session/app.h) and turns keys into its commands. Every file of ui/ that
 * draws includes curses; the key tables, commands and configuration
 * (ui/bindings.h, ui/commands.h, ui/config.h) do not need a screen.
 *
 * ui_main() runs the console until the user quits and always restores the
 * terminal: normal quit, error, SIGTERM, SIGHUP, SIGINT, and a fatal signal
 * (an emergency endwin before the signal is raised again). Its
 * configuration is described in ui/config.h. */
#ifndef PH_UI_H
#define PH_UI_H
#include <stdio.h>
#include "cli/cli.h"

int ui_main(const struct cli_global *g, int argc, char **argv);

/* Print the console's keys as its help screen shows them, with the
 * configuration at config_path (NULL: the file the console would read) to
 * out. No terminal needed. 0, or -1 with *cause (allocated) for a bad
 * configuration or a write error. */
int ui_print_keys(FILE *out, const char *config_path, char **cause);

#endif
