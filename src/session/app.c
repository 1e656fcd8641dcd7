/* app.c: the console's headless model (see app.h): its connection
 * (session/conn.c does the engine's side), the tabs, the selected container
 * and the panel data. Called by the console (src/ui) and the engine tests. */
#include "config.h"
#include "session/app.h"
#include "session/conn.h"
#include "session/audit.h"
#include "engine/endpoint.h"
#include "session/logfollow.h"
#include "session/statsfollow.h"
#include "engine/humanize.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* A tab: its session and the connection it runs on. */
struct tab {
	struct session *s;
	struct conn *conn;
	int synced;     /* in the synchronized-input set */
};

/* An engine of the console: its connection and the live figures of the
 * selected container when it is this engine's. */
struct eng {
	struct conn *conn;
	struct engine *e;
	struct statsfollow *stats;
	char *name;
	char *label;    /* the short name for tabs, headers and the status line */
	int owned;      /* the app frees e */
	int hidden;     /* its rows are folded under its header */
};

struct app {
	struct loop *loop;
	struct eng **engs;
	size_t nengs;
	app_changed_cb changed;
	void *arg;
	struct loop_timer *reap;
	struct loop_timer *parse;   /* the tabs' output slices, once a turn */
	int bg_deferred;            /* the last turn left the other tabs' slices */
	struct conn *sel_conn;      /* the selection's engine, or NULL */
	char *selected;             /* its container, or NULL: the engine itself */
	int selected_runs;          /* its last inspect said it runs */
	int want_stats;             /* the panel shows the live figures */
	struct statsfollow *stats;
	unsigned long long events;
	struct kvlist panel;
	struct tab *tabs;
	size_t ntabs;
	int current;
	struct tab *closing;        /* closed tabs whose process is being stopped */
	size_t nclosing;
	int rows, cols;
	int scrollback; /* lines a new tab keeps */
	char *record_dir; /* every new tab records into it (or NULL) */
	char *audit_log;  /* the audit log's path, or NULL */
	unsigned recordings;
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
	char *m = str_inert_vprintf(fmt, ap); /* fmt's arguments may be a->message */
	va_end(ap);
	free(a->message);
	a->message = m;
	notify(a, APP_CHANGED_STATUS);
}

const char *app_message(const struct app *a) { return a->message ? a->message : ""; }
const struct ctrlist *app_containers(const struct app *a) { return conn_containers(a->engs[0]->conn); }
struct engine *app_engine(const struct app *a) { return a->engs[0]->e; }
const struct kvlist *app_container_panel(const struct app *a) { return &a->panel; }

enum app_conn app_conn(const struct app *a)
{
	switch (conn_state(a->engs[0]->conn)) {
	case CONN_CONNECTED: return APP_CONNECTED;
	case CONN_DISCONNECTED: return APP_DISCONNECTED;
	case CONN_CONNECTING: break;
	}
	return APP_CONNECTING;
}

/* ---- engines ---- */

size_t app_nengines(const struct app *a) { return a->nengs; }
struct conn *app_engine_conn(const struct app *a, size_t i) { return i < a->nengs ? a->engs[i]->conn : NULL; }
const char *app_engine_name(const struct app *a, size_t i) { return i < a->nengs ? a->engs[i]->name : ""; }
const char *app_engine_label(const struct app *a, size_t i) { return i < a->nengs ? a->engs[i]->label : ""; }
int app_engine_hidden(const struct app *a, size_t i) { return i < a->nengs && a->engs[i]->hidden; }

int app_engine_index(const struct app *a, const struct conn *c)
{
	for (size_t i = 0; c && i < a->nengs; i++)
		if (a->engs[i]->conn == c)
			return (int)i;
	return -1;
}

const char *app_conn_name(const struct app *a, const struct conn *c)
{
	int i = app_engine_index(a, c);
	return i < 0 ? "" : a->engs[i]->label;
}

/* An engine's short name: a context's name as it is; of an address, its
 * host (and port) or its socket's file name without ".sock"; wide adds the
 * socket's directory ("ph-a/docker"). */
