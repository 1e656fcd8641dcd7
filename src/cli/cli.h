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

#define CLI_ENGINES_MAX 32

/* One engine given on the command line: -H ADDR or --context NAME. */
struct cli_engine_spec {
	const char *spec;
	int is_context;
};

struct cli_global {
	const char *host;       /* -H/--host (the first one) */
	const char *context;    /* --context (the first one) */
	struct cli_engine_spec engines[CLI_ENGINES_MAX]; /* every -H and --context, in order */
	size_t nengines;
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

/* Several engines (more than one -H or --context): cli_multi() says so.
 * cli_engines_open() opens and negotiates each concurrently (an error is
 * kept per engine, named by its -H address or context name as given);
 * cli_engines_wait() turns the loop until every call started on them with
 * a pending flag set is over. cli_pick_engine() narrows g to the engine of
 * target for the commands on one container: ENGINE/CONTAINER names it,
 * else the one engine that has a container of that name (none, or more
 * than one, is an error that names them, printed; -1). With one engine it
 * changes nothing. */
struct cli_engine {
	char *name;
	struct engine *e;       /* NULL when no endpoint could be made */
	char *error;            /* why it cannot be used, or NULL */
	int pending;
};
struct cli_engines {
	struct loop *loop;
	struct cli_engine *v;
	size_t n;
};
int cli_multi(const struct cli_global *g);
void cli_engines_open(const struct cli_global *g, struct cli_engines *es);
void cli_engines_wait(struct cli_engines *es);
void cli_engines_close(struct cli_engines *es);
int cli_pick_engine(const struct cli_global *g, const char *target, struct cli_global *one,
    const char **container);
/* An engine on loop, not negotiated yet, for spec (an -H address, or a
 * context name when is_context) with g's TLS options and timeout; spec
 * NULL: the one g and the environment name, else the first default socket
 * that exists (the console's choice: it connects in the background). NULL
 * with *cause (allocated) for an address or context that is not valid. */
struct engine *cli_engine_new(const struct cli_global *g, const char *spec, int is_context, struct loop *loop,
    char **cause);
/* A name given at run time is a context unless it looks like an address
 * ("scheme://..." or an absolute socket path). */
int cli_spec_is_context(const char *spec);

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
