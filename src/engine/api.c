/* api.c: Engine API calls over engine/http.c (see api.h). Each call is a
 * struct engine_call holding the typed callback; http completion turns the
 * response into structs (engine/model.c) or an engine_error. */
#include "config.h"
#include "engine/api.h"
#include "engine/sshrelay.h"
#include "engine/http.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum call_kind {
	CALL_VERSION, CALL_PING, CALL_LIST, CALL_INSPECT, CALL_EXEC_CREATE,
	CALL_EXEC_INSPECT, CALL_STATUS, CALL_EVENTS
};

struct engine_call {
	struct engine *engine;
	enum call_kind kind;
	struct http_req *req;
	union {
		engine_version_cb version;
		engine_status_cb status;
		engine_list_cb list;
		engine_info_cb info;
		engine_exec_cb exec;
		engine_exec_info_cb exec_info;
	} cb;
	engine_event_cb event_cb;
	void *arg;
	struct buf lines;       /* events: partial line */
	unsigned long bad;      /* events: lines that did not parse */
	struct engine_call *prev, *next;
};

struct engine {
	struct loop *loop;
	struct http *http;
	struct sshrelay *ssh;      /* an ssh:// engine's local socket, or NULL */
	char *ssh_cause;           /* why that socket could not be made */
	char api[16];
	char *server_version;
	long timeout_ms;
	struct engine_call *calls;
};

struct engine *engine_new(struct loop *loop, const struct endpoint *ep)
{
	struct engine *e = xcalloc(1, sizeof *e);
	e->loop = loop;
	if (ep->kind == ENDPOINT_SSH) {
		/* HTTP goes to a local socket whose connections each run ssh
		 * (engine/sshrelay.h); messages keep the ssh:// address. */
		e->ssh = sshrelay_new(loop, ep, &e->ssh_cause);
		struct endpoint local;
		memset(&local, 0, sizeof local);
		local.kind = ENDPOINT_UNIX;
		local.path = xstrdup(e->ssh ? sshrelay_path(e->ssh) : "/nonexistent/porthole-ssh.sock");
		local.display = xstrdup(ep->display);
		e->http = http_new(loop, &local);
		endpoint_clear(&local);
	} else {
		e->http = http_new(loop, ep);
	}
	snprintf(e->api, sizeof e->api, "%s", ENGINE_API_MAX);
	e->timeout_ms = ENGINE_TIMEOUT_MS;
	return e;
}

static void call_unlink(struct engine_call *c)
{
	struct engine *e = c->engine;
	if (c->prev)
		c->prev->next = c->next;
	else
		e->calls = c->next;
	if (c->next)
		c->next->prev = c->prev;
	buf_free(&c->lines);
	free(c);
}

void engine_call_cancel(struct engine_call *c)
{
	if (c == NULL)
		return;
	http_req_cancel(c->req);
	call_unlink(c);
}

void engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	while (e->calls)
		engine_call_cancel(e->calls);
	http_free(e->http);
	sshrelay_free(e->ssh);
	free(e->ssh_cause);
	free(e->server_version);
	free(e);
}

const struct endpoint *engine_endpoint(const struct engine *e) { return http_endpoint(e->http); }
struct loop *engine_loop(const struct engine *e) { return e->loop; }
const char *engine_api_version(const struct engine *e) { return e->api; }
const char *engine_server_version(const struct engine *e) { return e->server_version ? e->server_version : "?"; }
void engine_set_timeout(struct engine *e, long ms) { e->timeout_ms = ms; }
long engine_timeout(const struct engine *e) { return e->timeout_ms; }
struct http *engine_http(const struct engine *e) { return e->http; }
unsigned long engine_events_bad(const struct engine_call *c) { return c->bad; }

static int vercmp(const char *a, const char *b)
{
	long am = strtol(a, (char **)&a, 10), bm = strtol(b, (char **)&b, 10);
	if (am != bm)
		return am < bm ? -1 : 1;
	long an = *a == '.' ? strtol(a + 1, NULL, 10) : 0;
	long bn = *b == '.' ? strtol(b + 1, NULL, 10) : 0;
	return an < bn ? -1 : an > bn;
}

