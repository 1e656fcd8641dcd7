/* ui.c: the console's entry point. */
#include "config.h"
#include "cli/cli.h"
#include <stdio.h>

int ui_main(const struct cli_global *g, int argc, char **argv);

int ui_main(const struct cli_global *g, int argc, char **argv)
{
	cli_error("the console is not available in this build; use porthole ls, inspect or exec");
	return 2;
}