static char *short_name(const struct eng *g, int wide)
{
	const struct endpoint *ep = engine_endpoint(g->e);
	if (strstr(g->name, "://") == NULL && g->name[0] != '/')
		return xstrdup(g->name);
	if (ep->kind == ENDPOINT_TCP)
		return xasprintf("%s:%d", ep->host, ep->port);
	if (ep->kind == ENDPOINT_SSH)
		return wide && ep->user ? xasprintf("%s@%s", ep->user, ep->host) : xstrdup(ep->host);
	const char *path = ep->path ? ep->path : "", *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".sock") == 0)
		n -= 5;
	if (!wide || base == path)
		return xasprintf("%.*s", (int)n, base);
	const char *dir = base - 1;
	while (dir > path && dir[-1] != '/')
		dir--;
	return xasprintf("%.*s%.*s", (int)(base - dir), dir, (int)n, base);
}

/* Labels: each engine's short name, wider where two would be the same,
 * the whole address where even that is. */
static void relabel(struct app *a)
{
	for (size_t i = 0; i < a->nengs; i++) {
		free(a->engs[i]->label);
		a->engs[i]->label = short_name(a->engs[i], 0);
	}
	int *dup = xcalloc(a->nengs + 1, sizeof *dup);
	for (int wide = 1; wide < 3; wide++) {
		for (size_t i = 0; i < a->nengs; i++) {
			dup[i] = 0;
			for (size_t k = 0; k < a->nengs && !dup[i]; k++)
				dup[i] = k != i && strcmp(a->engs[k]->label, a->engs[i]->label) == 0;
		}
		for (size_t i = 0; i < a->nengs; i++)
			if (dup[i]) {
				free(a->engs[i]->label);
				a->engs[i]->label = wide == 1 ? short_name(a->engs[i], 1) : xstrdup(a->engs[i]->name);
			}
	}
	free(dup);
}

int app_engine_find(const struct app *a, const char *name)
{
	for (size_t i = 0; i < a->nengs; i++)
		if (strcmp(a->engs[i]->name, name) == 0 || strcmp(a->engs[i]->label, name) == 0 ||
		    strcmp(engine_endpoint(a->engs[i]->e)->display, name) == 0)
			return (int)i;
	return -1;
}

void app_note_use(struct app *a)
{
	for (size_t i = 0; i < a->nengs; i++)
		conn_note_use(a->engs[i]->conn);
}

void app_set_engine_hidden(struct app *a, size_t i, int on)
{
	if (i >= a->nengs || a->engs[i]->hidden == !!on)
		return;
	a->engs[i]->hidden = !!on;
	notify(a, APP_CHANGED_LIST);
}

static struct eng *eng_of(const struct app *a, const struct conn *c)
{
	int i = app_engine_index(a, c);
	return i < 0 ? NULL : a->engs[i];
}

/* ---- the connection's news ---- */

static void on_conn_changed(struct conn *c, int what, void *arg)
{
	struct app *a = arg;
	/* Logs tabs that lost the engine ask again once it is back. */
	if ((what & CONN_CHANGED_STATE) && conn_state(c) == CONN_CONNECTED)
		for (size_t i = 0; i < a->ntabs; i++)
			if (a->tabs[i].conn == c && session_logs(a->tabs[i].s))
				logfollow_note_engine_back(session_logs(a->tabs[i].s));
	/* A selected header shows the engine's counts. */
	int header = a->sel_conn == c && a->selected == NULL;
	notify(a, (what & CONN_CHANGED_LIST ? APP_CHANGED_LIST | (header ? APP_CHANGED_PANEL : 0) : 0) |
	    (what & CONN_CHANGED_STATE ? APP_CHANGED_STATUS | APP_CHANGED_LIST | APP_CHANGED_PANEL : 0));
}

static void on_conn_message(struct conn *c, const char *msg, void *arg)
{
	struct app *a = arg;
	if (a->nengs > 1)
		app_set_message(a, "%s: %s", app_conn_name(a, c), msg);
	else
		app_set_message(a, "%s", msg);
}

