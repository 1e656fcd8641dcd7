/* server.c: the MCP server: stdin and stdout on the loop, the protocol's
 * lifecycle, the tool table, argument checks against the input schemas,
 * calls in flight, cancellation, progress and the orderly close. */
#include "config.h"
#include "mcp/server.h"
#include "mcp/mcp.h"
#include "mcp/rpc.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The revisions porthole speaks, newest first. structuredContent and
 * outputSchema came with 2025-06-18, tool annotations with 2025-03-26. */
static const char *const mcp_versions[] = { MCP_PROTOCOL_LATEST, "2025-06-18", "2025-03-26", "2024-11-05" };

static const char mcp_instructions[] =
    "porthole runs commands in the containers of a Docker Engine API endpoint "
    "(Docker or Podman). exec runs one command and returns its stdout, stderr "
    "and exit code (a timeout stops the process for real); session_open and "
    "the other session_* tools drive an interactive TTY program and read its "
    "rendered screen.";

struct probe_arg { struct mcp_call *c; size_t i; };

struct mcp_call {
	struct mcp_server *srv;
	cJSON *id;
	cJSON *token;            /* progress token, or NULL */
	const struct mcp_tool *tool;
	double progress;
	void (*cancel)(void *arg);
	void *cancel_arg;
	int cancelled;           /* by the client: the answer is dropped */
	int stopping;            /* the cancel hook ran */
	struct engine_call *inspect; /* mcp_resolve's */
	struct engine *engine;       /* the call's engine */
	int engine_named;
	struct engine_call **probes; /* mcp_resolve on every engine */
	int *found;
	struct probe_arg *pargs;
	size_t probing;
	mcp_resolved_cb resolved;
	void (*drop)(void *arg);
	void *resolved_arg;
	int need_running;
	char *container;
	struct mcp_call *prev, *next;
};

struct mcp_server {
	struct loop *loop;
	struct engine *e;
	struct engine **engines;
	const char *const *names;
	size_t nengines;
	const struct mcp_opts *o;
	int in_fd, out_fd;
	int in_flags, out_flags;
	struct loop_fd *in_w, *out_w;
	struct rpc_reader rd;
	struct buf out;
	int out_broken;
	char version[16];
	int structured, annotations;
	struct mcp_call *calls;
	struct mcp_sessions *sessions;
	cJSON **in_schema, **out_schema;
	struct loop_timer *close_timer;
	int closing, done;
};

/* ---- output ---- */

static void flush_out(struct mcp_server *s)
{
	while (!s->out_broken && buf_used(&s->out) > 0) {
		ssize_t w = write(s->out_fd, buf_ptr(&s->out), buf_used(&s->out));
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN)
			break;
		if (w <= 0) {
			s->out_broken = 1;
			buf_reset(&s->out);
			break;
		}
		buf_consume(&s->out, (size_t)w);
	}
	if (buf_used(&s->out) == 0)
		buf_reset(&s->out);
	if (s->out_w)
		loop_fd_set(s->out_w, buf_used(&s->out) > 0 ? POLLOUT : 0);
}

static void on_out(int fd, short revents, void *arg)
{
	(void)fd;
	struct mcp_server *s = arg;
	if (revents & (POLLERR | POLLHUP) && !(revents & POLLOUT))
		s->out_broken = 1;
	flush_out(s);
}

static void send_line(struct mcp_server *s, char *line)
{
	if (!s->out_broken)
		buf_adds(&s->out, line);
	free(line);
	flush_out(s);
}

/* ---- calls ---- */

static void begin_close(struct mcp_server *s);

static void call_free(struct mcp_call *c)
{
	struct mcp_server *s = c->srv;
	if (c->prev)
		c->prev->next = c->next;
	else
		s->calls = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (c->inspect)
		engine_call_cancel(c->inspect);
	for (size_t i = 0; c->probes && i < s->nengines; i++)
		engine_call_cancel(c->probes[i]);
	free(c->probes);
	free(c->found);
	free(c->pargs);
	cJSON_Delete(c->id);
	cJSON_Delete(c->token);
	free(c->container);
	free(c);
}

