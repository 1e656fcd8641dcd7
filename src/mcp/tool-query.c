/* tool-query.c: the MCP tools that read and change nothing: list_containers
 * (with the engine's filters), container_info (the console panel's fields;
 * environment variable names only unless values are asked for),
 * exec_info, and logs (the tail of a container's output, stdout and stderr
 * apart). Containers that --allow does not let the agent touch are left out
 * of lists and refused by name. */
#include "config.h"
#include "mcp/mcp.h"
#include "engine/json.h"
#include "engine/logs.h"
#include "engine/logtime.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#define LOGS_TAIL_DEFAULT 100
#define LOGS_OUTPUT_DEFAULT (1u << 20)
#define QUERY_TEXT_CLIP 8000

/* ---- list_containers ---- */

static const char list_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
    "\"all\":{\"type\":\"boolean\",\"description\":\"stopped containers too (default: running only)\"},"
    "\"name\":{\"type\":\"string\",\"description\":\"only names containing this\"},"
    "\"label\":{\"type\":\"string\",\"description\":\"only containers with this label (key or key=value)\"},"
    "\"status\":{\"type\":\"string\",\"enum\":[\"created\",\"restarting\",\"running\",\"removing\","
    "\"paused\",\"exited\",\"dead\"],\"description\":\"only containers in this state (implies all)\"}"
    "}}";

static const char list_output[] =
    "{\"type\":\"object\",\"required\":[\"containers\"],\"properties\":{\"containers\":{\"type\":\"array\","
    "\"items\":{\"type\":\"object\",\"properties\":{"
    "\"id\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"image\":{\"type\":\"string\"},"
    "\"state\":{\"type\":\"string\"},\"status\":{\"type\":\"string\"},\"command\":{\"type\":\"string\"},"
    "\"created\":{\"type\":\"number\"},\"engine\":{\"type\":\"string\",\"description\":\"with several engines\"}}}},"
    "\"errors\":{\"type\":\"array\",\"description\":\"engines that could not be listed\",\"items\":{\"type\":\"object\","
    "\"properties\":{\"engine\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"}}}}}}";

/* One list call a engine asked (all of them at once when there are several
 * and the call named none). */
struct xlist {
	struct mcp_call *call;
	cJSON *out, *array, *errors;
	struct buf text;
	size_t pending, listed, failed;
	struct xlist_one { struct xlist *x; size_t engine; } *one;
	int many;
};

static void list_end(struct xlist *x)
{
	struct mcp_call *c = x->call;
	if (x->failed && x->listed == 0) {
		/* Every engine failed: the first one's words. */
		cJSON *e = cJSON_GetArrayItem(x->errors, 0);
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
		mcp_call_fail(c, "%s", cJSON_IsString(m) ? m->valuestring : "the engine did not answer");
		cJSON_Delete(x->out);
	} else {
		char *text = xasprintf("%zu container%s%s\n%s", (size_t)cJSON_GetArraySize(x->array),
		    cJSON_GetArraySize(x->array) == 1 ? "" : "s", x->failed ? " (an engine failed: see errors)" : "",
		    buf_ptr(&x->text));
		mcp_call_finish(c, x->out, text);
		free(text);
	}
	buf_free(&x->text);
	free(x->one);
	free(x);
}

static void list_done(const struct engine_error *err, const struct container_list *l, void *arg)
{
	struct xlist_one *one = arg;
	struct xlist *x = one->x;
	struct mcp_server *s = mcp_call_server(x->call);
	const char *ename = mcp_engine_name(s, one->engine);
	if (err) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "engine", ename);
		cJSON_AddStringToObject(e, "message", err->message);
		cJSON_AddItemToArray(x->errors, e);
		buf_addf(&x->text, "%s: %s\n", ename, err->message);
		x->failed++;
	} else {
		x->listed++;
		for (size_t i = 0; i < l->n; i++) {
			if (!mcp_allowed(s, l->v[i].name, l->v[i].id))
				continue;
			cJSON *o = json_container_obj(&l->v[i]);
			if (x->many)
				cJSON_AddStringToObject(o, "engine", ename);
			cJSON_AddItemToArray(x->array, o);
			if (x->text.len < QUERY_TEXT_CLIP)
				buf_addf(&x->text, "%s%s%s  %s  %s  %s\n", x->many ? ename : "", x->many ? "  " : "",
				    l->v[i].name ? l->v[i].name : "?", l->v[i].state ? l->v[i].state : "?",
				    l->v[i].image ? l->v[i].image : "?", l->v[i].id ? l->v[i].id : "?");
		}
	}
	if (--x->pending == 0)
		list_end(x);
}