static void on_conn_event(struct conn *c, const struct event *ev, void *arg)
{
	struct app *a = arg;
	a->events++;
	if (strcmp(ev->action, "rename") == 0 && ev->name) {
		const char *nm = ev->name[0] == '/' ? ev->name + 1 : ev->name;
		for (size_t i = 0; i < a->ntabs; i++)
			if (a->tabs[i].conn == c && strcmp(session_spec(a->tabs[i].s)->container_id, ev->id) == 0)
				session_rename_container(a->tabs[i].s, nm);
		notify(a, APP_CHANGED_TABS);
	}
	/* A logs tab follows its container through stops and starts. */
	int started = strcmp(ev->action, "start") == 0, removed = strcmp(ev->action, "destroy") == 0;
	for (size_t i = 0; (started || removed) && i < a->ntabs; i++) {
		struct logfollow *f = session_logs(a->tabs[i].s);
		if (f && a->tabs[i].conn == c && strcmp(session_spec(a->tabs[i].s)->container_id, ev->id) == 0) {
			if (started)
				logfollow_note_started(f);
			else
				logfollow_note_removed(f);
		}
	}
	/* Docker: exec_die with execID; Podman: exec_died (with no id, so
	 * there the stream's end is what counts). */
	if ((strcmp(ev->action, "exec_die") == 0 || strcmp(ev->action, "exec_died") == 0) && ev->exec_id) {
		for (size_t i = 0; i < a->ntabs; i++) {
			const char *x = session_exec_id(a->tabs[i].s);
			if (a->tabs[i].conn == c && x && strcmp(x, ev->exec_id) == 0)
				session_note_exec_died(a->tabs[i].s, ev->has_exit_code ? ev->exit_code : -1);
		}
	}
}

/* ---- selected container ---- */

/* The live figures follow the selected container while it runs and the
 * panel shows them. */
static void on_stats(struct statsfollow *f, void *arg)
{
	(void)f;
	notify(arg, APP_CHANGED_PANEL);
}

static void follow_stats(struct app *a)
{
	for (size_t i = 0; i < a->nengs; i++) {
		struct eng *g = a->engs[i];
		int on = a->want_stats && a->selected && a->selected_runs && g->conn == a->sel_conn;
		statsfollow_set(g->stats, on ? a->selected : NULL);
	}
}


void app_want_stats(struct app *a, int on)
{
	on = !!on;
	if (on == a->want_stats)
		return;
	a->want_stats = on;
	follow_stats(a);
	notify(a, APP_CHANGED_PANEL);
}

const struct statsfollow *app_stats(const struct app *a)
{
	struct eng *g = eng_of(a, a->sel_conn);
	return g ? g->stats : a->engs[0]->stats;
}

void app_stats_panel(const struct app *a, int graph, enum samples_charset cs, struct kvlist *out)
{
	const struct statsfollow *f = app_stats(a);
	if (statsfollow_id(f) == NULL)
		return;
	const struct stats *st = statsfollow_last(f);
	char v[96], x[40], y[40];
	if (st == NULL) {
		if (statsfollow_error(f) == NULL)
			kvlist_add(out, "figures", "waiting for the engine");
	} else {
		/* A sparkline takes three bytes a column at most. */
		size_t gsize = graph > 0 ? (size_t)graph * 3 + 1 : 1;
		char *g = xmalloc(gsize);
		stats_percent(st->cpu_percent, v, sizeof v);
		kvlist_add(out, "cpu", v);
		double top = samples_max(statsfollow_cpu(f));
		samples_spark(statsfollow_cpu(f), graph, top > 100 ? top : 100, cs, g, gsize);
		kvlist_add(out, "cpu 60s", g);
		stats_size_binary(st->mem_used, x, sizeof x);
		stats_size_binary(st->mem_limit, y, sizeof y);
		snprintf(v, sizeof v, "%s / %s", x, y);
		kvlist_add(out, "memory", v);
		stats_percent(st->mem_percent, v, sizeof v);
		kvlist_add(out, "memory %", v);
		samples_spark(statsfollow_mem(f), graph, 0, cs, g, gsize);
		kvlist_add(out, "memory 60s", g);
		stats_size_decimal(st->net_rx, x, sizeof x);
		stats_size_decimal(st->net_tx, y, sizeof y);
		snprintf(v, sizeof v, "%s / %s", x, y);
		kvlist_add(out, "net rx/tx", v);
		stats_size_decimal(st->blk_read, x, sizeof x);
		stats_size_decimal(st->blk_write, y, sizeof y);
		snprintf(v, sizeof v, "%s / %s", x, y);
		kvlist_add(out, "block r/w", v);
		snprintf(v, sizeof v, "%llu", (unsigned long long)st->pids);
		kvlist_add(out, "pids", v);
		free(g);
	}
	if (statsfollow_error(f))
		kvlist_add(out, "stopped", statsfollow_error(f));
}
unsigned long long app_events(const struct app *a) { return a->events; }