static void call_answer(struct mcp_call *c, cJSON *result)
{
	if (c->cancelled)
		cJSON_Delete(result);
	else
		send_line(c->srv, rpc_result(c->id, result));
	call_free(c);
}

static cJSON *text_content(cJSON *content, const char *text)
{
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "type", "text");
	cJSON_AddStringToObject(t, "text", text);
	cJSON_AddItemToArray(content, t);
	return t;
}

struct engine *mcp_call_engine(const struct mcp_call *c) { return c->engine; }
int mcp_call_engine_named(const struct mcp_call *c) { return c->engine_named; }
size_t mcp_engine_count(const struct mcp_server *s) { return s->nengines; }
struct engine *mcp_engine_at(const struct mcp_server *s, size_t i) { return s->engines[i]; }
const char *mcp_engine_name(const struct mcp_server *s, size_t i) { return s->names[i]; }
void mcp_call_set_engine(struct mcp_call *c, size_t i)
{
	c->engine = c->srv->engines[i];
	c->engine_named = 1;
}
struct mcp_server *mcp_call_server(const struct mcp_call *c) { return c->srv; }
int mcp_call_cancelled(const struct mcp_call *c) { return c->cancelled || c->stopping; }
int mcp_call_wants_progress(const struct mcp_call *c) { return c->token != NULL; }

void mcp_call_finish(struct mcp_call *c, cJSON *structured, const char *text)
{
	cJSON *r = cJSON_CreateObject();
	cJSON *content = cJSON_AddArrayToObject(r, "content");
	text_content(content, text);
	if (structured && c->srv->structured) {
		cJSON_AddItemToObject(r, "structuredContent", structured);
	} else if (structured) {
		char *j = cJSON_PrintUnformatted(structured);
		if (j)
			text_content(content, j);
		cJSON_free(j);
		cJSON_Delete(structured);
	}
	cJSON_AddBoolToObject(r, "isError", 0);
	call_answer(c, r);
}

void mcp_call_fail(struct mcp_call *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	cJSON *r = cJSON_CreateObject();
	text_content(cJSON_AddArrayToObject(r, "content"), msg);
	cJSON_AddBoolToObject(r, "isError", 1);
	free(msg);
	call_answer(c, r);
}

void mcp_call_progress(struct mcp_call *c, double progress, const char *message)
{
	if (c->token == NULL || c->cancelled)
		return;
	if (progress <= c->progress)
		progress = c->progress + 1;
	c->progress = progress;
	cJSON *p = cJSON_CreateObject();
	cJSON_AddItemToObject(p, "progressToken", cJSON_Duplicate(c->token, 0));
	cJSON_AddNumberToObject(p, "progress", progress);
	if (message)
		cJSON_AddStringToObject(p, "message", message);
	send_line(c->srv, rpc_notification("notifications/progress", p));
}

void mcp_call_on_cancel(struct mcp_call *c, void (*fn)(void *arg), void *arg)
{
	c->cancel = fn;
	c->cancel_arg = arg;
	if (fn && c->stopping) /* the server closed while the call was starting */
		fn(arg);
}

static void call_stop(struct mcp_call *c)
{
	if (c->stopping)
		return;
	c->stopping = 1;
	if (c->cancel)
		c->cancel(c->cancel_arg);
}

/* ---- arguments ---- */

const char *mcp_arg_str(const cJSON *args, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, name);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int mcp_arg_num(const cJSON *args, const char *name, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, name);
	if (!cJSON_IsNumber(v))
		return 0;
	*out = v->valuedouble;
	return 1;
}

int mcp_arg_bool(const cJSON *args, const char *name, int dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(args, name);
	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : dflt;
}

