/* conn.c: one engine connection (see conn.h): negotiation, the event
 * stream, the container list, the watched container's inspect, and the
 * reconnection timer. Called by session/app.c. */
#include "config.h"
#include "session/conn.h"
#include "core/xmalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct conn {
	struct loop *loop;
	struct engine *e;
	struct conn_cb cb;
	void *arg;
	enum conn_state state;
	struct engine_call *negotiate, *list, *events, *inspect, *ping;
	int64_t heard;  /* when the engine last answered anything (loop_now_ms) */
	struct loop_timer *reconnect, *refetch;
	int refetch_again, reinspect;
	struct ctrlist ctrs;
	char *watched;
	char *cause;    /* why it is down, NULL while up */
};

static void changed(struct conn *c, int what)
{
	if (c->cb.changed)
		c->cb.changed(c, what, c->arg);
}

static void message(struct conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void message(struct conn *c, const char *fmt, ...)
{
	if (c->cb.message == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	c->cb.message(c, m, c->arg);
	free(m);
}

struct engine *conn_engine(const struct conn *c) { return c->e; }
enum conn_state conn_state(const struct conn *c) { return c->state; }
const struct ctrlist *conn_containers(const struct conn *c) { return &c->ctrs; }
const char *conn_cause(const struct conn *c) { return c->state == CONN_DISCONNECTED ? c->cause : NULL; }

static void went_down(struct conn *c, const char *why);

/* A call that timed out on an engine that was up: the engine hangs (a
 * stopped daemon keeps its sockets open), so the connection is down until
 * a negotiation answers again. */
static void check_hung(struct conn *c, const struct engine_error *err)
{
	if (err == NULL)
		c->heard = loop_now_ms();
	if (err && err->timed_out && c->state == CONN_CONNECTED) {
		engine_call_cancel(c->events);
		c->events = NULL;
		went_down(c, err->message);
	}
}

/* ---- the watched container ---- */

static void on_inspect(const struct engine_error *err, const struct container_info *info, void *arg)
{
	struct conn *c = arg;
	c->inspect = NULL;
	if (c->cb.inspected)
		c->cb.inspected(c, err, info, c->arg);
	check_hung(c, err);
	if (c->reinspect) {
		c->reinspect = 0;
		conn_refresh_watched(c);
	}
}

void conn_refresh_watched(struct conn *c)
{
	if (c->watched == NULL || c->state != CONN_CONNECTED)
		return;
	if (c->inspect) {
		c->reinspect = 1;
		return;
	}
	c->inspect = engine_container_inspect(c->e, c->watched, on_inspect, c);
}

void conn_watch(struct conn *c, const char *id)
{
	if ((id == NULL && c->watched == NULL) || (id && c->watched && strcmp(id, c->watched) == 0))
		return;
	free(c->watched);
	c->watched = id ? xstrdup(id) : NULL;
	engine_call_cancel(c->inspect);
	c->inspect = NULL;
	c->reinspect = 0;
	conn_refresh_watched(c);
}

/* ---- the list ---- */

static void on_list(const struct engine_error *err, const struct container_list *l, void *arg)
{
	struct conn *c = arg;
	c->list = NULL;
	if (err) {
		message(c, "cannot list containers: %s", err->message);
		check_hung(c, err);
		return;
	}
	c->heard = loop_now_ms();
	ctrlist_replace(&c->ctrs, l, loop_now_ms());
	changed(c, CONN_CHANGED_LIST);
	/* The watched container may have changed without an event we saw
	 * (an engine that restarted stops its containers before it serves). */
	conn_refresh_watched(c);
	if (c->refetch_again) {
		c->refetch_again = 0;
		loop_timer_start(c->refetch, CONN_REFETCH_MS * 2);
	}
}

static void on_refetch(void *arg)
{
	struct conn *c = arg;
	if (c->state != CONN_CONNECTED)
		return;
	if (c->list) {
		c->refetch_again = 1;
		return;
	}
	c->list = engine_container_list(c->e, 1, on_list, c);
}

/* Coalesce bursts of events into one list call. */
static void fetch_list(struct conn *c)
{
	if (!loop_timer_pending(c->refetch))
		loop_timer_start(c->refetch, CONN_REFETCH_MS);
}

/* ---- events and the connection's life ---- */

static void went_down(struct conn *c, const char *why)
{
	free(c->cause);
	c->cause = xstrdup(why);
	c->state = CONN_DISCONNECTED;
	changed(c, CONN_CHANGED_STATE);
	message(c, "engine unreachable (%s); tabs kept, reconnecting", why);
	/* Try again soon: the list and events come back within a second or
	 * two of the daemon answering. */
	loop_timer_start(c->reconnect, CONN_RECONNECT_MS);
}

static void on_event(const struct event *ev, void *arg)
{
	struct conn *c = arg;
	c->heard = loop_now_ms();
	int r = ctrlist_apply(&c->ctrs, ev, loop_now_ms());
	if (r & CTRLIST_CHANGED)
		changed(c, CONN_CHANGED_LIST);
	if (r & CTRLIST_REFETCH)
		fetch_list(c);
	if (c->cb.event)
		c->cb.event(c, ev, c->arg);
	/* Its state, or its ExecIDs, changed. */
	if (c->watched && strcmp(ev->id, c->watched) == 0)
		conn_refresh_watched(c);
}

static void on_events_end(const struct engine_error *err, void *arg)
{
	struct conn *c = arg;
	c->events = NULL;
	went_down(c, err ? err->message : "the event stream ended");
}

static void on_negotiated(const struct engine_error *err, const struct engine_version *v, void *arg)
{
	struct conn *c = arg;
	c->negotiate = NULL;
	if (err) {
		went_down(c, err->message);
		return;
	}
	int was_down = c->state == CONN_DISCONNECTED;
	c->state = CONN_CONNECTED;
	c->heard = loop_now_ms();
	/* Events first, then the list: nothing that happens between is lost. */
	c->events = engine_events(c->e, on_event, on_events_end, c);
	c->list = engine_container_list(c->e, 1, on_list, c);
	conn_refresh_watched(c);
	changed(c, CONN_CHANGED_STATE);
	if (was_down)
		message(c, "reconnected to %s (API %s)", engine_endpoint(c->e)->display, engine_api_version(c->e));
}

static void on_reconnect(void *arg)
{
	struct conn *c = arg;
	if (c->state != CONN_DISCONNECTED)
		return;
	engine_call_cancel(c->events);
	c->events = NULL;
	if (c->negotiate == NULL)
		c->negotiate = engine_negotiate(c->e, on_negotiated, c);
}

/* ---- is it still there? ---- */

static void on_ping(const struct engine_error *err, void *arg)
{
	struct conn *c = arg;
	c->ping = NULL;
	check_hung(c, err);
}

void conn_note_use(struct conn *c)
{
	long t = engine_timeout(c->e);
	long quiet = t > 0 && t < CONN_QUIET_MS ? t : CONN_QUIET_MS;
	if (c->state != CONN_CONNECTED || c->ping || loop_now_ms() - c->heard < quiet)
		return;
	c->ping = engine_ping(c->e, t > 0 && t < CONN_PING_MS ? t : CONN_PING_MS, on_ping, c);
}

struct conn *conn_new(struct loop *loop, struct engine *e, const struct conn_cb *cb, void *arg)
{
	struct conn *c = xcalloc(1, sizeof *c);
	c->loop = loop;
	c->e = e;
	if (cb)
		c->cb = *cb;
	c->arg = arg;
	c->state = CONN_CONNECTING;
	ctrlist_init(&c->ctrs, c);
	c->reconnect = loop_timer_new(loop, on_reconnect, c);
	c->refetch = loop_timer_new(loop, on_refetch, c);
	c->negotiate = engine_negotiate(e, on_negotiated, c);
	return c;
}

void conn_free(struct conn *c)
{
	if (c == NULL)
		return;
	engine_call_cancel(c->negotiate);
	engine_call_cancel(c->list);
	engine_call_cancel(c->events);
	engine_call_cancel(c->inspect);
	engine_call_cancel(c->ping);
	loop_timer_free(c->reconnect);
	loop_timer_free(c->refetch);
	ctrlist_clear(&c->ctrs);
	free(c->watched);
	free(c->cause);
	free(c);
}