/* The panel's container rows, in the words of `docker ps` and `docker
 * inspect --format` (engine/humanize.h); now in seconds since the epoch. */
static void panel_container(struct kvlist *p, const struct container_info *c, int64_t now)
{
	char num[32];
	char *s;
	kvlist_add(p, "name", c->name);
	s = str_short_id(c->id);
	kvlist_add(p, "id", s);
	free(s);
	kvlist_add(p, "image", c->image);
	kvlist_add(p, "status", c->status);
	kvlist_add(p, "running", c->running ? "yes" : "no");
	if (c->pid > 0)
		snprintf(num, sizeof num, "%d", c->pid);
	else
		snprintf(num, sizeof num, "-");
	kvlist_add(p, "pid", num);
	humanize_exit_code(c, num, sizeof num);
	kvlist_add(p, "exit code", num);
	kvlist_add(p, "oom killed", c->oom_killed ? "yes" : "no");
	s = humanize_time(c->started_at, now);
	kvlist_add(p, "started", s);
	free(s);
	s = humanize_time(c->finished_at, now);
	kvlist_add(p, "finished", s);
	free(s);
	s = strv_join(&c->entrypoint, " ");
	char *cmd = strv_join(&c->cmd, " ");
	char *both = xasprintf("%s%s%s", s, *s && *cmd ? " " : "", cmd);
	kvlist_add(p, "command", both);
	free(both);
	free(cmd);
	free(s);
	snprintf(num, sizeof num, "%zu", c->exec_ids.n);
	kvlist_add(p, "execs", num);
}

static void on_inspected(struct conn *c, const struct engine_error *err, const struct container_info *info,
    void *arg)
{
	struct app *a = arg;
	if (c != a->sel_conn)
		return;
	kvlist_clear(&a->panel);
	if (a->nengs > 1)
		kvlist_add(&a->panel, "engine", app_conn_name(a, c));
	if (err)
		kvlist_add(&a->panel, "error", err->message);
	else
		panel_container(&a->panel, info, time(NULL));
	a->selected_runs = err == NULL && info->running;
	follow_stats(a);
	notify(a, APP_CHANGED_PANEL);
}

void app_select_container(struct app *a, struct conn *c, const char *id)
{
	if (c == NULL && id)
		c = a->engs[0]->conn;
	if (c == a->sel_conn && ((id == NULL && a->selected == NULL) || (id && a->selected && strcmp(id, a->selected) == 0)))
		return;
	if (a->sel_conn && a->sel_conn != c)
		conn_watch(a->sel_conn, NULL);
	free(a->selected);
	a->sel_conn = c;
	a->selected = id ? xstrdup(id) : NULL;
	a->selected_runs = 0;
	follow_stats(a);
	kvlist_clear(&a->panel);
	notify(a, APP_CHANGED_PANEL);
	if (c)
		conn_watch(c, id);
}

struct conn *app_selected_conn(const struct app *a) { return a->sel_conn; }

void app_engine_panel(const struct app *a, size_t i, struct kvlist *out)
{
	if (i >= a->nengs)
		return;
	const struct eng *g = a->engs[i];
	const struct endpoint *ep = engine_endpoint(g->e);
	enum conn_state st = conn_state(g->conn);
	char num[32];
	kvlist_add(out, "engine", g->label);
	kvlist_add(out, "address", ep->display);
	if (strcmp(g->name, ep->display) != 0 && strcmp(g->name, g->label) != 0)
		kvlist_add(out, "given as", g->name);
	kvlist_add(out, "state", st == CONN_CONNECTED ? "up" : st == CONN_CONNECTING ? "connecting" : "down");
	if (st == CONN_CONNECTED) {
		kvlist_add(out, "api", engine_api_version(g->e));
		kvlist_add(out, "server", engine_server_version(g->e));
	}
	if (conn_cause(g->conn))
		kvlist_add(out, "cause", conn_cause(g->conn));
	const struct ctrlist *l = conn_containers(g->conn);
	size_t running = 0;
	for (size_t k = 0; k < l->n; k++)
		running += ctr_running(&l->v[k]) != 0;
	snprintf(num, sizeof num, "%zu (%zu running)", l->n, running);
	kvlist_add(out, "containers", num);
	size_t tabs = 0;
	for (size_t k = 0; k < a->ntabs; k++)
		tabs += a->tabs[k].conn == g->conn;
	snprintf(num, sizeof num, "%zu", tabs);
	kvlist_add(out, "tabs", num);
	if (ep->tls)
		kvlist_add(out, "tls", ep->tls_verify ? "verified" : "NOT VERIFIED");
}