char *engine_path(const struct engine *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	char *r = xasprintf("/v%s%s", e->api, p);
	free(p);
	return r;
}

char *engine_unreachable_text(const struct engine *e, const char *why)
{
	/* Through ssh, ssh's own words say more than the local socket's. */
	const char *ssh = e->ssh_cause ? e->ssh_cause : e->ssh ? sshrelay_error(e->ssh) : NULL;
	char *w = ssh ? xstrdup(ssh) : str_inert(why);
	char *s = xasprintf("cannot reach the engine at %s: %s", engine_endpoint(e)->display, w);
	free(w);
	return s;
}

char *engine_escape(const char *s)
{
	char *q = curl_easy_escape(NULL, s, 0);
	char *r = xstrdup(q ? q : "");
	curl_free(q);
	return r;
}

static void call_done(const struct http_result *res, void *arg);
static int events_chunk(const char *data, size_t len, void *arg);

static struct engine_call *call_new(struct engine *e, enum call_kind kind, void *arg)
{
	struct engine_call *c = xcalloc(1, sizeof *c);
	c->engine = e;
	c->kind = kind;
	c->arg = arg;
	buf_init(&c->lines);
	c->next = e->calls;
	if (e->calls)
		e->calls->prev = c;
	e->calls = c;
	return c;
}

static struct engine_call *call_start(struct engine_call *c, const char *method, char *path,
    const char *body, long timeout)
{
	c->req = http_request(c->engine->http, method, path, body, timeout,
	    c->kind == CALL_EVENTS ? events_chunk : NULL, call_done, c);
	free(path);
	return c;
}

char *engine_result_message(struct engine *e, const struct http_result *res, int *status, int *timed_out)
{
	if (status)
		*status = res->status;
	if (timed_out)
		*timed_out = res->status == 0 && res->timed_out;
	if (res->status >= 200 && res->status < 300)
		return NULL;
	if (res->status == 0) {
		if (res->timed_out)
			return xasprintf("the engine at %s did not answer in time (%s)",
			    engine_endpoint(e)->display, res->error ? res->error : "timeout");
		return engine_unreachable_text(e, res->error ? res->error : "no answer");
	}
	char *m = error_message_parse(res->body);
	if (m == NULL)
		m = xstrndup(res->body, res->len > 200 ? 200 : res->len);
	size_t l = strlen(m);
	while (l > 0 && (m[l - 1] == '\n' || m[l - 1] == '\r' || m[l - 1] == ' '))
		m[--l] = '\0';
	if (l == 0) {
		free(m);
		m = xasprintf("HTTP status %d", res->status);
	}
	char *inert = str_inert(m);
	free(m);
	return inert;
}

/* Fill err from an HTTP result; 0 when it is a success (2xx). */
static int result_error(struct engine *e, const struct http_result *res, struct engine_error *err,
    char **msgp)
{
	memset(err, 0, sizeof *err);
	*msgp = engine_result_message(e, res, &err->status, &err->timed_out);
	if (*msgp == NULL)
		return 0;
	err->message = *msgp;
	return -1;
}

static void parse_fail(struct engine_error *err, char **msgp, char *cause, int status)
{
	err->status = status;
	*msgp = cause;
	err->message = cause;
}

static void negotiate_from(struct engine *e, const struct engine_version *v)
{
	const char *api = v->api_version;
	if (vercmp(api, ENGINE_API_MAX) > 0)
		api = ENGINE_API_MAX;
	snprintf(e->api, sizeof e->api, "%s", api);
	free(e->server_version);
	e->server_version = xstrdup(v->version ? v->version : "?");
}