static int type_is(const cJSON *v, const char *type)
{
	if (strcmp(type, "string") == 0)
		return cJSON_IsString(v);
	if (strcmp(type, "integer") == 0)
		return cJSON_IsNumber(v) && isfinite(v->valuedouble) &&
		    v->valuedouble == floor(v->valuedouble);
	if (strcmp(type, "number") == 0)
		return cJSON_IsNumber(v) && isfinite(v->valuedouble);
	if (strcmp(type, "boolean") == 0)
		return cJSON_IsBool(v);
	if (strcmp(type, "array") == 0)
		return cJSON_IsArray(v);
	if (strcmp(type, "object") == 0)
		return cJSON_IsObject(v);
	if (strcmp(type, "null") == 0)
		return cJSON_IsNull(v);
	return 0;
}

/* The types a schema allows, "a or b" for the message. */
static int schema_types(const cJSON *schema, const cJSON *v, struct buf *names)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(schema, "type");
	if (cJSON_IsString(t)) {
		buf_adds(names, t->valuestring);
		return type_is(v, t->valuestring);
	}
	int ok = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, t) {
		if (!cJSON_IsString(e))
			continue;
		buf_addf(names, "%s%s", names->len ? " or " : "", e->valuestring);
		ok |= type_is(v, e->valuestring);
	}
	return ok || t == NULL;
}

/* Check one value against a property's schema: type, enum, bounds, and the
 * type of an array's items. NULL, or why not (caller frees). */
static char *check_value(const char *name, const cJSON *schema, const cJSON *v)
{
	struct buf names;
	buf_init(&names);
	int ok = schema_types(schema, v, &names);
	char *why = NULL;
	if (!ok) {
		why = xasprintf("argument \"%s\" must be %s %s", name,
		    strchr("aeiou", buf_ptr(&names)[0]) ? "an" : "a", buf_ptr(&names));
		buf_free(&names);
		return why;
	}
	buf_free(&names);
	const cJSON *en = cJSON_GetObjectItemCaseSensitive(schema, "enum");
	if (cJSON_IsArray(en) && cJSON_IsString(v)) {
		const cJSON *e;
		int found = 0;
		cJSON_ArrayForEach(e, en) found |= cJSON_IsString(e) && strcmp(e->valuestring, v->valuestring) == 0;
		if (!found) {
			char *safe = str_inert(v->valuestring);
			why = xasprintf("argument \"%s\" cannot be \"%s\"", name, safe);
			free(safe);
			return why;
		}
	}
	const cJSON *min = cJSON_GetObjectItemCaseSensitive(schema, "minimum");
	const cJSON *max = cJSON_GetObjectItemCaseSensitive(schema, "maximum");
	if (cJSON_IsNumber(v) && cJSON_IsNumber(min) && v->valuedouble < min->valuedouble)
		return xasprintf("argument \"%s\" must be at least %g", name, min->valuedouble);
	if (cJSON_IsNumber(v) && cJSON_IsNumber(max) && v->valuedouble > max->valuedouble)
		return xasprintf("argument \"%s\" must be at most %g", name, max->valuedouble);
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(schema, "items");
	if (cJSON_IsArray(v) && cJSON_IsObject(items)) {
		const cJSON *e;
		int i = 0;
		cJSON_ArrayForEach(e, v) {
			char *in = xasprintf("%s[%d]", name, i++);
			why = check_value(in, items, e);
			free(in);
			if (why)
				return why;
		}
	}
	const cJSON *props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
	if (cJSON_IsObject(v) && cJSON_IsObject(props)) {
		const cJSON *e;
		cJSON_ArrayForEach(e, v) {
			const cJSON *ps = cJSON_GetObjectItemCaseSensitive(props, e->string);
			if (ps == NULL)
				continue;
			char *in = xasprintf("%s.%s", name, e->string);
			why = check_value(in, ps, e);
			free(in);
			if (why)
				return why;
		}
	}
	return NULL;
}

/* The arguments against the tool's input schema: no unknown names, the
 * required ones there, each of its type. NULL, or why not. */
