/* app.c: the console's headless model (see app.h): connection life cycle,
 * events, container list, tabs and panel data. */
#include "config.h"
#include "session/app.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct app {
	struct loop *loop;
	struct engine *e;
	app_changed_cb changed;
	void *arg;
	enum app_conn conn;
	struct engine_call *negotiate, *list, *events, *inspect, *ping;
	struct loop_timer *reconnect, *refetch, *reap;
	int refetch_again, reinspect;
	int64_t down_since;
	struct ctrlist ctrs;
	char *selected;
	struct kvlist panel;
	struct session **tabs;
	size_t ntabs;
	int current;
	struct session **closing;
	size_t nclosing;
	int rows, cols;
	int scrollback; /* lines a new tab keeps */
	char *message;
};

void kvlist_clear(struct kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].k);
		free(l->v[i].v);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void kvlist_add(struct kvlist *l, const char *k, const char *v)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n].k = xstrdup(k);
	l->v[l->n].v = str_inert(v ? v : "");
	l->n++;
}

static void notify(struct app *a, int what)
{
	if (a->changed)
		a->changed(a, what, a->arg);
}

void app_set_message(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	free(a->message);
	a->message = str_inert(m);
	free(m);
	notify(a, APP_CHANGED_STATUS);
}

const char *app_message(const struct app *a) { return a->message ? a->message : ""; }
struct engine *app_engine(const struct app *a) { return a->e; }
enum app_conn app_conn(const struct app *a) { return a->conn; }
const struct ctrlist *app_containers(const struct app *a) { return &a->ctrs; }
const char *app_selected_container(const struct app *a) { return a->selected; }
const struct kvlist *app_container_panel(const struct app *a) { return &a->panel; }

/* ---- connection ---- */

static void connect_now(struct app *a);
static void fetch_list(struct app *a);
static void fetch_inspect(struct app *a);

static void went_down(struct app *a, const char *why)
{
	if (a->conn != APP_DISCONNECTED)
		a->down_since = loop_now_ms();
	a->conn = APP_DISCONNECTED;
	app_set_message(a, "engine unreachable (%s); tabs kept, reconnecting", why);
	/* Try again soon: the list and events come back within a second or
	 * two of the daemon answering. */
	loop_timer_start(a->reconnect, 500);
}

static void on_event(const struct event *ev, void *arg)
{
	struct app *a = arg;
	int r = ctrlist_apply(&a->ctrs, ev, loop_now_ms());
	if (r & CTRLIST_CHANGED)
		notify(a, APP_CHANGED_LIST);
	if (r & CTRLIST_REFETCH)
		fetch_list(a);
	if (strcmp(ev->action, "rename") == 0 && ev->name) {
		const char *nm = ev->name[0] == '/' ? ev->name + 1 : ev->name;
		for (size_t i = 0; i < a->ntabs; i++)
			if (strcmp(session_spec(a->tabs[i])->container_id, ev->id) == 0)
				session_rename_container(a->tabs[i], nm);
		notify(a, APP_CHANGED_TABS);
	}
	/* Docker: exec_die with execID; Podman: exec_died (with no id, so
	 * there the stream's end is what counts). */
	if ((strcmp(ev->action, "exec_die") == 0 || strcmp(ev->action, "exec_died") == 0) && ev->exec_id) {
		for (size_t i = 0; i < a->ntabs; i++) {
			const char *x = session_exec_id(a->tabs[i]);
			if (x && strcmp(x, ev->exec_id) == 0)
				session_note_exec_died(a->tabs[i], ev->has_exit_code ? ev->exit_code : -1);
		}
	}
	if (a->selected && strcmp(ev->id, a->selected) == 0 && strncmp(ev->action, "exec_", 5) != 0)
		fetch_inspect(a);
	else if (a->selected && strcmp(ev->id, a->selected) == 0)
		fetch_inspect(a); /* ExecIDs changed */
}

static void on_events_end(const struct engine_error *err, void *arg)
{
	struct app *a = arg;
	a->events = NULL;
	went_down(a, err ? err->message : "the event stream ended");
}