static void call_done(const struct http_result *res, void *arg)
{
	struct engine_call *c = arg;
	struct engine *e = c->engine;
	struct engine_error err, *errp = NULL;
	char *msg = NULL;
	c->req = NULL;
	if (result_error(e, res, &err, &msg) != 0)
		errp = &err;
	switch (c->kind) {
	case CALL_VERSION: {
		struct engine_version v;
		memset(&v, 0, sizeof v);
		if (errp == NULL && (v.api_version = http_header(res->headers, "Api-Version")) == NULL) {
			parse_fail(&err, &msg, xasprintf("%s does not speak the Docker Engine API "
			    "(no Api-Version in its answer to /_ping)", engine_endpoint(e)->display), res->status);
			errp = &err;
		}
		if (errp == NULL) {
			char *server = http_header(res->headers, "Server");
			char *libpod = http_header(res->headers, "Libpod-Api-Version");
			if (server && strncmp(server, "Docker/", 7) == 0)
				v.version = xstrndup(server + 7, strcspn(server + 7, " "));
			else if (libpod)
				v.version = xstrdup(libpod);
			v.platform = xstrdup(libpod ? "Podman Engine" : "Docker Engine");
			free(server);
			free(libpod);
		}
		if (errp == NULL)
			negotiate_from(e, &v);
		c->cb.version(errp, errp ? NULL : &v, c->arg);
		version_clear(&v);
		break;
	}
	case CALL_LIST: {
		struct container_list l;
		char *cause = NULL;
		if (errp == NULL && container_list_parse(res->body, &l, &cause) != 0) {
			parse_fail(&err, &msg, cause, res->status);
			errp = &err;
		}
		c->cb.list(errp, errp ? NULL : &l, c->arg);
		if (errp == NULL)
			container_list_clear(&l);
		break;
	}
	case CALL_INSPECT: {
		struct container_info ci;
		char *cause = NULL;
		if (errp == NULL && container_info_parse(res->body, &ci, &cause) != 0) {
			parse_fail(&err, &msg, cause, res->status);
			errp = &err;
		}
		c->cb.info(errp, errp ? NULL : &ci, c->arg);
		if (errp == NULL)
			container_info_clear(&ci);
		break;
	}
	case CALL_EXEC_INSPECT: {
		struct exec_info x;
		char *cause = NULL;
		if (errp == NULL && exec_info_parse(res->body, &x, &cause) != 0) {
			parse_fail(&err, &msg, cause, res->status);
			errp = &err;
		}
		c->cb.exec_info(errp, errp ? NULL : &x, c->arg);
		if (errp == NULL)
			exec_info_clear(&x);
		break;
	}
	case CALL_EXEC_CREATE: {
		char *id = NULL;
		if (errp == NULL && (id = id_parse(res->body)) == NULL) {
			parse_fail(&err, &msg, xstrdup("exec create answer without an Id"), res->status);
			errp = &err;
		}
		c->cb.exec(errp, errp ? NULL : id, c->arg);
		free(id);
		break;
	}
	case CALL_PING:
	case CALL_STATUS:
		c->cb.status(errp, c->arg);
		break;
	case CALL_EVENTS:
		c->cb.status(errp, c->arg);
		break;
	}
	free(msg);
	call_unlink(c);
}

struct engine_call *engine_negotiate(struct engine *e, engine_version_cb cb, void *arg)
{
	/* /_ping answers with the Api-Version header at once; /version makes
	 * dockerd gather its whole state (about 40 ms here). */
	struct engine_call *c = call_new(e, CALL_VERSION, arg);
	c->cb.version = cb;
	return call_start(c, "GET", xstrdup("/_ping"), NULL, e->timeout_ms);
}

struct engine_call *engine_ping(struct engine *e, long timeout_ms, engine_status_cb cb, void *arg)
{
	struct engine_call *c = call_new(e, CALL_PING, arg);
	c->cb.status = cb;
	return call_start(c, "GET", xstrdup("/_ping"), NULL, timeout_ms);
}

struct engine_call *engine_container_list(struct engine *e, int all, engine_list_cb cb, void *arg)
{
	return engine_container_list_filtered(e, all, NULL, cb, arg);
}

struct engine_call *engine_container_list_filtered(struct engine *e, int all, const char *filters,
    engine_list_cb cb, void *arg)
{
	struct engine_call *c = call_new(e, CALL_LIST, arg);
	c->cb.list = cb;
	char *q = filters ? engine_escape(filters) : NULL;
	char *path = q ? engine_path(e, "/containers/json?all=%d&filters=%s", !!all, q)
	    : engine_path(e, "/containers/json%s", all ? "?all=1" : "");
	c = call_start(c, "GET", path, NULL, e->timeout_ms);
	free(q);
	return c;
}