static void list_start(struct mcp_call *c, const cJSON *args)
{
	cJSON *f = cJSON_CreateObject();
	const char *keys[3] = { "name", "label", "status" };
	for (int i = 0; i < 3; i++) {
		const char *v = mcp_arg_str(args, keys[i]);
		if (v) {
			cJSON *arr = cJSON_AddArrayToObject(f, keys[i]);
			cJSON_AddItemToArray(arr, cJSON_CreateString(v));
		}
	}
	char *filters = cJSON_GetArraySize(f) ? cJSON_PrintUnformatted(f) : NULL;
	int all = mcp_arg_bool(args, "all", 0) || mcp_arg_str(args, "status");
	struct mcp_server *s = mcp_call_server(c);
	struct xlist *x = xcalloc(1, sizeof *x);
	x->call = c;
	x->out = cJSON_CreateObject();
	x->array = cJSON_AddArrayToObject(x->out, "containers");
	x->errors = cJSON_AddArrayToObject(x->out, "errors");
	buf_init(&x->text);
	x->many = !mcp_call_engine_named(c) && mcp_engine_count(s) > 1;
	size_t n = x->many ? mcp_engine_count(s) : 1;
	x->one = xcalloc(n, sizeof *x->one);
	x->pending = n;
	for (size_t i = 0; i < n; i++) {
		x->one[i].x = x;
		x->one[i].engine = i;
		struct engine *e = x->many ? mcp_engine_at(s, i) : mcp_call_engine(c);
		if (!x->many)
			for (size_t k = 0; k < mcp_engine_count(s); k++)
				if (mcp_engine_at(s, k) == e)
					x->one[i].engine = k;
		engine_container_list_filtered(e, all, filters, list_done, &x->one[i]);
	}
	cJSON_free(filters);
	cJSON_Delete(f);
}

const struct mcp_tool mcp_tool_list = {
	"list_containers", "List containers",
	"The containers of the engine: id, name, image, state, status, command. Running ones "
	"unless all is true; filter by name, label or status.",
	list_input, list_output, 1, 0, list_start,
};

/* ---- container_info ---- */

static const char info_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"container\"],\"properties\":{"
    "\"container\":{\"type\":\"string\",\"description\":\"name or id\"},"
    "\"env_values\":{\"type\":\"boolean\",\"description\":\"give the environment's values too "
    "(default: names only, since they often hold secrets)\"}}}";

static const char info_output[] =
    "{\"type\":\"object\",\"required\":[\"id\",\"name\",\"status\",\"running\"],\"properties\":{"
    "\"id\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"},\"image\":{\"type\":\"string\"},"
    "\"image_id\":{\"type\":\"string\"},\"status\":{\"type\":\"string\"},\"running\":{\"type\":\"boolean\"},"
    "\"paused\":{\"type\":\"boolean\"},\"restarting\":{\"type\":\"boolean\"},\"dead\":{\"type\":\"boolean\"},"
    "\"pid\":{\"type\":\"number\"},\"exit_code\":{\"type\":\"number\"},\"oom_killed\":{\"type\":\"boolean\"},"
    "\"error\":{\"type\":\"string\"},\"started_at\":{\"type\":\"string\"},\"finished_at\":{\"type\":\"string\"},"
    "\"entrypoint\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
    "\"command\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
    "\"exec_ids\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
    "\"user\":{\"type\":\"string\"},\"workdir\":{\"type\":\"string\"},\"tty\":{\"type\":\"boolean\"},"
    "\"env\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
    "\"description\":\"NAME, or NAME=VALUE when env_values was asked\"}}}";