static void on_list(const struct engine_error *err, const struct container_list *l, void *arg)
{
	struct app *a = arg;
	a->list = NULL;
	if (err) {
		app_set_message(a, "cannot list containers: %s", err->message);
		return;
	}
	ctrlist_replace(&a->ctrs, l, loop_now_ms());
	notify(a, APP_CHANGED_LIST);
	/* The selected container may have changed without an event we saw
	 * (an engine that restarted stops its containers before it serves). */
	fetch_inspect(a);
	if (a->refetch_again) {
		a->refetch_again = 0;
		loop_timer_start(a->refetch, 100);
	}
}

static void do_fetch(void *arg)
{
	struct app *a = arg;
	if (a->conn != APP_CONNECTED)
		return;
	if (a->list) {
		a->refetch_again = 1;
		return;
	}
	a->list = engine_container_list(a->e, 1, on_list, a);
}

static void fetch_list(struct app *a)
{
	/* Coalesce bursts of events into one list call. */
	if (!loop_timer_pending(a->refetch))
		loop_timer_start(a->refetch, 50);
}

static void on_negotiated(const struct engine_error *err, const struct engine_version *v, void *arg)
{
	struct app *a = arg;
	a->negotiate = NULL;
	if (err) {
		went_down(a, err->message);
		return;
	}
	int was_down = a->conn == APP_DISCONNECTED;
	a->conn = APP_CONNECTED;
	/* Events first, then the list: nothing that happens between is lost. */
	a->events = engine_events(a->e, on_event, on_events_end, a);
	a->list = engine_container_list(a->e, 1, on_list, a);
	if (a->selected)
		fetch_inspect(a);
	if (was_down)
		app_set_message(a, "reconnected to %s (API %s)", engine_endpoint(a->e)->display,
		    engine_api_version(a->e));
	else
		notify(a, APP_CHANGED_STATUS);
}

static void connect_now(struct app *a)
{
	if (a->negotiate == NULL)
		a->negotiate = engine_negotiate(a->e, on_negotiated, a);
}

static void on_reconnect(void *arg)
{
	struct app *a = arg;
	if (a->conn == APP_DISCONNECTED) {
		engine_call_cancel(a->events);
		a->events = NULL;
		connect_now(a);
	}
}

/* ---- selected container ---- */

static void on_inspect(const struct engine_error *err, const struct container_info *c, void *arg)
{
	struct app *a = arg;
	a->inspect = NULL;
	kvlist_clear(&a->panel);
	if (err) {
		kvlist_add(&a->panel, "error", err->message);
	} else {
		char num[32];
		char *s;
		kvlist_add(&a->panel, "name", c->name);
		s = str_short_id(c->id);
		kvlist_add(&a->panel, "id", s);
		free(s);
		kvlist_add(&a->panel, "image", c->image);
		kvlist_add(&a->panel, "status", c->status);
		kvlist_add(&a->panel, "running", c->running ? "yes" : "no");
		snprintf(num, sizeof num, "%d", c->pid);
		kvlist_add(&a->panel, "pid", num);
		snprintf(num, sizeof num, "%d", c->exit_code);
		kvlist_add(&a->panel, "exit code", num);
		kvlist_add(&a->panel, "oom killed", c->oom_killed ? "yes" : "no");
		kvlist_add(&a->panel, "started", c->started_at);
		kvlist_add(&a->panel, "finished", c->finished_at);
		s = strv_join(&c->entrypoint, " ");
		char *cmd = strv_join(&c->cmd, " ");
		char *both = xasprintf("%s%s%s", s, *s && *cmd ? " " : "", cmd);
		kvlist_add(&a->panel, "command", both);
		free(both);
		free(cmd);
		free(s);
		snprintf(num, sizeof num, "%zu", c->exec_ids.n);
		kvlist_add(&a->panel, "execs", num);
	}
	notify(a, APP_CHANGED_PANEL);
	if (a->reinspect) {
		a->reinspect = 0;
		fetch_inspect(a);
	}
}

static void fetch_inspect(struct app *a)
{
	if (a->selected == NULL || a->conn != APP_CONNECTED)
		return;
	if (a->inspect) {
		a->reinspect = 1;
		return;
	}
	a->inspect = engine_container_inspect(a->e, a->selected, on_inspect, a);
}

void app_select_container(struct app *a, const char *id)
{
	if ((id == NULL && a->selected == NULL) || (id && a->selected && strcmp(id, a->selected) == 0))
		return;
	free(a->selected);
	a->selected = id ? xstrdup(id) : NULL;
	engine_call_cancel(a->inspect);
	a->inspect = NULL;
	a->reinspect = 0;
	kvlist_clear(&a->panel);
	notify(a, APP_CHANGED_PANEL);
	fetch_inspect(a);
}