struct engine_call *engine_container_inspect(struct engine *e, const char *id, engine_info_cb cb, void *arg)
{
	struct engine_call *c = call_new(e, CALL_INSPECT, arg);
	c->cb.info = cb;
	char *q = engine_escape(id);
	c = call_start(c, "GET", engine_path(e, "/containers/%s/json", q), NULL, e->timeout_ms);
	free(q);
	return c;
}

struct engine_call *engine_exec_create(struct engine *e, const char *container,
    const struct exec_config *cfg, engine_exec_cb cb, void *arg)
{
	struct engine_call *c = call_new(e, CALL_EXEC_CREATE, arg);
	c->cb.exec = cb;
	char *q = engine_escape(container);
	char *body = exec_config_json(cfg, vercmp(e->api, "1.42") >= 0);
	c = call_start(c, "POST", engine_path(e, "/containers/%s/exec", q), body, e->timeout_ms);
	free(body);
	free(q);
	return c;
}

struct engine_call *engine_exec_inspect(struct engine *e, const char *exec_id, engine_exec_info_cb cb, void *arg)
{
	struct engine_call *c = call_new(e, CALL_EXEC_INSPECT, arg);
	c->cb.exec_info = cb;
	char *q = engine_escape(exec_id);
	c = call_start(c, "GET", engine_path(e, "/exec/%s/json", q), NULL, e->timeout_ms);
	free(q);
	return c;
}

struct engine_call *engine_exec_resize(struct engine *e, const char *exec_id, int rows, int cols,
    engine_status_cb cb, void *arg)
{
	struct engine_call *c = call_new(e, CALL_STATUS, arg);
	c->cb.status = cb;
	char *q = engine_escape(exec_id);
	c = call_start(c, "POST", engine_path(e, "/exec/%s/resize?h=%d&w=%d", q, rows, cols),
	    NULL, e->timeout_ms);
	free(q);
	return c;
}

struct engine_call *engine_exec_start_detached(struct engine *e, const char *exec_id, int tty,
    engine_status_cb cb, void *arg)
{
	struct engine_call *c = call_new(e, CALL_STATUS, arg);
	c->cb.status = cb;
	char *q = engine_escape(exec_id);
	char *body = xasprintf("{\"Detach\":true,\"Tty\":%s}", tty ? "true" : "false");
	c = call_start(c, "POST", engine_path(e, "/exec/%s/start", q), body, e->timeout_ms);
	free(body);
	free(q);
	return c;
}

/* Event lines can be split anywhere by the transport: collect, then parse
 * each complete line. A line over 1 MiB is dropped as garbage. */
static int events_chunk(const char *data, size_t len, void *arg)
{
	struct engine_call *c = arg;
	buf_add(&c->lines, data, len);
	for (;;) {
		const char *p = buf_ptr(&c->lines);
		size_t n = buf_used(&c->lines);
		const char *nl = memchr(p, '\n', n);
		if (nl == NULL) {
			if (n > 1048576) {
				c->bad++;
				buf_reset(&c->lines);
			}
			return 0;
		}
		size_t ll = (size_t)(nl - p);
		if (ll > 0) {
			struct event ev;
			if (event_parse(p, ll, &ev, NULL) == 0) {
				c->event_cb(&ev, c->arg);
				event_clear(&ev);
			} else
				c->bad++;
		}
		buf_consume(&c->lines, ll + 1);
	}
}

struct engine_call *engine_events(struct engine *e, engine_event_cb ev_cb,
    engine_status_cb end_cb, void *arg)
{
	struct engine_call *c = call_new(e, CALL_EVENTS, arg);
	c->cb.status = end_cb;
	c->event_cb = ev_cb;
	return call_start(c, "GET",
	    engine_path(e, "/events?filters=%%7B%%22type%%22%%3A%%5B%%22container%%22%%5D%%7D"),
	    NULL, 0);
}

void engine_wait(struct engine *e, const int *flag)
{
	while (!*flag)
		if (loop_run_once(e->loop, -1) < 0)
			break;
}
