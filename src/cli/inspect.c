/* inspect.c: `porthole inspect [--json] CONTAINER` and
 * `porthole inspect [--json] --exec EXEC_ID`: the state of a container or of
 * an exec instance, as key: value lines or one JSON object. */
#include "config.h"
#include "cli/cli.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char inspect_usage[] =
    "usage: porthole inspect [--json] CONTAINER\n"
    "       porthole inspect [--json] --exec EXEC_ID\n"
    "Show a container's state (status, pid, exit code, ...) or an exec's.\n";

struct inspect_state {
	int done, json, rc;
	const char *what;
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

static cJSON *strv_array(const struct strv *sv)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < sv->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(sv->v[i]));
	return a;
}

static void print_json(cJSON *o)
{
	char *s = cJSON_Print(o);
	puts(s);
	cJSON_free(s);
	cJSON_Delete(o);
}

static void report_error(struct inspect_state *st, const struct engine_error *err, const char *kind)
{
	if (err->status == 404)
		cli_error("no such %s: %s", kind, err->message);
	else
		cli_error("%s", err->message);
	st->rc = 1;
}

static void container_done(const struct engine_error *err, const struct container_info *c, void *arg)
{
	struct inspect_state *st = arg;
	st->done = 1;
	if (err) {
		report_error(st, err, "container");
		return;
	}
	if (st->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", c->id);
		cJSON_AddStringToObject(o, "name", c->name ? c->name : "");
		cJSON_AddStringToObject(o, "image", c->image ? c->image : "");
		cJSON_AddStringToObject(o, "status", c->status);
		cJSON_AddBoolToObject(o, "running", c->running);
		cJSON_AddBoolToObject(o, "paused", c->paused);
		cJSON_AddNumberToObject(o, "pid", c->pid);
		cJSON_AddNumberToObject(o, "exit_code", c->exit_code);
		cJSON_AddBoolToObject(o, "oom_killed", c->oom_killed);
		cJSON_AddStringToObject(o, "started_at", c->started_at ? c->started_at : "");
		cJSON_AddStringToObject(o, "finished_at", c->finished_at ? c->finished_at : "");
		cJSON_AddItemToObject(o, "entrypoint", strv_array(&c->entrypoint));
		cJSON_AddItemToObject(o, "command", strv_array(&c->cmd));
		cJSON_AddItemToObject(o, "exec_ids", strv_array(&c->exec_ids));
		print_json(o);
		return;
	}
	char num[32];
	field("id", c->id);
	field("name", c->name);
	field("image", c->image);
	field("status", c->status);
	field("running", c->running ? "true" : "false");
	snprintf(num, sizeof num, "%d", c->pid);
	field("pid", num);
	snprintf(num, sizeof num, "%d", c->exit_code);
	field("exit_code", num);
	field("oom_killed", c->oom_killed ? "true" : "false");
	field("started_at", c->started_at);
	field("finished_at", c->finished_at);
	if (c->entrypoint.n)
		field_strv("entrypoint", &c->entrypoint);
	field_strv("command", &c->cmd);
	field_strv("exec_ids", &c->exec_ids);
}

static void exec_done(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct inspect_state *st = arg;
	st->done = 1;
	if (err) {
		report_error(st, err, "exec instance");
		return;
	}
	if (st->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", x->id);
		cJSON_AddStringToObject(o, "container_id", x->container_id ? x->container_id : "");
		cJSON_AddBoolToObject(o, "running", x->running);
		cJSON_AddNumberToObject(o, "pid", x->pid);
		if (x->has_exit_code)
			cJSON_AddNumberToObject(o, "exit_code", x->exit_code);
		else
			cJSON_AddNullToObject(o, "exit_code");
		cJSON_AddBoolToObject(o, "tty", x->tty);
		cJSON_AddStringToObject(o, "user", x->user ? x->user : "");
		cJSON_AddItemToObject(o, "command", strv_array(&x->cmd));
		print_json(o);
		return;
	}
	char num[32];
	field("id", x->id);
	field("container", x->container_id);
	field("running", x->running ? "true" : "false");
	snprintf(num, sizeof num, "%d", x->pid);
	field("pid", num);
	if (x->has_exit_code)
		snprintf(num, sizeof num, "%d", x->exit_code);
	else
		snprintf(num, sizeof num, "-");
	field("exit_code", num);
	field("tty", x->tty ? "true" : "false");
	field("user", x->user);
	field_strv("command", &x->cmd);
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
	struct inspect_state st = { 0, 0, 0, NULL };
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
	struct loop *loop;
	struct engine *e;
	char *cause;
	if (cli_engine_open(g, &loop, &e, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return 1;
	}
	if (exec)
		engine_exec_inspect(e, target, exec_done, &st);
	else
		engine_container_inspect(e, target, container_done, &st);
	engine_wait(e, &st.done);
	cli_engine_close(loop, e);
	return st.rc;
}