static void info_resolved(struct mcp_call *c, const struct container_info *ci, void *arg)
{
	int values = (int)(intptr_t)arg;
	cJSON *o = json_container_info_obj(ci);
	cJSON_AddStringToObject(o, "image_id", ci->image_id ? ci->image_id : "");
	cJSON_AddBoolToObject(o, "restarting", ci->restarting);
	cJSON_AddBoolToObject(o, "dead", ci->dead);
	cJSON_AddStringToObject(o, "error", ci->error ? ci->error : "");
	cJSON_AddStringToObject(o, "user", ci->user ? ci->user : "");
	cJSON_AddStringToObject(o, "workdir", ci->workdir ? ci->workdir : "");
	cJSON_AddBoolToObject(o, "tty", ci->tty);
	cJSON *env = cJSON_AddArrayToObject(o, "env");
	for (size_t i = 0; i < ci->env.n; i++) {
		const char *kv = ci->env.v[i], *eq = strchr(kv, '=');
		char *item = values || !eq ? xstrdup(kv) : xstrndup(kv, (size_t)(eq - kv));
		cJSON_AddItemToArray(env, cJSON_CreateString(item));
		free(item);
	}
	const char *name = ci->name && ci->name[0] == '/' ? ci->name + 1 : ci->name;
	char *text = ci->running
	    ? xasprintf("%s: %s, pid %d, image %s", name ? name : "?", ci->status ? ci->status : "?", ci->pid,
	        ci->image ? ci->image : "?")
	    : mcp_not_running_text(ci);
	mcp_call_finish(c, o, text);
	free(text);
}

static void info_start(struct mcp_call *c, const cJSON *args)
{
	mcp_resolve(c, mcp_arg_str(args, "container"), 0, info_resolved, NULL,
	    (void *)(intptr_t)mcp_arg_bool(args, "env_values", 0));
}

const struct mcp_tool mcp_tool_info = {
	"container_info", "Container state",
	"A container's state as the engine has it: status, running, pid, exit code, start and "
	"finish times, image, command, user, working dir, its exec ids, and its environment's "
	"variable names (values only when env_values is true).",
	info_input, info_output, 1, 0, info_start,
};

/* ---- exec_info ---- */

static const char xinfo_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"exec_id\"],\"properties\":{"
    "\"exec_id\":{\"type\":\"string\",\"description\":\"an exec id, as exec gives it\"}}}";

static const char xinfo_output[] =
    "{\"type\":\"object\",\"required\":[\"id\",\"running\",\"exit_code\"],\"properties\":{"
    "\"id\":{\"type\":\"string\"},\"container_id\":{\"type\":\"string\"},\"running\":{\"type\":\"boolean\"},"
    "\"pid\":{\"type\":\"number\"},\"exit_code\":{\"type\":[\"integer\",\"null\"]},\"tty\":{\"type\":\"boolean\"},"
    "\"user\":{\"type\":\"string\"},\"workdir\":{\"type\":\"string\"},\"privileged\":{\"type\":\"boolean\"},"
    "\"command\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

static void xinfo_resolved(struct mcp_call *c, const struct container_info *ci, void *arg)
{
	struct exec_info *x = arg;
	(void)ci;
	cJSON *o = json_exec_info_obj(x);
	cJSON_AddStringToObject(o, "workdir", x->workdir ? x->workdir : "");
	cJSON_AddBoolToObject(o, "privileged", x->privileged);
	char *text = x->running ? xasprintf("exec %.12s: running, pid %d", x->id ? x->id : "?", x->pid)
	    : x->has_exit_code ? xasprintf("exec %.12s: exited with %d", x->id ? x->id : "?", x->exit_code)
	    : xasprintf("exec %.12s: not running", x->id ? x->id : "?");
	mcp_call_finish(c, o, text);
	free(text);
	exec_info_clear(x);
	free(x);
}

static void exec_info_drop(void *arg)
{
	exec_info_clear(arg);
	free(arg);
}

static void xinfo_done(const struct engine_error *err, const struct exec_info *x, void *arg);

/* With several engines and none named, the exec is looked for on each in
 * turn; xinfo_next is the next one to ask. */
struct xinfo_ask { struct mcp_call *call; char *id; size_t next; int fixed; };

static void xinfo_ask_next(struct xinfo_ask *a)
{
	mcp_call_set_engine(a->call, a->next++);
	engine_exec_inspect(mcp_call_engine(a->call), a->id, xinfo_done, a);
}