/* ---- tabs ---- */

static void reap(void *arg)
{
	struct app *a = arg;
	size_t j = 0;
	for (size_t i = 0; i < a->nclosing; i++) {
		struct session *s = a->closing[i];
		enum session_state st = session_state(s);
		if (st == SESSION_EXITED || st == SESSION_FAILED)
			session_free(s);
		else
			a->closing[j++] = s;
	}
	a->nclosing = j;
}

static void session_changed(struct session *s, int what, void *arg)
{
	struct app *a = arg;
	for (size_t i = 0; i < a->nclosing; i++)
		if (a->closing[i] == s) {
			if (what & SESSION_CHANGED_STATE)
				loop_timer_start(a->reap, 0);
			return;
		}
	int cur = a->current >= 0 && a->tabs[a->current] == s;
	int m = 0;
	if (what & (SESSION_CHANGED_OUTPUT | SESSION_CHANGED_TITLE))
		m |= cur ? APP_CHANGED_OUTPUT : APP_CHANGED_TABS;
	if (what & SESSION_CHANGED_BELL)
		m |= APP_CHANGED_TABS;
	if (what & SESSION_CHANGED_STATE) {
		m |= APP_CHANGED_TABS | APP_CHANGED_PANEL | APP_CHANGED_OUTPUT;
		if (session_state(s) == SESSION_FAILED)
			app_set_message(a, "%s: %s", session_spec(s)->container_name, session_cause(s));
		if (session_state(s) == SESSION_EXITED && a->selected &&
		    strcmp(session_spec(s)->container_id, a->selected) == 0)
			fetch_inspect(a);
	}
	if (what & SESSION_CHANGED_INFO) {
		m |= APP_CHANGED_PANEL;
		if (session_notice(s))
			m |= APP_CHANGED_STATUS;
	}
	if (cur)
		session_clear_flags(s);
	notify(a, m);
}

void app_set_pane_size(struct app *a, int rows, int cols)
{
	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	a->rows = rows;
	a->cols = cols;
	for (size_t i = 0; i < a->ntabs; i++)
		session_resize(a->tabs[i], rows, cols);
}

void app_set_scrollback(struct app *a, int lines) { a->scrollback = lines < 0 ? 0 : lines; }

void app_pane_size(const struct app *a, int *rows, int *cols)
{
	*rows = a->rows;
	*cols = a->cols;
}

int app_open(struct app *a, const struct session_spec *spec)
{
	struct session *s = session_new(a->e, spec, a->rows, a->cols, session_changed, a);
	session_set_budget(s, APP_SESSION_BUDGET);
	term_set_scrollback_limit(session_term(s), a->scrollback);
	a->tabs = xreallocarray(a->tabs, a->ntabs + 1, sizeof *a->tabs);
	a->tabs[a->ntabs++] = s;
	a->current = (int)a->ntabs - 1;
	notify(a, APP_CHANGED_TABS | APP_CHANGED_OUTPUT | APP_CHANGED_PANEL);
	return a->current;
}

size_t app_ntabs(const struct app *a) { return a->ntabs; }
struct session *app_tab(const struct app *a, size_t i) { return i < a->ntabs ? a->tabs[i] : NULL; }
int app_current(const struct app *a) { return a->current; }

struct session *app_current_session(const struct app *a)
{
	return a->current >= 0 ? a->tabs[a->current] : NULL;
}

void app_select_tab(struct app *a, int i)
{
	if (i < 0 || (size_t)i >= a->ntabs)
		return;
	a->current = i;
	session_clear_flags(a->tabs[i]);
	notify(a, APP_CHANGED_TABS | APP_CHANGED_OUTPUT | APP_CHANGED_PANEL);
}

void app_next_tab(struct app *a, int delta)
{
	if (a->ntabs == 0)
		return;
	int n = (int)a->ntabs;
	app_select_tab(a, ((a->current + delta) % n + n) % n);
}