static char *check_args(const cJSON *schema, const cJSON *args)
{
	const cJSON *props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
	const cJSON *a;
	cJSON_ArrayForEach(a, args) {
		const cJSON *ps = cJSON_GetObjectItemCaseSensitive(props, a->string);
		if (ps == NULL) {
			char *safe = str_inert(a->string);
			char *why = xasprintf("unknown argument \"%s\"", safe);
			free(safe);
			return why;
		}
		char *why = check_value(a->string, ps, a);
		if (why)
			return why;
	}
	const cJSON *req = cJSON_GetObjectItemCaseSensitive(schema, "required");
	cJSON_ArrayForEach(a, req)
		if (cJSON_IsString(a) && !cJSON_GetObjectItemCaseSensitive(args, a->valuestring))
			return xasprintf("argument \"%s\" is required", a->valuestring);
	return NULL;
}

/* ---- containers ---- */

int mcp_allowed(const struct mcp_server *s, const char *name, const char *id)
{
	if (s->o->allow.n == 0)
		return 1;
	if (name && name[0] == '/')
		name++;
	for (size_t i = 0; i < s->o->allow.n; i++) {
		const char *p = s->o->allow.v[i];
		if (name && fnmatch(p, name, 0) == 0)
			return 1;
		if (id && (fnmatch(p, id, 0) == 0 || (strlen(p) >= 12 && strncmp(p, id, strlen(p)) == 0)))
			return 1;
	}
	return 0;
}

char *mcp_not_running_text(const struct container_info *ci)
{
	const char *name = ci->name && ci->name[0] == '/' ? ci->name + 1 : ci->name;
	char *safe = str_inert(name ? name : "?");
	char *t;
	if (ci->paused)
		t = xasprintf("container %s is paused", safe);
	else if (ci->finished_at && strncmp(ci->finished_at, "0001-", 5) != 0)
		t = xasprintf("container %s is not running (%s, exit code %d, finished %s)", safe,
		    ci->status ? ci->status : "?", ci->exit_code, ci->finished_at);
	else
		t = xasprintf("container %s is not running (%s)", safe, ci->status ? ci->status : "?");
	free(safe);
	return t;
}

static void resolve_fail(struct mcp_call *c, const char *msg)
{
	if (c->drop)
		c->drop(c->resolved_arg);
	mcp_call_fail(c, "%s", msg);
}

static void probes_cancel(struct mcp_call *c)
{
	for (size_t i = 0; c->probes && i < c->srv->nengines; i++) {
		engine_call_cancel(c->probes[i]);
		c->probes[i] = NULL;
	}
	c->probing = 0;
}

static void resolve_cancel(void *arg)
{
	struct mcp_call *c = arg;
	engine_call_cancel(c->inspect);
	c->inspect = NULL;
	probes_cancel(c);
	resolve_fail(c, "cancelled");
}

static void resolve_done(const struct engine_error *err, const struct container_info *ci, void *arg);

/* Several engines, none named: which ones have the container. */
static void probe_done(struct mcp_call *c, const struct engine_error *err, size_t i)
{
	c->probes[i] = NULL;
	c->found[i] = err ? (err->status == 404 ? 0 : -1) : 1;
	if (--c->probing > 0)
		return;
	struct mcp_server *s = c->srv;
	struct buf on, all;
	buf_init(&on);
	buf_init(&all);
	size_t n = 0, pick = 0;
	for (size_t k = 0; k < s->nengines; k++) {
		buf_addf(&all, "%s%s%s", all.len ? ", " : "", s->names[k], c->found[k] < 0 ? " (not answering)" : "");
		if (c->found[k] == 1) {
			buf_addf(&on, "%s%s", on.len ? " and " : "", s->names[k]);
			pick = k;
			n++;
		}
	}
	char *safe = str_inert(c->container), *msg = NULL;
	if (n == 0)
		msg = xasprintf("no such container on any engine (%s): %s", buf_ptr(&all), safe);
	else if (n > 1)
		msg = xasprintf("%s is on more than one engine (%s): give the engine argument", safe, buf_ptr(&on));
	free(safe);
	buf_free(&on);
	buf_free(&all);
	if (msg) {
		c->cancel = NULL;
		resolve_fail(c, msg);
		free(msg);
		return;
	}
	c->engine = s->engines[pick];
	c->inspect = engine_container_inspect(c->engine, c->container, resolve_done, c);
}

