/* color.c: colour for the headless commands (see color.h): the --color
 * value, the decision between it, NO_COLOR, TERM and the terminal, the
 * colour of a container state, and writing a coloured, padded column.
 * Called by main.c and cli/ls.c. */
#include "config.h"
#include "cli/color.h"
#include "cli/cli.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_color_parse(const char *arg, enum cli_color *mode)
{
	static const struct { const char *name; enum cli_color mode; } names[] = {
		{ "auto", CLI_COLOR_AUTO }, { "always", CLI_COLOR_ALWAYS }, { "never", CLI_COLOR_NEVER },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(arg, names[i].name) == 0) {
			*mode = names[i].mode;
			return 0;
		}
	}
	cli_error("bad --color \"%s\": give auto, always or never", arg);
	return -1;
}

int cli_color_decide(enum cli_color mode, int is_tty, const char *no_color, const char *term)
{
	if (mode == CLI_COLOR_NEVER)
		return 0;
	if (mode == CLI_COLOR_ALWAYS)
		return 1;
	if (no_color && *no_color)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return is_tty != 0;
}

int cli_color_wanted(enum cli_color mode, int fd)
{
	return cli_color_decide(mode, isatty(fd), getenv("NO_COLOR"), getenv("TERM"));
}

/* The N of "Exited (N) ..." in *code: 1; else 0. */
static int status_exit_code(const char *status, long *code)
{
	const char *p = status ? strchr(status, '(') : NULL;
	char *end;
	if (p == NULL)
		return 0;
	*code = strtol(p + 1, &end, 10);
	return end != p + 1 && *end == ')';
}

const char *cli_color_of_state(const char *state, const char *status)
{
	static const char green[] = "32", red[] = "31", yellow[] = "33", cyan[] = "36";
	long code;
	if (state == NULL)
		return NULL;
	if (strcmp(state, "running") == 0) {
		if (status && strstr(status, "(unhealthy)"))
			return red;
		if (status && strstr(status, "(health: starting)"))
			return yellow;
		return green;
	}
	if (strcmp(state, "exited") == 0)
		return status_exit_code(status, &code) && code != 0 ? red : NULL;
	if (strcmp(state, "dead") == 0)
		return red;
	if (strcmp(state, "paused") == 0 || strcmp(state, "restarting") == 0 ||
	    strcmp(state, "removing") == 0)
		return yellow;
	if (strcmp(state, "created") == 0)
		return cyan;
	return NULL;
}

void cli_color_field(FILE *out, int on, const char *sgr, const char *text, int width)
{
	int len = (int)strlen(text);
	if (on && sgr)
		fprintf(out, "\033[%sm%s\033[0m", sgr, text);
	else
		fputs(text, out);
	for (; len < width; len++)
		fputc(' ', out);
}