/* ---- tabs ---- */

static void reap(void *arg)
{
	struct app *a = arg;
	size_t j = 0;
	for (size_t i = 0; i < a->nclosing; i++) {
		struct session *s = a->closing[i].s;
		enum session_state st = session_state(s);
		if (st == SESSION_EXITED || st == SESSION_FAILED)
			session_free(s);
		else
			a->closing[j++] = a->closing[i];
	}
	a->nclosing = j;
}

/* One turn's output work, after the turn's keys (fd callbacks run before
 * timers): the focused tab's output for up to APP_SLICE_MS, then each
 * other tab's for up to APP_BG_SLICE_MS; again next turn while any waits.
 * When the focused tab's output is all parsed (an echo, a prompt), the
 * others' slices wait one turn, so that the frame showing it comes first;
 * never two turns in a row, so no tab starves. */
static void parse_turn(void *arg)
{
	struct app *a = arg;
	size_t left = 0;
	struct session *cur = app_current_session(a);
	if (cur && session_output_pending(cur)) {
		left += session_parse(cur, loop_now_ms() + APP_SLICE_MS);
		if (left == 0 && !a->bg_deferred) {
			for (size_t i = 0; i < a->ntabs; i++)
				if (a->tabs[i].s != cur && session_output_pending(a->tabs[i].s)) {
					a->bg_deferred = 1;
					loop_timer_start(a->parse, 0);
					return;
				}
		}
	}
	a->bg_deferred = 0;
	for (size_t i = 0; i < a->ntabs; i++)
		if (a->tabs[i].s != cur && session_output_pending(a->tabs[i].s))
			left += session_parse(a->tabs[i].s, loop_now_ms() + APP_BG_SLICE_MS);
	if (left)
		loop_timer_start(a->parse, 0);
}

/* The connection a session runs on, open or closing. */
static struct conn *session_conn(const struct app *a, const struct session *s)
{
	for (size_t i = 0; i < a->ntabs; i++)
		if (a->tabs[i].s == s)
			return a->tabs[i].conn;
	for (size_t i = 0; i < a->nclosing; i++)
		if (a->closing[i].s == s)
			return a->closing[i].conn;
	return NULL;
}

static void audit(struct app *a, struct session *s)
{
	if (a->audit_log == NULL)
		return;
	struct conn *c = session_conn(a, s);
	const struct endpoint *ep = c ? engine_endpoint(conn_engine(c)) : NULL;
	char *line = audit_entry(s, ep && ep->display ? ep->display : ""), *cause = NULL;
	if (audit_append(a->audit_log, line, &cause) != 0) {
		app_set_message(a, "%s", cause);
		free(cause);
	}
	free(line);
}

void app_set_audit_log(struct app *a, const char *path)
{
	free(a->audit_log);
	a->audit_log = path && *path ? xstrdup(path) : NULL;
}