static void xinfo_done(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct xinfo_ask *a = arg;
	struct mcp_call *c = a->call;
	struct mcp_server *s = mcp_call_server(c);
	if (err && err->status == 404 && !a->fixed && a->next < mcp_engine_count(s)) {
		xinfo_ask_next(a);
		return;
	}
	free(a->id);
	free(a);
	if (err && err->status == 404) {
		mcp_call_fail(c, "no such exec");
		return;
	}
	if (err) {
		mcp_call_fail(c, "%s", err->message);
		return;
	}
	struct exec_info *copy = xcalloc(1, sizeof *copy);
	exec_info_copy(copy, x);
	/* Its container decides whether the agent may see it. */
	mcp_resolve(c, x->container_id ? x->container_id : "", 0, xinfo_resolved, exec_info_drop, copy);
}

static void xinfo_start(struct mcp_call *c, const cJSON *args)
{
	struct xinfo_ask *a = xcalloc(1, sizeof *a);
	a->call = c;
	a->id = xstrdup(mcp_arg_str(args, "exec_id"));
	if (mcp_call_engine_named(c)) {
		a->fixed = 1;
		engine_exec_inspect(mcp_call_engine(c), a->id, xinfo_done, a);
	} else {
		xinfo_ask_next(a);
	}
}

const struct mcp_tool mcp_tool_exec_info = {
	"exec_info", "Exec state",
	"The state of an exec (one exec call or TTY session): running, pid, exit code, command.",
	xinfo_input, xinfo_output, 1, 0, xinfo_start,
};

/* ---- logs ---- */

static const char logs_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"container\"],\"properties\":{"
    "\"container\":{\"type\":\"string\",\"description\":\"name or id\"},"
    "\"tail\":{\"type\":\"integer\",\"minimum\":-1,\"description\":\"the last N lines (default 100; -1: all)\"},"
    "\"since\":{\"type\":\"string\",\"description\":\"from this time: 10m, 2h, 2026-12-02T14:29, unix seconds\"},"
    "\"until\":{\"type\":\"string\",\"description\":\"up to this time (same forms)\"},"
    "\"stdout\":{\"type\":\"boolean\",\"description\":\"include stdout (default true)\"},"
    "\"stderr\":{\"type\":\"boolean\",\"description\":\"include stderr (default true)\"},"
    "\"timestamps\":{\"type\":\"boolean\",\"description\":\"each line starts with the engine's timestamp\"},"
    "\"max_output\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":268435456,"
    "\"description\":\"bytes kept of each stream (default 1 MiB)\"}}}";

static const char logs_output[] =
    "{\"type\":\"object\",\"required\":[\"stdout\",\"stderr\",\"encoding\"],\"properties\":{"
    "\"stdout\":{\"type\":\"string\"},\"stderr\":{\"type\":\"string\"},"
    "\"encoding\":{\"type\":\"string\",\"enum\":[\"utf-8\",\"base64\"]},"
    "\"stdout_bytes\":{\"type\":\"number\"},\"stderr_bytes\":{\"type\":\"number\"},"
    "\"stdout_truncated\":{\"type\":\"boolean\"},\"stderr_truncated\":{\"type\":\"boolean\"},"
    "\"tty\":{\"type\":\"boolean\",\"description\":\"the container has a TTY: all its output is stdout\"}}}";

struct xlogs {
	struct mcp_call *call;
	struct logs_opts o;
	char since[64], until[64];
	struct logs *logs;
	struct buf out, err;
	unsigned long long nout, nerr;
	size_t max;
	int tty;
};

static void xlogs_free(struct xlogs *x)
{
	if (x->logs)
		logs_close(x->logs);
	buf_free(&x->out);
	buf_free(&x->err);
	free(x);
}

static void xlogs_drop(void *arg) { xlogs_free(arg); }

static void logs_data(int stream, const char *p, size_t n, int frame_end, void *arg)
{
	struct xlogs *x = arg;
	(void)frame_end;
	struct buf *b = stream == 2 ? &x->err : &x->out;
	*(stream == 2 ? &x->nerr : &x->nout) += n;
	size_t room = buf_used(b) < x->max ? x->max - buf_used(b) : 0;
	buf_add(b, p, n < room ? n : room);
}

