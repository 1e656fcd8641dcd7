/* execopts.h: the command line of `porthole exec` (options, environment
 * variables, --env-file, --timeout durations, --shell) read into a struct
 * exec_opts. Used by cli/exec.c only.
 *
 * exec_opts_parse() fills o from argv; it owns the strv members (free them
 * with exec_opts_clear()); the string members point into argv. */
#ifndef PH_EXECOPTS_H
#define PH_EXECOPTS_H
#include <stddef.h>
#include "core/strv.h"

struct exec_opts {
	int interactive, tty, detach, privileged, shell, json;
	const char *user, *workdir, *container;
	struct strv env, cmd;
	long long timeout_ms;
	size_t max_output;
};

/* 0 to run; 1 when the usage was asked for (printed on stdout); -1 on a bad
 * command line (a message on stderr). */
int exec_opts_parse(struct exec_opts *o, int argc, char **argv);
void exec_opts_clear(struct exec_opts *o);

#endif
