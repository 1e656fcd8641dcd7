/* test-color.c: the CLI's colour (cli/color.c): --color values, the
 * precedence of --color, NO_COLOR, TERM and the terminal, the colour of each
 * container state, and that a coloured column pads on its text alone. */
#include "config.h"
#include "cli/color.h"
#include "../tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_parse(void)
{
	enum cli_color m = CLI_COLOR_NEVER;
	is_int(cli_color_parse("auto", &m), 0, "auto parses");
	is_int(m, CLI_COLOR_AUTO, "auto is auto");
	is_int(cli_color_parse("always", &m), 0, "always parses");
	is_int(m, CLI_COLOR_ALWAYS, "always is always");
	is_int(cli_color_parse("never", &m), 0, "never parses");
	is_int(m, CLI_COLOR_NEVER, "never is never");
	is_int(cli_color_parse("yes", &m), -1, "yes is refused");
	is_int(cli_color_parse("", &m), -1, "an empty value is refused");
	is_int(cli_color_parse("Always", &m), -1, "values are case-sensitive");
	is_int(m, CLI_COLOR_NEVER, "a refused value leaves the mode alone");
}

static void test_decide(void)
{
	static const struct {
		enum cli_color mode;
		int tty;
		const char *no_color, *term;
		int want;
		const char *what;
	} cases[] = {
		{ CLI_COLOR_AUTO, 1, NULL, "xterm", 1, "auto on a terminal: colour" },
		{ CLI_COLOR_AUTO, 0, NULL, "xterm", 0, "auto piped: none" },
		{ CLI_COLOR_AUTO, 1, "1", "xterm", 0, "NO_COLOR beats auto" },
		{ CLI_COLOR_AUTO, 1, "", "xterm", 1, "an empty NO_COLOR counts as unset" },
		{ CLI_COLOR_AUTO, 1, NULL, "dumb", 0, "TERM=dumb: none under auto" },
		{ CLI_COLOR_AUTO, 1, NULL, NULL, 1, "no TERM on a terminal: colour" },
		{ CLI_COLOR_ALWAYS, 0, NULL, NULL, 1, "always piped: colour" },
		{ CLI_COLOR_ALWAYS, 0, "1", "dumb", 1, "always beats NO_COLOR and TERM=dumb" },
		{ CLI_COLOR_NEVER, 1, NULL, "xterm", 0, "never on a terminal: none" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		is_int(cli_color_decide(cases[i].mode, cases[i].tty, cases[i].no_color, cases[i].term),
		    cases[i].want, "%s", cases[i].what);
}

static void test_states(void)
{
	is_str(cli_color_of_state("running", "Up 3 seconds"), "32", "running is green");
	is_str(cli_color_of_state("running", "Up 3 minutes (healthy)"), "32", "healthy is green");
	is_str(cli_color_of_state("running", "Up 1 second (health: starting)"), "33",
	    "a starting health check is yellow");
	is_str(cli_color_of_state("running", "Up 2 minutes (unhealthy)"), "31", "unhealthy is red");
	is_str(cli_color_of_state("exited", "Exited (3) 5 seconds ago"), "31", "exit 3 is red");
	is_str(cli_color_of_state("exited", "Exited (137) 1 hour ago"), "31", "exit 137 is red");
	is_str(cli_color_of_state("exited", "Exited (0) 5 seconds ago"), NULL, "exit 0 is plain");
	is_str(cli_color_of_state("exited", "Exited"), NULL, "an exit without a code is plain");
	is_str(cli_color_of_state("dead", ""), "31", "dead is red");
	is_str(cli_color_of_state("paused", "Up 4 seconds (Paused)"), "33", "paused is yellow");
	is_str(cli_color_of_state("restarting", "Restarting (1) 2 seconds ago"), "33", "restarting is yellow");
	is_str(cli_color_of_state("created", "Created"), "36", "created is cyan");
	is_str(cli_color_of_state("sleeping", "?"), NULL, "an unknown state is plain");
	is_str(cli_color_of_state(NULL, NULL), NULL, "no state is plain");
}

/* The bytes cli_color_field writes. */
static char *field(int on, const char *sgr, const char *text, int width)
{
	char *p = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&p, &n);
	cli_color_field(f, on, sgr, text, width);
	fclose(f);
	return p;
}

static void test_field(void)
{
	char *s = field(1, "32", "running", 10);
	is_str(s, "\033[32mrunning\033[0m   ", "colour wraps the text, the padding follows it");
	free(s);
	s = field(0, "32", "running", 10);
	is_str(s, "running   ", "off: the text padded as %%-10s pads it");
	free(s);
	s = field(1, NULL, "exited", 10);
	is_str(s, "exited    ", "no colour for the state: plain");
	free(s);
	s = field(1, "31", "a-long-state", 4);
	is_str(s, "\033[31ma-long-state\033[0m", "text wider than the column: no padding");
	free(s);
	s = field(1, "31", "Exited (3)", 0);
	is_str(s, "\033[31mExited (3)\033[0m", "width 0: the text alone");
	free(s);
}

int main(void)
{
	test_parse();
	test_decide();
	test_states();
	test_field();
	return done_testing();
}
