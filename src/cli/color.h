/* color.h: the headless commands' colour: whether to write it (--color and
 * NO_COLOR) and which colour a container's state gets. Called by main.c
 * (parsing --color) and the table of `porthole ls`. Nothing here allocates.
 *
 * Precedence, first match wins:
 *   --color=never              no colour
 *   --color=always             colour, even when NO_COLOR is set or piped
 *   NO_COLOR set and non-empty no colour
 *   TERM=dumb                  no colour
 *   --color=auto (the default) colour when the output is a terminal */
#ifndef PH_CLI_COLOR_H
#define PH_CLI_COLOR_H
#include <stdio.h>

enum cli_color { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/* "auto", "always" or "never" into *mode: 0; anything else: -1 with an
 * error line on stderr (the caller exits 2). */
int cli_color_parse(const char *arg, enum cli_color *mode);

/* The decision of the precedence above from its inputs: 1 for colour.
 * no_color and term are the environment's values (NULL when unset). */
int cli_color_decide(enum cli_color mode, int is_tty, const char *no_color, const char *term);

/* cli_color_decide for file descriptor fd and this process's environment. */
int cli_color_wanted(enum cli_color mode, int fd);

/* The SGR parameters ("32" for green) for a container in state STATE
 * (running, exited, ...) whose status text is STATUS ("Exited (3) 2
 * minutes ago", "Up 5 seconds (healthy)"); NULL for no colour: green
 * running (yellow while its health check starts, red when unhealthy), red
 * exited with a non-zero code and dead, yellow paused, restarting and
 * removing, cyan created; an exit code 0 or an unknown state stays plain. */
const char *cli_color_of_state(const char *state, const char *status);

/* TEXT on OUT, in colour SGR when on is set and SGR is not NULL, then
 * spaces up to WIDTH bytes counted on TEXT alone (as printf's "%-*s"
 * does): the escape bytes never count toward a column's width. */
void cli_color_field(FILE *out, int on, const char *sgr, const char *text, int width);

#endif