static void session_changed(struct session *s, int what, void *arg)
{
	struct app *a = arg;
	if ((what & SESSION_CHANGED_STATE) && session_take_end(s))
		audit(a, s);
	if ((what & SESSION_CHANGED_PENDING) && !loop_timer_pending(a->parse))
		loop_timer_start(a->parse, 0);
	for (size_t i = 0; i < a->nclosing; i++)
		if (a->closing[i].s == s) {
			if (what & SESSION_CHANGED_STATE)
				loop_timer_start(a->reap, 0);
			return;
		}
	int cur = a->current >= 0 && a->tabs[a->current].s == s;
	int m = 0;
	if ((what & SESSION_CHANGED_STATE) && session_state(s) != SESSION_RUNNING &&
	    session_state(s) != SESSION_CREATING && session_state(s) != SESSION_STARTING)
		for (size_t i = 0; i < a->ntabs; i++)
			if (a->tabs[i].s == s && a->tabs[i].synced) {
				a->tabs[i].synced = 0; /* an ended tab leaves the set */
				m |= APP_CHANGED_STATUS;
			}
	if (what & (SESSION_CHANGED_OUTPUT | SESSION_CHANGED_TITLE))
		m |= cur ? APP_CHANGED_OUTPUT : APP_CHANGED_TABS;
	if (what & SESSION_CHANGED_BELL)
		m |= APP_CHANGED_TABS;
	if (what & SESSION_CHANGED_STATE) {
		m |= APP_CHANGED_TABS | APP_CHANGED_PANEL | APP_CHANGED_OUTPUT;
		if (session_state(s) == SESSION_FAILED)
			app_set_message(a, "%s: %s", session_spec(s)->container_name, session_cause(s));
		if (session_state(s) == SESSION_EXITED && a->selected && a->sel_conn == session_conn(a, s) &&
		    strcmp(session_spec(s)->container_id, a->selected) == 0)
			conn_refresh_watched(a->sel_conn);
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
		session_resize(a->tabs[i].s, rows, cols);
}

void app_set_scrollback(struct app *a, int lines) { a->scrollback = lines < 0 ? 0 : lines; }

void app_pane_size(const struct app *a, int *rows, int *cols)
{
	*rows = a->rows;
	*cols = a->cols;
}

/* DIR/porthole-NAME-YYYYmmdd-HHMMSS-N.cast, the name made safe for a file. */
static void record_new_tab(struct app *a, struct session *s)
{
	const char *name = session_spec(s)->container_name;
	char safe[64], when[32];
	size_t i;
	for (i = 0; name && name[i] && i < sizeof safe - 1; i++)
		safe[i] = (isalnum((unsigned char)name[i]) || strchr("._-", name[i])) ? name[i] : '_';
	safe[i] = '\0';
	time_t now = time(NULL);
	struct tm tm;
	strftime(when, sizeof when, "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
	char *path = xasprintf("%s/porthole-%s-%s-%u.cast", a->record_dir, safe[0] ? safe : "tab", when,
	    ++a->recordings);
	char *cause = NULL;
	if (session_record(s, path, &cause) != 0)
		app_set_message(a, "%s", cause);
	free(cause);
	free(path);
}

void app_set_record_dir(struct app *a, const char *dir)
{
	free(a->record_dir);
	a->record_dir = dir && *dir ? xstrdup(dir) : NULL;
}

static int add_tab(struct app *a, struct conn *c, struct session *s)
{
	session_drive_parse(s, 1);
	if (a->record_dir)
		record_new_tab(a, s);
	term_set_scrollback_limit(session_term(s), a->scrollback);
	a->tabs = xreallocarray(a->tabs, a->ntabs + 1, sizeof *a->tabs);
	a->tabs[a->ntabs].s = s;
	a->tabs[a->ntabs].synced = 0;
	a->tabs[a->ntabs++].conn = c;
	a->current = (int)a->ntabs - 1;
	notify(a, APP_CHANGED_TABS | APP_CHANGED_OUTPUT | APP_CHANGED_PANEL);
	return a->current;
}

int app_open(struct app *a, struct conn *c, const struct session_spec *spec)
{
	if (c == NULL)
		c = a->engs[0]->conn;
	return add_tab(a, c, session_new(conn_engine(c), spec, a->rows, a->cols, session_changed, a));
}

int app_open_logs(struct app *a, struct conn *c, const struct session_spec *spec, const struct logfollow_opts *o)
{
	if (c == NULL)
		c = a->engs[0]->conn;
	return add_tab(a, c, session_new_logs(conn_engine(c), spec, a->rows, a->cols, o, session_changed, a));
}

size_t app_ntabs(const struct app *a) { return a->ntabs; }
struct session *app_tab(const struct app *a, size_t i) { return i < a->ntabs ? a->tabs[i].s : NULL; }
struct conn *app_tab_conn(const struct app *a, size_t i) { return i < a->ntabs ? a->tabs[i].conn : NULL; }
int app_current(const struct app *a) { return a->current; }

struct session *app_current_session(const struct app *a)
{
	return a->current >= 0 ? a->tabs[a->current].s : NULL;
}

void app_select_tab(struct app *a, int i)
{
	if (i < 0 || (size_t)i >= a->ntabs)
		return;
	a->current = i;
	session_clear_flags(a->tabs[i].s);
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
	struct tab t = a->tabs[i];
	struct session *s = t.s;
	memmove(a->tabs + i, a->tabs + i + 1, (a->ntabs - (size_t)i - 1) * sizeof *a->tabs);
	a->ntabs--;
	if (a->current >= (int)a->ntabs)
		a->current = (int)a->ntabs - 1;
	enum session_state st = session_state(s);
	if (st == SESSION_RUNNING && session_logs(s) == NULL) {
		/* Off screen: it parses what is left on its own until it ends. */
		session_drive_parse(s, 0);
		session_stop(s);
		a->closing = xreallocarray(a->closing, a->nclosing + 1, sizeof *a->closing);
		a->closing[a->nclosing++] = t;
	} else
		session_free(s);
	notify(a, APP_CHANGED_TABS | APP_CHANGED_OUTPUT | APP_CHANGED_PANEL);
}

int app_respawn_tab(struct app *a, int i)
{
	if (i < 0 || (size_t)i >= a->ntabs)
		return -1;
	return session_respawn(a->tabs[i].s);
}

/* A process runs, or is about to: a logs tab has none. */
static int live(const struct session *s)
{
	enum session_state st = session_state(s);
	return session_logs(s) == NULL &&
	    (st == SESSION_RUNNING || st == SESSION_STARTING || st == SESSION_CREATING);
}

/* Synchronized input: only exec tabs that have not ended can join. */
static int can_sync(const struct session *s)
{
	enum session_state st = session_state(s);
	return !session_logs(s) && st != SESSION_EXITED && st != SESSION_FAILED;
}

int app_sync_set(struct app *a, size_t i, int on)
{
	if (i >= a->ntabs || (on && !can_sync(a->tabs[i].s)))
		return -1;
	a->tabs[i].synced = !!on;
	notify(a, APP_CHANGED_TABS | APP_CHANGED_STATUS);
	return 0;
}

int app_tab_synced(const struct app *a, size_t i) { return i < a->ntabs && a->tabs[i].synced; }

size_t app_synced_count(const struct app *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->ntabs; i++)
		n += a->tabs[i].synced;
	return n;
}

size_t app_running_tabs(const struct app *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->ntabs; i++)
		n += live(a->tabs[i].s);
	return n;
}

