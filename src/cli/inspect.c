/* inspect.c: `porthole inspect [--json] CONTAINER` and
 * `porthole inspect [--json] --exec EXEC_ID`: the state of a container or of
 * an exec instance, as key: value lines (times and exit codes as
 * `docker ps` users read them) or one JSON object (the engine's values). */
#include "config.h"
#include "cli/cli.h"
#include "engine/humanize.h"
#include "engine/json.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char inspect_usage[] =
    "usage: porthole inspect [--json] CONTAINER\n"
    "       porthole inspect [--json] --exec EXEC_ID\n"
    "Show a container's state (status, pid, exit code, ...) or an exec's.\n";

struct inspect_state {
	int done, json, rc, exec;
	const char *what;       /* the container or exec id asked for */
};

static void field(const char *k, const char *v)
{
	char *s = str_inert(v ? v : "");
	printf("%-12s %s\n", k, s);
	free(s);
}

static void field_strv(const char *k, const struct strv *sv)
{
	char *j = strv_join(sv, " ");
	field(k, j);
	free(j);
}

static void field_int(const char *k, int v)
{
	char num[32];
	snprintf(num, sizeof num, "%d", v);
	field(k, num);
}

/* A time as people read it (engine/humanize.h); --json keeps the raw one. */
static void field_time(const char *k, const char *rfc3339)
{
	char *t = humanize_time(rfc3339, (int64_t)time(NULL));
	field(k, t);
	free(t);
}

static void print_owned(char *s)
{
	puts(s);
	free(s);
}

/* The answer came: 1 to print it, 0 when it is an error (said here). */
static int answered(struct inspect_state *st, const struct engine_error *err, const char *kind)
{
	st->done = 1;
	if (err == NULL)
		return 1;
	if (err->status == 404)
		cli_error("no such %s: %s", kind, err->message);
	else
		cli_error("%s", err->message);
	st->rc = 1;
	return 0;
}

static void container_done(const struct engine_error *err, const struct container_info *c, void *arg)
{
	struct inspect_state *st = arg;
	if (!answered(st, err, "container"))
		return;
	if (st->json) {
		print_owned(json_container_info(c));
		return;
	}
	field("id", c->id);
	field("name", c->name);
	field("image", c->image);
	field("status", c->status);
	field("running", c->running ? "true" : "false");
	char num[32];
	field_int("pid", c->pid);
	humanize_exit_code(c, num, sizeof num);
	field("exit_code", num);
	field("oom_killed", c->oom_killed ? "true" : "false");
	field_time("started_at", c->started_at);
	field_time("finished_at", c->finished_at);
	if (c->entrypoint.n)
		field_strv("entrypoint", &c->entrypoint);
	field_strv("command", &c->cmd);
	field_strv("exec_ids", &c->exec_ids);
}

static void exec_done(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct inspect_state *st = arg;
	if (!answered(st, err, "exec instance"))
		return;
	if (st->json) {
		print_owned(json_exec_info(x));
		return;
	}
	field("id", x->id);
	field("container", x->container_id);
	field("running", x->running ? "true" : "false");
	field_int("pid", x->pid);
	if (x->has_exit_code)
		field_int("exit_code", x->exit_code);
	else
		field("exit_code", "-");
	field("tty", x->tty ? "true" : "false");
	field("user", x->user);
	field_strv("command", &x->cmd);
}

static void inspect_start(struct engine *e, void *arg)
{
	struct inspect_state *st = arg;
	if (st->exec)
		engine_exec_inspect(e, st->what, exec_done, st);
	else
		engine_container_inspect(e, st->what, container_done, st);
}

int cmd_inspect(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "exec", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, exec = 0;
	struct inspect_state st = { 0, 0, 0, 0, NULL };
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'J': st.json = 1; break;
		case 'x': exec = 1; break;
		case 'h': fputs(inspect_usage, stdout); return 0;
		default: fputs(inspect_usage, stderr); return 2;
		}
	}
	if (argc - optind != 1) {
		cli_error("inspect needs exactly one %s", exec ? "exec id" : "container");
		fputs(inspect_usage, stderr);
		return 2;
	}
	const char *target = argv[optind];
	if (*target == '\0') {
		cli_error("empty %s", exec ? "exec id" : "container name");
		return 2;
	}
	st.exec = exec;
	/* Several engines: ENGINE/CONTAINER, or the one that has it (an exec
	 * id needs its engine named). */
	struct cli_global one;
	if (exec && cli_multi(g) && !strchr(target, '/')) {
		cli_error("with several engines, give ENGINE/EXEC_ID");
		return 2;
	}
	if (cli_pick_engine(g, target, &one, &target) != 0)
		return 1;
	st.what = target;
	if (cli_with_engine(&one, inspect_start, NULL, &st, &st.done, NULL) != 0)
		return 1;
	return st.rc;
}