static void probe_cb(const struct engine_error *err, const struct container_info *ci, void *arg)
{
	struct probe_arg *p = arg;
	struct mcp_call *c = p->c;
	(void)ci;
	probe_done(c, err, p->i);
}

static void resolve_done(const struct engine_error *err, const struct container_info *ci, void *arg)
{
	struct mcp_call *c = arg;
	c->inspect = NULL;
	c->cancel = NULL;
	char *safe = str_inert(c->container), *msg = NULL;
	if (err && err->status == 404)
		msg = xasprintf("no such container: %s", safe);
	else if (err)
		msg = xstrdup(err->message);
	else if (!mcp_allowed(c->srv, ci->name, ci->id))
		msg = xasprintf("container %s is not one this server may touch (see its --allow)", safe);
	else if (c->need_running && (!ci->running || ci->paused))
		msg = mcp_not_running_text(ci);
	free(safe);
	if (msg) {
		resolve_fail(c, msg);
		free(msg);
		return;
	}
	c->resolved(c, ci, c->resolved_arg);
}

void mcp_resolve(struct mcp_call *c, const char *container, int need_running, mcp_resolved_cb cb,
    void (*drop)(void *arg), void *arg)
{
	free(c->container);
	c->container = xstrdup(container);
	c->resolved = cb;
	c->drop = drop;
	c->resolved_arg = arg;
	c->need_running = need_running;
	if (c->stopping) {
		resolve_fail(c, "cancelled");
		return;
	}
	c->cancel = resolve_cancel;
	c->cancel_arg = c;
	struct mcp_server *s = c->srv;
	if (c->engine_named || s->nengines < 2) {
		c->inspect = engine_container_inspect(c->engine, container, resolve_done, c);
		return;
	}
	free(c->probes);
	free(c->found);
	free(c->pargs);
	c->probes = xcalloc(s->nengines, sizeof *c->probes);
	c->found = xcalloc(s->nengines, sizeof *c->found);
	c->pargs = xcalloc(s->nengines, sizeof *c->pargs);
	c->probing = s->nengines;
	for (size_t i = 0; i < s->nengines; i++) {
		c->pargs[i].c = c;
		c->pargs[i].i = i;
		c->probes[i] = engine_container_inspect(s->engines[i], container, probe_cb, &c->pargs[i]);
	}
}

struct mcp_sessions *mcp_server_sessions(struct mcp_server *s) { return s->sessions; }

/* ---- methods ---- */

static cJSON *tool_entry(struct mcp_server *s, size_t i)
{
	const struct mcp_tool *t = mcp_tools[i];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", t->name);
	if (s->annotations)
		cJSON_AddStringToObject(o, "title", t->title);
	cJSON_AddStringToObject(o, "description", t->description);
	cJSON_AddItemToObject(o, "inputSchema", cJSON_Duplicate(s->in_schema[i], 1));
	if (s->structured)
		cJSON_AddItemToObject(o, "outputSchema", cJSON_Duplicate(s->out_schema[i], 1));
	if (s->annotations) {
		cJSON *a = cJSON_AddObjectToObject(o, "annotations");
		cJSON_AddStringToObject(a, "title", t->title);
		cJSON_AddBoolToObject(a, "readOnlyHint", t->read_only);
		cJSON_AddBoolToObject(a, "destructiveHint", t->destructive);
		cJSON_AddBoolToObject(a, "idempotentHint", t->read_only);
		cJSON_AddBoolToObject(a, "openWorldHint", 0);
	}
	return o;
}

static int offered(const struct mcp_server *s, const struct mcp_tool *t)
{
	return t->read_only || !s->o->read_only;
}