size_t app_stop_all(struct app *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->ntabs + a->nclosing; i++) {
		struct session *s = i < a->ntabs ? a->tabs[i].s : a->closing[i - a->ntabs].s;
		if (session_state(s) == SESSION_RUNNING)
			session_stop(s); /* once: a second call does nothing */
		n += live(s);
	}
	return n;
}

/* A logs tab's part of the panel: what it follows and how. */
static void logs_panel(const struct session *s, struct kvlist *out)
{
	const struct logfollow *f = session_logs(s);
	const struct logbook *b = logfollow_book(f);
	char num[48];
	kvlist_add(out, "logs of", session_spec(s)->container_name);
	enum logfollow_state st = logfollow_state(f);
	kvlist_add(out, "state", st == LOGFOLLOW_STARTING ? "starting" : st == LOGFOLLOW_FOLLOWING ? "following" :
	    st == LOGFOLLOW_STOPPED ? "container not running" : "failed");
	if (logfollow_exit_code(f) >= 0)
		snprintf(num, sizeof num, "%s (%d)", logfollow_container_state(f), logfollow_exit_code(f));
	else
		snprintf(num, sizeof num, "%s", logfollow_container_state(f));
	kvlist_add(out, "container", num);
	snprintf(num, sizeof num, "%llu", b->messages - b->dropped);
	kvlist_add(out, "lines", num);
	snprintf(num, sizeof num, "%u", logfollow_resumes(f));
	kvlist_add(out, "resumed", num);
	kvlist_add(out, "timestamps", logfollow_timestamps(f) ? "shown" : "hidden");
	if (logfollow_cause(f))
		kvlist_add(out, st == LOGFOLLOW_FAILED ? "error" : "note", logfollow_cause(f));
}