void app_close_tab(struct app *a, int i)
{
	if (i < 0 || (size_t)i >= a->ntabs)
		return;
	struct session *s = a->tabs[i];
	memmove(a->tabs + i, a->tabs + i + 1, (a->ntabs - (size_t)i - 1) * sizeof *a->tabs);
	a->ntabs--;
	if (a->current >= (int)a->ntabs)
		a->current = (int)a->ntabs - 1;
	enum session_state st = session_state(s);
	if (st == SESSION_RUNNING) {
		session_stop(s);
		a->closing = xreallocarray(a->closing, a->nclosing + 1, sizeof *a->closing);
		a->closing[a->nclosing++] = s;
	} else
		session_free(s);
	notify(a, APP_CHANGED_TABS | APP_CHANGED_OUTPUT | APP_CHANGED_PANEL);
}

int app_respawn_tab(struct app *a, int i)
{
	if (i < 0 || (size_t)i >= a->ntabs)
		return -1;
	return session_respawn(a->tabs[i]);
}

size_t app_running_tabs(const struct app *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->ntabs; i++) {
		enum session_state st = session_state(a->tabs[i]);
		n += st == SESSION_RUNNING || st == SESSION_STARTING || st == SESSION_CREATING;
	}
	return n;
}

void app_session_panel(const struct app *a, struct kvlist *out)
{
	struct session *s = app_current_session(a);
	char num[32];
	if (s == NULL)
		return;
	const struct exec_info *x = session_info(s);
	const char *id = session_exec_id(s);
	char *sid = str_short_id(id ? id : "");
	kvlist_add(out, "exec", sid);
	free(sid);
	kvlist_add(out, "container", session_spec(s)->container_name);
	kvlist_add(out, "state", session_state_name(session_state(s)));
	int live = session_state(s) == SESSION_RUNNING;
	kvlist_add(out, "running", !live ? "no" : x ? (x->running ? "yes" : "no") : "?");
	snprintf(num, sizeof num, "%d", x ? x->pid : 0);
	kvlist_add(out, "pid", num);
	if (session_state(s) == SESSION_EXITED)
		snprintf(num, sizeof num, "%d", session_exit_code(s));
	else if (x && x->has_exit_code)
		snprintf(num, sizeof num, "%d", x->exit_code);
	else
		snprintf(num, sizeof num, "-");
	kvlist_add(out, "exit code", num);
	char *cmd = x && x->cmd.n ? strv_join(&x->cmd, " ") : xstrdup(session_command(s));
	kvlist_add(out, "command", session_spec(s)->cmd.n ? cmd : "shell (bash, else sh)");
	free(cmd);
	const struct session_spec *sp = session_spec(s);
	kvlist_add(out, "user", sp->user ? sp->user : (x && x->user && *x->user ? x->user : "(default)"));
	kvlist_add(out, "workdir", sp->workdir ? sp->workdir : "(default)");
	int r, c;
	session_tty_size(s, &r, &c);
	snprintf(num, sizeof num, "%dx%d", c, r);
	kvlist_add(out, "tty size", num);
	if (session_state(s) == SESSION_FAILED)
		kvlist_add(out, "error", session_cause(s));
}

/* ---- life ---- */

struct app *app_new(struct loop *loop, struct engine *e, app_changed_cb changed, void *arg)
{
	struct app *a = xcalloc(1, sizeof *a);
	a->loop = loop;
	a->e = e;
	a->changed = changed;
	a->arg = arg;
	a->current = -1;
	a->rows = 24;
	a->scrollback = TERM_SCROLLBACK_DEFAULT;
	a->cols = 80;
	a->conn = APP_CONNECTING;
	ctrlist_init(&a->ctrs);
	a->reconnect = loop_timer_new(loop, on_reconnect, a);
	a->refetch = loop_timer_new(loop, do_fetch, a);
	a->reap = loop_timer_new(loop, reap, a);
	connect_now(a);
	return a;
}

void app_free(struct app *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->ntabs; i++)
		session_free(a->tabs[i]);
	for (size_t i = 0; i < a->nclosing; i++)
		session_free(a->closing[i]);
	free(a->tabs);
	free(a->closing);
	engine_call_cancel(a->negotiate);
	engine_call_cancel(a->list);
	engine_call_cancel(a->events);
	engine_call_cancel(a->inspect);
	engine_call_cancel(a->ping);
	loop_timer_free(a->reconnect);
	loop_timer_free(a->refetch);
	loop_timer_free(a->reap);
	ctrlist_clear(&a->ctrs);
	kvlist_clear(&a->panel);
	free(a->selected);
	free(a->message);
	free(a);
}