static void do_initialize(struct mcp_server *s, const struct rpc_msg *m)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(m->params, "protocolVersion");
	if (!cJSON_IsString(v)) {
		send_line(s, rpc_error(m->id, RPC_INVALID_PARAMS, "initialize needs a \"protocolVersion\""));
		return;
	}
	const char *use = mcp_versions[0];
	for (size_t i = 0; i < sizeof mcp_versions / sizeof mcp_versions[0]; i++)
		if (strcmp(v->valuestring, mcp_versions[i]) == 0)
			use = mcp_versions[i];
	snprintf(s->version, sizeof s->version, "%s", use);
	s->structured = strcmp(use, "2025-06-18") >= 0;
	s->annotations = strcmp(use, "2025-03-26") >= 0;
	cJSON *r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "protocolVersion", use);
	cJSON *caps = cJSON_AddObjectToObject(r, "capabilities");
	cJSON_AddBoolToObject(cJSON_AddObjectToObject(caps, "tools"), "listChanged", 0);
	cJSON *info = cJSON_AddObjectToObject(r, "serverInfo");
	cJSON_AddStringToObject(info, "name", "porthole");
	cJSON_AddStringToObject(info, "version", PACKAGE_VERSION);
	cJSON_AddStringToObject(r, "instructions", mcp_instructions);
	send_line(s, rpc_result(m->id, r));
}

static void do_tools_list(struct mcp_server *s, const struct rpc_msg *m)
{
	cJSON *r = cJSON_CreateObject();
	cJSON *a = cJSON_AddArrayToObject(r, "tools");
	for (size_t i = 0; i < mcp_tool_count; i++)
		if (offered(s, mcp_tools[i]))
			cJSON_AddItemToArray(a, tool_entry(s, i));
	send_line(s, rpc_result(m->id, r));
}

static void do_tools_call(struct mcp_server *s, const struct rpc_msg *m)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(m->params, "name");
	if (!cJSON_IsString(name)) {
		send_line(s, rpc_error(m->id, RPC_INVALID_PARAMS, "tools/call needs a tool \"name\""));
		return;
	}
	size_t i;
	for (i = 0; i < mcp_tool_count; i++)
		if (strcmp(mcp_tools[i]->name, name->valuestring) == 0)
			break;
	if (i == mcp_tool_count || !offered(s, mcp_tools[i])) {
		char *safe = str_inert(name->valuestring);
		char *msg = i == mcp_tool_count ? xasprintf("unknown tool: %s", safe)
		    : xasprintf("tool %s is not offered: this server runs with --read-only", safe);
		send_line(s, rpc_error(m->id, RPC_INVALID_PARAMS, msg));
		free(msg);
		free(safe);
		return;
	}
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(m->params, "arguments");
	if (args && !cJSON_IsNull(args) && !cJSON_IsObject(args)) {
		send_line(s, rpc_error(m->id, RPC_INVALID_PARAMS, "tools/call \"arguments\" must be an object"));
		return;
	}
	struct mcp_call *c = xcalloc(1, sizeof *c);
	c->srv = s;
	c->id = cJSON_Duplicate(m->id, 1);
	c->tool = mcp_tools[i];
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(m->params, "_meta");
	const cJSON *tok = cJSON_GetObjectItemCaseSensitive(meta, "progressToken");
	if (cJSON_IsString(tok) || cJSON_IsNumber(tok))
		c->token = cJSON_Duplicate(tok, 1);
	c->next = s->calls;
	if (s->calls)
		s->calls->prev = c;
	s->calls = c;
	cJSON *empty = NULL;
	if (!cJSON_IsObject(args))
		args = empty = cJSON_CreateObject();
	c->engine = s->engines[0];
	char *why = check_args(s->in_schema[i], args);
	const char *eng = mcp_arg_str(args, "engine");
	if (!why && eng) {
		size_t k;
		for (k = 0; k < s->nengines && strcmp(s->names[k], eng) != 0; k++)
			;
		if (k == s->nengines) {
			char *safe = str_inert(eng);
			struct buf all;
			buf_init(&all);
			for (size_t j = 0; j < s->nengines; j++)
				buf_addf(&all, "%s%s", j ? ", " : "", s->names[j]);
			why = xasprintf("no engine named %s (this server has: %s)", safe, buf_ptr(&all));
			buf_free(&all);
			free(safe);
		} else {
			c->engine = s->engines[k];
			c->engine_named = 1;
		}
	}
	if (why) {
		mcp_call_fail(c, "%s: %s", mcp_tools[i]->name, why);
		free(why);
	} else if (s->closing) {
		mcp_call_fail(c, "the server is closing");
	} else {
		c->tool->start(c, args);
	}
	cJSON_Delete(empty);
}