static void logs_end(const struct engine_error *err, void *arg)
{
	struct xlogs *x = arg;
	struct mcp_call *c = x->call;
	x->logs = NULL;
	if (err) {
		mcp_call_fail(c, "%s", err->message);
		xlogs_free(x);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	int text = mcp_add_streams(o, &x->out, &x->err)[0] == 'u';
	cJSON_AddNumberToObject(o, "stdout_bytes", (double)x->nout);
	cJSON_AddNumberToObject(o, "stderr_bytes", (double)x->nerr);
	cJSON_AddBoolToObject(o, "stdout_truncated", x->nout > buf_used(&x->out));
	cJSON_AddBoolToObject(o, "stderr_truncated", x->nerr > buf_used(&x->err));
	cJSON_AddBoolToObject(o, "tty", x->tty);
	struct buf t;
	buf_init(&t);
	buf_addf(&t, "%llu bytes of stdout, %llu of stderr\n", x->nout, x->nerr);
	if (text) {
		size_t n = buf_used(&x->out);
		size_t from = n > QUERY_TEXT_CLIP ? n - QUERY_TEXT_CLIP : 0;
		while (from > 0 && from < n && ((unsigned char)buf_ptr(&x->out)[from] & 0xc0) == 0x80)
			from++;
		if (n)
			buf_addf(&t, "stdout%s:\n", from ? " (its end)" : "");
		buf_add(&t, buf_ptr(&x->out) + from, n - from);
		if (buf_used(&x->err) && buf_used(&x->err) <= QUERY_TEXT_CLIP) {
			buf_adds(&t, "\nstderr:\n");
			buf_add(&t, buf_ptr(&x->err), buf_used(&x->err));
		}
	}
	mcp_call_finish(c, o, buf_ptr(&t));
	buf_free(&t);
	xlogs_free(x);
}

static void logs_cancel(void *arg)
{
	struct xlogs *x = arg;
	struct mcp_call *c = x->call;
	xlogs_free(x);
	mcp_call_fail(c, "cancelled");
}

static void logs_resolved(struct mcp_call *c, const struct container_info *ci, void *arg)
{
	struct xlogs *x = arg;
	x->tty = ci->tty;
	x->logs = logs_open(mcp_call_engine(c), ci->id, &x->o, ci->tty, logs_data, logs_end, x);
	mcp_call_on_cancel(c, logs_cancel, x);
}

static int time_arg(struct mcp_call *c, const cJSON *args, const char *k, char *buf, size_t size,
    const char **out)
{
	const char *v = mcp_arg_str(args, k);
	if (v == NULL)
		return 0;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	char *cause = NULL;
	if (logtime_arg(v, (int64_t)now.tv_sec * 1000000000 + now.tv_nsec, buf, size, &cause) != 0) {
		mcp_call_fail(c, "logs: %s: %s", k, cause ? cause : "not a time");
		free(cause);
		return -1;
	}
	*out = buf;
	return 0;
}

static void logs_start(struct mcp_call *c, const cJSON *args)
{
	struct xlogs *x = xcalloc(1, sizeof *x);
	x->call = c;
	buf_init(&x->out);
	buf_init(&x->err);
	double tail = LOGS_TAIL_DEFAULT, max = LOGS_OUTPUT_DEFAULT;
	mcp_arg_num(args, "tail", &tail);
	mcp_arg_num(args, "max_output", &max);
	x->max = (size_t)max;
	x->o.tail = (long)tail;
	x->o.timestamps = mcp_arg_bool(args, "timestamps", 0);
	x->o.out = mcp_arg_bool(args, "stdout", 1);
	x->o.err = mcp_arg_bool(args, "stderr", 1);
	if (!x->o.out && !x->o.err) {
		mcp_call_fail(c, "logs: stdout and stderr are both off: nothing to read");
		xlogs_free(x);
		return;
	}
	if (time_arg(c, args, "since", x->since, sizeof x->since, &x->o.since) != 0 ||
	    time_arg(c, args, "until", x->until, sizeof x->until, &x->o.until) != 0) {
		xlogs_free(x);
		return;
	}
	mcp_resolve(c, mcp_arg_str(args, "container"), 0, logs_resolved, xlogs_drop, x);
}

const struct mcp_tool mcp_tool_logs = {
	"logs", "Container logs",
	"The end of a container's output (its logs), stdout and stderr apart; not followed.",
	logs_input, logs_output, 1, 0, logs_start,
};
