/* cli.h: the headless commands (porthole ls, inspect, exec, logs, stats,
 * context, mcp) for scripts and agents. They use engine/ and core/ (and mcp
 * its server, mcp/). Each cmd_* returns the process exit status; errors are
 * one line on stderr prefixed "porthole: ". */
#ifndef PH_CLI_H
#define PH_CLI_H
#include "core/loop.h"
#include "engine/api.h"
#include "cli/color.h"
#include <stdio.h>

struct cli_global {
	const char *host;       /* -H/--host */
	const char *context;    /* --context */
	int tls, tls_no_verify;
	const char *cert_path;
	long timeout_ms;        /* API request timeout */
	const char *config;     /* --config: the console's configuration file */
	const char *record_dir; /* --record: the console records every tab there */
	enum cli_color color;   /* --color (cli/color.h) */
};

/* Find an endpoint that answers and negotiate its API version. On failure
 * returns -1 with *cause naming every endpoint tried (caller frees). */
int cli_engine_open(const struct cli_global *g, struct loop **loopp, struct engine **enginep,
    char **cause);
void cli_engine_close(struct loop *loop, struct engine *engine);
/* The whole life of a command on an engine: open it (as above), call
 * start(e, arg) to begin the command's calls, turn the loop until *done,
 * call end(arg) (may be NULL) while the engine still exists, close. Returns
 * 0, or -1 when no engine answers: the reason is printed, and handed back
 * in *cause (caller frees) unless cause is NULL. */
int cli_with_engine(const struct cli_global *g, void (*start)(struct engine *e, void *arg),
    void (*end)(void *arg), void *arg, const int *done, char **cause);

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* All n bytes at p to fd, retrying after EINTR and waiting on a
 * non-blocking fd that is full; 0, or -1 when the reader has gone (EPIPE)
 * or the write fails. */
int cli_write_all(int fd, const char *p, size_t n);

int cmd_ls(const struct cli_global *g, int argc, char **argv);
int cmd_inspect(const struct cli_global *g, int argc, char **argv);
int cmd_exec(const struct cli_global *g, int argc, char **argv);
int cmd_context(const struct cli_global *g, int argc, char **argv);
int cmd_logs(const struct cli_global *g, int argc, char **argv);
int cmd_stats(const struct cli_global *g, int argc, char **argv);
int cmd_mcp(const struct cli_global *g, int argc, char **argv);

/* porthole --version: porthole's and its libraries' versions on OUT. */
void cli_print_version(FILE *out);

#endif