static void do_cancelled(struct mcp_server *s, const struct rpc_msg *m)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(m->params, "requestId");
	if (id == NULL)
		return;
	for (struct mcp_call *c = s->calls; c; c = c->next)
		if (cJSON_Compare(c->id, id, 1)) {
			c->cancelled = 1;
			call_stop(c);
			return; /* c may be gone */
		}
}

static void on_line(const char *line, size_t len, void *arg)
{
	struct mcp_server *s = arg;
	struct rpc_msg m;
	switch (rpc_parse(line, len, &m)) {
	case RPC_INVALID:
		send_line(s, rpc_error(m.id, m.error_code, m.error_message));
		break;
	case RPC_RESPONSE:
		break; /* porthole sends no requests */
	case RPC_NOTIFICATION:
		if (strcmp(m.method, "notifications/cancelled") == 0)
			do_cancelled(s, &m);
		break;
	case RPC_REQUEST:
		if (strcmp(m.method, "initialize") == 0)
			do_initialize(s, &m);
		else if (strcmp(m.method, "ping") == 0)
			send_line(s, rpc_result(m.id, NULL));
		else if (strcmp(m.method, "tools/list") == 0)
			do_tools_list(s, &m);
		else if (strcmp(m.method, "tools/call") == 0)
			do_tools_call(s, &m);
		else {
			char *safe = str_inert(m.method);
			char *msg = xasprintf("unknown method: %s", safe);
			send_line(s, rpc_error(m.id, RPC_METHOD_NOT_FOUND, msg));
			free(msg);
			free(safe);
		}
		break;
	}
	rpc_msg_clear(&m);
}

static void on_too_long(void *arg)
{
	struct mcp_server *s = arg;
	char *msg = xasprintf("a message longer than %u bytes was dropped", RPC_LINE_MAX);
	send_line(s, rpc_error(NULL, RPC_INVALID_REQUEST, msg));
	free(msg);
}

static void on_in(int fd, short revents, void *arg)
{
	struct mcp_server *s = arg;
	char b[65536];
	(void)revents;
	ssize_t n = read(fd, b, sizeof b);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		begin_close(s);
		return;
	}
	rpc_reader_feed(&s->rd, b, (size_t)n, on_line, on_too_long, s);
}

/* ---- closing ---- */

static void on_close_timer(void *arg)
{
	struct mcp_server *s = arg;
	fprintf(stderr, "porthole: mcp: not everything ended within %d ms of closing\n", MCP_CLOSE_MS);
	s->done = 1;
}

static void begin_close(struct mcp_server *s)
{
	if (s->closing)
		return;
	s->closing = 1;
	if (s->in_w) {
		loop_fd_del(s->in_w);
		s->in_w = NULL;
	}
	/* A stop hook can end its call (and free it) at once. */
	for (int again = 1; again; ) {
		again = 0;
		for (struct mcp_call *c = s->calls; c; c = c->next)
			if (!c->stopping) {
				call_stop(c);
				again = 1;
				break;
			}
	}
	mcp_sessions_close_all(s->sessions);
	loop_timer_start(s->close_timer, MCP_CLOSE_MS);
}

static void on_signal(int signo, void *arg)
{
	(void)signo;
	begin_close(arg);
}