void app_session_panel(const struct app *a, struct kvlist *out)
{
	struct session *s = app_current_session(a);
	char num[32];
	if (s == NULL)
		return;
	if (session_logs(s)) {
		logs_panel(s, out);
		return;
	}
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
	a->changed = changed;
	a->arg = arg;
	a->current = -1;
	a->rows = 24;
	a->cols = 80;
	a->scrollback = TERM_SCROLLBACK_DEFAULT;
	a->reap = loop_timer_new(loop, reap, a);
	a->parse = loop_timer_new(loop, parse_turn, a);
	app_add_engine(a, e, NULL, 0);
	return a;
}

size_t app_add_engine(struct app *a, struct engine *e, const char *name, int own)
{
	static const struct conn_cb cb = { on_conn_changed, on_conn_event, on_inspected, on_conn_message };
	struct eng *g = xcalloc(1, sizeof *g);
	g->e = e;
	g->owned = own;
	g->name = xstrdup(name && *name ? name : engine_endpoint(e)->display);
	a->engs = xreallocarray(a->engs, a->nengs + 1, sizeof *a->engs);
	a->engs[a->nengs++] = g;
	relabel(a);
	g->conn = conn_new(a->loop, e, &cb, a);
	g->stats = statsfollow_new(e, on_stats, a);
	notify(a, APP_CHANGED_LIST | APP_CHANGED_STATUS | APP_CHANGED_TABS);
	return a->nengs - 1;
}

void app_set_engine_name(struct app *a, size_t i, const char *name)
{
	if (i >= a->nengs || name == NULL || *name == '\0')
		return;
	free(a->engs[i]->name);
	a->engs[i]->name = xstrdup(name);
	relabel(a);
	notify(a, APP_CHANGED_LIST | APP_CHANGED_STATUS | APP_CHANGED_TABS);
}

static void eng_free(struct eng *g)
{
	statsfollow_free(g->stats);
	conn_free(g->conn);
	if (g->owned)
		engine_free(g->e);
	free(g->name);
	free(g->label);
	free(g);
}

int app_remove_engine(struct app *a, size_t i, char **cause)
{
	if (i >= a->nengs) {
		*cause = xstrdup("no such engine");
		return -1;
	}
	struct eng *g = a->engs[i];
	size_t tabs = 0;
	for (size_t k = 0; k < a->ntabs; k++)
		tabs += a->tabs[k].conn == g->conn;
	for (size_t k = 0; k < a->nclosing; k++)
		tabs += a->closing[k].conn == g->conn;
	if (a->nengs == 1) {
		*cause = xasprintf("%s is the only engine", g->label);
		return -1;
	}
	if (tabs > 0) {
		*cause = xasprintf("%s has %zu tab%s open: close %s first", g->label, tabs, tabs == 1 ? "" : "s",
		    tabs == 1 ? "it" : "them");
		return -1;
	}
	if (a->sel_conn == g->conn)
		app_select_container(a, NULL, NULL);
	memmove(a->engs + i, a->engs + i + 1, (a->nengs - i - 1) * sizeof *a->engs);
	a->nengs--;
	eng_free(g);
	relabel(a);
	notify(a, APP_CHANGED_LIST | APP_CHANGED_STATUS | APP_CHANGED_TABS | APP_CHANGED_PANEL);
	return 0;
}

void app_free(struct app *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->ntabs; i++)
		session_free(a->tabs[i].s);
	for (size_t i = 0; i < a->nclosing; i++)
		session_free(a->closing[i].s);
	free(a->tabs);
	free(a->closing);
	for (size_t i = 0; i < a->nengs; i++)
		eng_free(a->engs[i]);
	free(a->engs);
	loop_timer_free(a->reap);
	loop_timer_free(a->parse);
	kvlist_clear(&a->panel);
	free(a->selected);
	free(a->message);
	free(a->record_dir);
	free(a->audit_log);
	free(a);
}
