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

struct app {
	struct loop *loop;
	struct conn *conn;
	app_changed_cb changed;
	void *arg;
	struct loop_timer *reap;
	struct loop_timer *parse;   /* the tabs' output slices, once a turn */
	int bg_deferred;            /* the last turn left the other tabs' slices */
	char *selected;
	int selected_runs;          /* its last inspect said it runs */
	int want_stats;             /* the panel shows the live figures */
	struct statsfollow *stats;
	unsigned long long events;
	struct kvlist panel;
	struct tab *tabs;
	size_t ntabs;
	int current;
	struct session **closing;
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
const struct ctrlist *app_containers(const struct app *a) { return conn_containers(a->conn); }
struct engine *app_engine(const struct app *a) { return conn_engine(a->conn); }
const struct kvlist *app_container_panel(const struct app *a) { return &a->panel; }

enum app_conn app_conn(const struct app *a)
{
	switch (conn_state(a->conn)) {
	case CONN_CONNECTED: return APP_CONNECTED;
	case CONN_DISCONNECTED: return APP_DISCONNECTED;
	case CONN_CONNECTING: break;
	}
	return APP_CONNECTING;
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
	notify(a, (what & CONN_CHANGED_LIST ? APP_CHANGED_LIST : 0) |
	    (what & CONN_CHANGED_STATE ? APP_CHANGED_STATUS : 0));
}

static void on_conn_message(struct conn *c, const char *msg, void *arg)
{
	app_set_message(arg, "%s", msg);
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
static void follow_stats(struct app *a)
{
	statsfollow_set(a->stats, a->want_stats && a->selected && a->selected_runs ? a->selected : NULL);
}

static void on_stats(struct statsfollow *f, void *arg)
{
	(void)f;
	notify(arg, APP_CHANGED_PANEL);
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

const struct statsfollow *app_stats(const struct app *a) { return a->stats; }

void app_stats_panel(const struct app *a, int graph, enum samples_charset cs, struct kvlist *out)
{
	const struct statsfollow *f = a->stats;
	const struct stats *st = statsfollow_last(f);
	char v[96], x[40], y[40];
	if (statsfollow_id(f) == NULL)
		return;
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
	kvlist_clear(&a->panel);
	if (err)
		kvlist_add(&a->panel, "error", err->message);
	else
		panel_container(&a->panel, info, time(NULL));
	a->selected_runs = err == NULL && info->running;
	follow_stats(a);
	notify(a, APP_CHANGED_PANEL);
}

void app_select_container(struct app *a, const char *id)
{
	if ((id == NULL && a->selected == NULL) || (id && a->selected && strcmp(id, a->selected) == 0))
		return;
	free(a->selected);
	a->selected = id ? xstrdup(id) : NULL;
	a->selected_runs = 0;
	follow_stats(a);
	kvlist_clear(&a->panel);
	notify(a, APP_CHANGED_PANEL);
	conn_watch(a->conn, id);
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

static void audit(struct app *a, struct session *s)
{
	if (a->audit_log == NULL)
		return;
	const struct endpoint *ep = engine_endpoint(conn_engine(a->conn));
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
		if (a->closing[i] == s) {
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
		if (session_state(s) == SESSION_EXITED && a->selected &&
		    strcmp(session_spec(s)->container_id, a->selected) == 0)
			conn_refresh_watched(a->conn);
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

int app_open(struct app *a, const struct session_spec *spec)
{
	struct conn *c = a->conn;
	return add_tab(a, c, session_new(conn_engine(c), spec, a->rows, a->cols, session_changed, a));
}

int app_open_logs(struct app *a, const struct session_spec *spec, const struct logfollow_opts *o)
{
	struct conn *c = a->conn;
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
	struct session *s = a->tabs[i].s;
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
		a->closing[a->nclosing++] = s;
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
		struct session *s = i < a->ntabs ? a->tabs[i].s : a->closing[i - a->ntabs];
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
	static const struct conn_cb cb = { on_conn_changed, on_conn_event, on_inspected, on_conn_message };
	a->conn = conn_new(loop, e, &cb, a);
	a->stats = statsfollow_new(e, on_stats, a);
	return a;
}

void app_free(struct app *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->ntabs; i++)
		session_free(a->tabs[i].s);
	for (size_t i = 0; i < a->nclosing; i++)
		session_free(a->closing[i]);
	free(a->tabs);
	free(a->closing);
	statsfollow_free(a->stats);
	conn_free(a->conn);
	loop_timer_free(a->reap);
	loop_timer_free(a->parse);
	kvlist_clear(&a->panel);
	free(a->selected);
	free(a->message);
	free(a->record_dir);
	free(a->audit_log);
	free(a);
}