static int closed(struct mcp_server *s)
{
	return s->closing && s->calls == NULL && !mcp_sessions_close_all(s->sessions) &&
	    (s->out_broken || buf_used(&s->out) == 0);
}

static int nonblock(int fd, int *old)
{
	*old = fcntl(fd, F_GETFL);
	return *old < 0 ? -1 : fcntl(fd, F_SETFL, *old | O_NONBLOCK);
}

int mcp_serve(struct engine *e, const struct mcp_opts *o, int in_fd, int out_fd)
{
	struct mcp_server s;
	memset(&s, 0, sizeof s);
	s.loop = engine_loop(e);
	s.e = e;
	const char *one_name[1] = { engine_endpoint(e)->display };
	struct engine *one[1] = { e };
	s.engines = o->nengines ? o->engines : one;
	s.names = o->nengines ? o->names : one_name;
	s.nengines = o->nengines ? o->nengines : 1;
	s.o = o;
	s.in_fd = in_fd;
	s.out_fd = out_fd;
	s.in_schema = xcalloc(mcp_tool_count, sizeof *s.in_schema);
	s.out_schema = xcalloc(mcp_tool_count, sizeof *s.out_schema);
	for (size_t i = 0; i < mcp_tool_count; i++) {
		s.in_schema[i] = cJSON_Parse(mcp_tools[i]->input_schema);
		s.out_schema[i] = cJSON_Parse(mcp_tools[i]->output_schema);
		cJSON *props = cJSON_GetObjectItemCaseSensitive(s.in_schema[i], "properties");
		if (props && !cJSON_GetObjectItemCaseSensitive(props, "engine")) {
			cJSON *ep = cJSON_AddObjectToObject(props, "engine");
			cJSON_AddStringToObject(ep, "type", "string");
			cJSON_AddStringToObject(ep, "description", "the engine, by its -H address or context name as the "
			    "server was given it (default: the one that has the container, else the first)");
		}
		if (!s.in_schema[i] || !s.out_schema[i]) {
			fprintf(stderr, "porthole: mcp: the schema of tool %s does not parse\n", mcp_tools[i]->name);
			abort();
		}
	}
	if (nonblock(in_fd, &s.in_flags) != 0 || nonblock(out_fd, &s.out_flags) != 0) {
		fprintf(stderr, "porthole: mcp: cannot use stdin and stdout: %s\n", strerror(errno));
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	rpc_reader_init(&s.rd);
	buf_init(&s.out);
	s.sessions = mcp_sessions_new(&s);
	s.close_timer = loop_timer_new(s.loop, on_close_timer, &s);
	loop_signal(s.loop, SIGINT, on_signal, &s);
	loop_signal(s.loop, SIGTERM, on_signal, &s);
	loop_signal(s.loop, SIGHUP, on_signal, &s);
	s.in_w = loop_fd_add(s.loop, in_fd, POLLIN, on_in, &s);
	s.out_w = loop_fd_add(s.loop, out_fd, 0, on_out, &s);
	if (o->engine_note)
		fprintf(stderr, "porthole: mcp: %s (each call will try again)\n", o->engine_note);
	while (!s.done && !closed(&s))
		if (loop_run_once(s.loop, -1) < 0)
			break;
	while (s.calls) { /* only after MCP_CLOSE_MS: answer nothing more */
		s.calls->cancelled = 1;
		call_free(s.calls);
	}
	mcp_sessions_free(s.sessions);
	loop_timer_free(s.close_timer);
	if (s.in_w)
		loop_fd_del(s.in_w);
	loop_fd_del(s.out_w);
	flush_out(&s);
	fcntl(in_fd, F_SETFL, s.in_flags);
	fcntl(out_fd, F_SETFL, s.out_flags);
	rpc_reader_free(&s.rd);
	buf_free(&s.out);
	for (size_t i = 0; i < mcp_tool_count; i++) {
		cJSON_Delete(s.in_schema[i]);
		cJSON_Delete(s.out_schema[i]);
	}
	free(s.in_schema);
	free(s.out_schema);
	return 0;
}
