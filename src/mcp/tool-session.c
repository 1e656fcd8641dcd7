/* tool-session.c: the MCP TTY session tools. A session is an exec on a TTY
 * (session/session.h) whose output goes through porthole's terminal model,
 * so an agent reads the rendered screen (rows of text, the cursor, the
 * title), not escape sequences: session_open, session_send (text and named
 * keys), session_read, session_wait (a pattern on screen, quiet output, or
 * the exit), session_resize, session_close (stops the process). */
#include "config.h"
#include "mcp/mcp.h"
#include "mcp/keyname.h"
#include "session/session.h"
#include "session/term.h"
#include "engine/run.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESSIONS_MAX 32
#define SESSION_ROWS_DEFAULT 24
#define SESSION_COLS_DEFAULT 80
#define SESSION_WAIT_DEFAULT_S 10
#define SESSION_READ_PARSE_MS 50

struct msession;
struct xresize;
static void resize_abort(struct msession *m);

struct waiter {
	struct mcp_call *call;
	struct msession *ms;
	regex_t re;
	int has_re;
	int on_exit;
	int64_t quiet_ms;
	struct loop_timer *quiet, *timeout;
	struct waiter *next;
};

struct msession {
	struct mcp_sessions *all;
	char id[16];
	struct session *s;
	unsigned long long read_scrolled;
	struct mcp_call *opening, *closing;
	struct waiter *waiters;
	struct xresize *resizing;   /* a session_resize waiting for the engine */
	int stop_sent, dead;
	int discard;     /* no one wants it: freed once its process is over */
	int in_cb;       /* inside its changed callback: do not parse */
	struct msession *next;
};

struct mcp_sessions {
	struct mcp_server *srv;
	struct engine *e;
	struct msession *list;
	unsigned next_id;
	struct loop_timer *reap;
	int closing;
};

static int ended(const struct msession *m)
{
	enum session_state st = session_state(m->s);
	return st == SESSION_EXITED || st == SESSION_FAILED;
}

/* ---- what a read gives ---- */

static char *screen_text(struct term *t)
{
	int rows, cols;
	term_size(t, &rows, &cols);
	struct buf b;
	buf_init(&b);
	for (int r = 0; r < rows; r++) {
		char *line = term_row_text(t, r);
		buf_addf(&b, "%s%s", r ? "\n" : "", line ? line : "");
		free(line);
	}
	/* Trailing blank rows say nothing. */
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	return buf_steal(&b, NULL);
}

static cJSON *read_obj(struct msession *m, int scrolled, char **textp)
{
	struct term *t = session_term(m->s);
	if (!m->in_cb)
		session_parse(m->s, loop_now_ms() + SESSION_READ_PARSE_MS);
	int rows, cols, crow, ccol, vis;
	term_size(t, &rows, &cols);
	term_cursor(t, &crow, &ccol, &vis, NULL);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "session", m->id);
	enum session_state st = session_state(m->s);
	cJSON_AddStringToObject(o, "state", session_state_name(st));
	cJSON_AddBoolToObject(o, "running", st == SESSION_RUNNING);
	if (st == SESSION_EXITED)
		cJSON_AddNumberToObject(o, "exit_code", session_exit_code(m->s));
	else
		cJSON_AddNullToObject(o, "exit_code");
	if (st == SESSION_FAILED && session_cause(m->s))
		cJSON_AddStringToObject(o, "error", session_cause(m->s));
	cJSON_AddNumberToObject(o, "rows", rows);
	cJSON_AddNumberToObject(o, "cols", cols);
	cJSON *cur = cJSON_AddObjectToObject(o, "cursor");
	cJSON_AddNumberToObject(cur, "row", crow);
	cJSON_AddNumberToObject(cur, "col", ccol);
	cJSON_AddBoolToObject(cur, "visible", vis);
	cJSON_AddStringToObject(o, "title", term_title(t));
	cJSON_AddBoolToObject(o, "alternate_screen", term_altscreen(t));
	cJSON *lines = cJSON_AddArrayToObject(o, "screen");
	for (int r = 0; r < rows; r++) {
		char *line = term_row_text(t, r);
		cJSON_AddItemToArray(lines, cJSON_CreateString(line ? line : ""));
		free(line);
	}
	unsigned long long now = term_scrolled(t), fresh = now - m->read_scrolled;
	if (scrolled) {
		int held = term_scrollback_lines(t);
		int k = fresh < (unsigned long long)held ? (int)fresh : held;
		cJSON *sc = cJSON_AddArrayToObject(o, "scrolled");
		for (int i = k; i >= 1; i--) {
			char *line = term_row_text(t, -i);
			cJSON_AddItemToArray(sc, cJSON_CreateString(line ? line : ""));
			free(line);
		}
		cJSON_AddNumberToObject(o, "scrolled_lost", (double)(fresh - (unsigned long long)k));
		m->read_scrolled = now;
	}
	if (textp) {
		char *screen = screen_text(t);
		if (st == SESSION_EXITED)
			*textp = xasprintf("[session %s exited with %d]\n%s", m->id, session_exit_code(m->s), screen);
		else if (st == SESSION_FAILED)
			*textp = xasprintf("[session %s failed: %s]\n%s", m->id,
			    session_cause(m->s) ? session_cause(m->s) : "?", screen);
		else
			*textp = xasprintf("[session %s %s, cursor at row %d col %d]\n%s", m->id,
			    session_state_name(st), crow, ccol, screen);
		free(screen);
	}
	return o;
}

static void finish_read(struct mcp_call *c, struct msession *m, int scrolled, const char *matched)
{
	char *text;
	cJSON *o = read_obj(m, scrolled, &text);
	if (matched)
		cJSON_AddStringToObject(o, "matched", matched);
	mcp_call_finish(c, o, text);
	free(text);
}

/* ---- the set ---- */

static void reap(void *arg)
{
	struct mcp_sessions *all = arg;
	for (struct msession **pp = &all->list; *pp; ) {
		struct msession *m = *pp;
		if (!m->dead) {
			pp = &m->next;
			continue;
		}
		*pp = m->next;
		resize_abort(m);
		session_free(m->s);
		free(m);
	}
}

static void kill_later(struct msession *m)
{
	m->dead = 1;
	loop_timer_start(m->all->reap, 0);
}

static struct msession *find(struct mcp_call *c, const cJSON *args)
{
	struct mcp_sessions *all = mcp_server_sessions(mcp_call_server(c));
	const char *id = mcp_arg_str(args, "session");
	for (struct msession *m = all->list; m; m = m->next)
		if (!m->dead && !m->discard && m->closing == NULL && strcmp(m->id, id) == 0)
			return m;
	char *safe = str_inert(id);
	mcp_call_fail(c, "no such session: %s (session_open gives one)", safe);
	free(safe);
	return NULL;
}

static void waiter_end(struct waiter *w, const char *matched);

static void check_waiters(struct msession *m, int output)
{
	char *screen = NULL;
	for (struct waiter *w = m->waiters, *next; w; w = next) {
		next = w->next;
		if (w->has_re) {
			if (!screen)
				screen = screen_text(session_term(m->s));
			if (regexec(&w->re, screen, 0, NULL, 0) == 0) {
				waiter_end(w, "pattern");
				continue;
			}
		}
		if (ended(m) && (w->on_exit || w->has_re || w->quiet_ms > 0)) {
			waiter_end(w, "exit");
			continue;
		}
		if (output && w->quiet)
			loop_timer_start(w->quiet, w->quiet_ms);
	}
	free(screen);
}

static void on_changed(struct session *s, int what, void *arg)
{
	struct msession *m = arg;
	(void)s;
	m->in_cb = 1;
	if (m->opening && (session_state(m->s) == SESSION_RUNNING || ended(m))) {
		struct mcp_call *c = m->opening;
		m->opening = NULL;
		if (session_state(m->s) == SESSION_FAILED) {
			mcp_call_fail(c, "%s", session_cause(m->s) ? session_cause(m->s) : "the session did not start");
			kill_later(m);
			m->in_cb = 0;
			return;
		}
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "session", m->id);
		cJSON_AddStringToObject(o, "exec_id", session_exec_id(m->s) ? session_exec_id(m->s) : "");
		cJSON_AddStringToObject(o, "state", session_state_name(session_state(m->s)));
		char *text = xasprintf("session %s opened (%s); session_read shows its screen", m->id,
		    session_command(m->s));
		mcp_call_finish(c, o, text);
		free(text);
	}
	check_waiters(m, what & SESSION_CHANGED_OUTPUT);
	if (m->closing && ended(m)) {
		struct mcp_call *c = m->closing;
		m->closing = NULL;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "session", m->id);
		if (session_state(m->s) == SESSION_EXITED)
			cJSON_AddNumberToObject(o, "exit_code", session_exit_code(m->s));
		else
			cJSON_AddNullToObject(o, "exit_code");
		cJSON_AddBoolToObject(o, "stopped", m->stop_sent);
		mcp_call_finish(c, o, m->stop_sent ? "session closed: its process was stopped" : "session closed");
		kill_later(m);
	}
	if (m->discard && ended(m))
		kill_later(m);
	m->in_cb = 0;
}

struct mcp_sessions *mcp_sessions_new(struct mcp_server *s)
{
	struct mcp_sessions *all = xcalloc(1, sizeof *all);
	all->srv = s;
	return all;
}

static struct mcp_sessions *sessions_of(struct mcp_call *c)
{
	struct mcp_sessions *all = mcp_server_sessions(mcp_call_server(c));
	if (all->reap == NULL) {
		all->e = mcp_call_engine(c);
		all->reap = loop_timer_new(engine_loop(all->e), reap, all);
	}
	return all;
}

static void stop_one(struct msession *m)
{
	if (m->dead || ended(m))
		return;
	if (session_state(m->s) == SESSION_RUNNING) {
		if (!m->stop_sent)
			session_stop(m->s);
		m->stop_sent = 1;
	} else {
		/* Not started yet: freeing it cancels the create or start. */
		if (m->opening) {
			struct mcp_call *c = m->opening;
			m->opening = NULL;
			mcp_call_fail(c, "the server is closing");
		}
		kill_later(m);
	}
}

int mcp_sessions_close_all(struct mcp_sessions *all)
{
	int busy = 0;
	all->closing = 1;
	for (struct msession *m = all->list; m; m = m->next) {
		stop_one(m);
		busy |= !m->dead && !ended(m);
	}
	return busy;
}

void mcp_sessions_free(struct mcp_sessions *all)
{
	if (all == NULL)
		return;
	for (struct msession *m = all->list; m; m = m->next)
		m->dead = 1;
	if (all->reap) {
		reap(all);
		loop_timer_free(all->reap);
	}
	free(all);
}

/* ---- session_open ---- */

static const char open_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"container\"],\"properties\":{"
    "\"container\":{\"type\":\"string\",\"description\":\"name or id of a running container\"},"
    "\"command\":{\"type\":[\"array\",\"string\"],\"items\":{\"type\":\"string\"},"
    "\"description\":\"argv array, or a string for the container's shell; default: the shell (bash, else sh)\"},"
    "\"rows\":{\"type\":\"integer\",\"minimum\":2,\"maximum\":500},"
    "\"cols\":{\"type\":\"integer\",\"minimum\":2,\"maximum\":500},"
    "\"user\":{\"type\":\"string\"},\"workdir\":{\"type\":\"string\"},"
    "\"env\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"K=V entries\"}}}";

static const char open_output[] =
    "{\"type\":\"object\",\"required\":[\"session\"],\"properties\":{"
    "\"session\":{\"type\":\"string\"},\"exec_id\":{\"type\":\"string\"},\"state\":{\"type\":\"string\"}}}";

struct xopen {
	struct session_spec spec;
	int rows, cols;
};

static void xopen_drop(void *arg)
{
	struct xopen *x = arg;
	session_spec_clear(&x->spec);
	free(x);
}

static void open_cancel(void *arg)
{
	struct msession *m = arg;
	if (m->opening) {
		struct mcp_call *c = m->opening;
		m->opening = NULL;
		stop_one(m);
		m->discard = 1; /* running by now: stopped above, freed once over */
		if (ended(m))
			kill_later(m);
		mcp_call_fail(c, "cancelled");
	}
}

static void open_resolved(struct mcp_call *c, const struct container_info *ci, void *arg)
{
	struct xopen *x = arg;
	struct mcp_sessions *all = sessions_of(c);
	x->spec.container_id = xstrdup(ci->id);
	x->spec.container_name = xstrdup(ci->name && ci->name[0] == '/' ? ci->name + 1 : ci->name ? ci->name : "");
	struct msession *m = xcalloc(1, sizeof *m);
	m->all = all;
	snprintf(m->id, sizeof m->id, "s%u", ++all->next_id);
	m->opening = c;
	m->next = all->list;
	all->list = m;
	m->s = session_new(mcp_call_engine(c), &x->spec, x->rows, x->cols, on_changed, m);
	xopen_drop(x);
	mcp_call_on_cancel(c, open_cancel, m);
}

static int count_live(struct mcp_sessions *all)
{
	int n = 0;
	for (struct msession *m = all->list; m; m = m->next)
		n += !m->dead;
	return n;
}

static void open_start(struct mcp_call *c, const cJSON *args)
{
	struct mcp_sessions *all = sessions_of(c);
	if (count_live(all) >= SESSIONS_MAX) {
		mcp_call_fail(c, "session_open: %d sessions are open already; close one first", SESSIONS_MAX);
		return;
	}
	struct xopen *x = xcalloc(1, sizeof *x);
	double rows = SESSION_ROWS_DEFAULT, cols = SESSION_COLS_DEFAULT;
	mcp_arg_num(args, "rows", &rows);
	mcp_arg_num(args, "cols", &cols);
	x->rows = (int)rows;
	x->cols = (int)cols;
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(args, "command"), *e;
	if (cJSON_IsString(cmd))
		run_shell_cmd(&x->spec.cmd, cmd->valuestring, NULL, 0);
	else
		cJSON_ArrayForEach(e, cmd) strv_push(&x->spec.cmd, e->valuestring);
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(args, "env")) strv_push(&x->spec.env, e->valuestring);
	const char *user = mcp_arg_str(args, "user"), *workdir = mcp_arg_str(args, "workdir");
	x->spec.user = user ? xstrdup(user) : NULL;
	x->spec.workdir = workdir ? xstrdup(workdir) : NULL;
	if (cJSON_IsArray(cmd) && x->spec.cmd.n == 0) {
		mcp_call_fail(c, "session_open: command is empty");
		xopen_drop(x);
		return;
	}
	mcp_resolve(c, mcp_arg_str(args, "container"), 1, open_resolved, xopen_drop, x);
}

/* ---- session_send ---- */

static const char send_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"session\"],\"properties\":{"
    "\"session\":{\"type\":\"string\"},"
    "\"text\":{\"type\":\"string\",\"description\":\"typed as is (use keys for Enter)\"},"
    "\"keys\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
    "\"description\":\"named keys sent after the text: Enter, Tab, BSpace, Escape, Up, Down, Left, Right, "
    "Home, End, PageUp, PageDown, Delete, F1-F24, a character; prefixes C- M- S- (C-c, M-x)\"}}}";

static const char send_output[] =
    "{\"type\":\"object\",\"required\":[\"session\"],\"properties\":{"
    "\"session\":{\"type\":\"string\"},\"sent\":{\"type\":\"number\",\"description\":\"text bytes and keys sent\"}}}";

static void send_start(struct mcp_call *c, const cJSON *args)
{
	struct msession *m = find(c, args);
	if (m == NULL)
		return;
	if (session_state(m->s) != SESSION_RUNNING) {
		mcp_call_fail(c, "session %s is %s: nothing to send to", m->id, session_state_name(session_state(m->s)));
		return;
	}
	const cJSON *keys = cJSON_GetObjectItemCaseSensitive(args, "keys"), *k;
	struct key_press kp;
	cJSON_ArrayForEach(k, keys)
		if (keyname_parse(k->valuestring, &kp) != 0) {
			char *safe = str_inert(k->valuestring);
			mcp_call_fail(c, "session_send: \"%s\" is not a key name", safe);
			free(safe);
			return;
		}
	const char *text = mcp_arg_str(args, "text");
	size_t sent = 0;
	if (text) {
		session_send(m->s, text, strlen(text));
		sent += strlen(text);
	}
	cJSON_ArrayForEach(k, keys) {
		keyname_parse(k->valuestring, &kp);
		if (kp.is_char)
			session_key_unichar(m->s, kp.ch, kp.mods);
		else
			session_key(m->s, kp.key, kp.mods);
		sent++;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "session", m->id);
	cJSON_AddNumberToObject(o, "sent", (double)sent);
	mcp_call_finish(c, o, "sent; session_wait or session_read shows what it did");
}

/* ---- session_read ---- */

static const char read_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"session\"],\"properties\":{"
    "\"session\":{\"type\":\"string\"},"
    "\"scrolled\":{\"type\":\"boolean\",\"description\":\"also the lines that scrolled off the top since the last session_read\"}}}";

static const char read_output[] =
    "{\"type\":\"object\",\"required\":[\"session\",\"state\",\"screen\",\"cursor\"],\"properties\":{"
    "\"session\":{\"type\":\"string\"},\"state\":{\"type\":\"string\"},\"running\":{\"type\":\"boolean\"},"
    "\"exit_code\":{\"type\":[\"integer\",\"null\"]},\"error\":{\"type\":\"string\"},"
    "\"rows\":{\"type\":\"integer\"},\"cols\":{\"type\":\"integer\"},"
    "\"cursor\":{\"type\":\"object\",\"properties\":{\"row\":{\"type\":\"integer\"},\"col\":{\"type\":\"integer\"},"
    "\"visible\":{\"type\":\"boolean\"}}},"
    "\"title\":{\"type\":\"string\"},\"alternate_screen\":{\"type\":\"boolean\"},"
    "\"screen\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"the rows as shown\"},"
    "\"scrolled\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
    "\"scrolled_lost\":{\"type\":\"number\",\"description\":\"scrolled lines no longer held\"},"
    "\"matched\":{\"type\":\"string\",\"enum\":[\"pattern\",\"quiet\",\"exit\",\"timeout\",\"cancelled\"]}}}";

static void read_start(struct mcp_call *c, const cJSON *args)
{
	struct msession *m = find(c, args);
	if (m == NULL)
		return;
	int scrolled = mcp_arg_bool(args, "scrolled", 0);
	if (!scrolled) /* the mark moves on every read */
		m->read_scrolled = term_scrolled(session_term(m->s));
	finish_read(c, m, scrolled, NULL);
}

/* ---- session_wait ---- */

static const char wait_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"session\"],\"properties\":{"
    "\"session\":{\"type\":\"string\"},"
    "\"pattern\":{\"type\":\"string\",\"description\":\"an extended regular expression to wait for on screen\"},"
    "\"quiet_ms\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":600000,"
    "\"description\":\"until no output has come for this long\"},"
    "\"exit\":{\"type\":\"boolean\",\"description\":\"until the process exits\"},"
    "\"timeout\":{\"type\":\"number\",\"minimum\":0,\"maximum\":3600,\"description\":\"seconds (default 10)\"}}}";

static void waiter_end(struct waiter *w, const char *matched)
{
	struct msession *m = w->ms;
	for (struct waiter **pp = &m->waiters; *pp; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			break;
		}
	loop_timer_free(w->quiet);
	loop_timer_free(w->timeout);
	if (w->has_re)
		regfree(&w->re);
	struct mcp_call *c = w->call;
	free(w);
	finish_read(c, m, 0, matched);
}

static void on_quiet(void *arg) { waiter_end(arg, "quiet"); }
static void on_wait_timeout(void *arg) { waiter_end(arg, "timeout"); }
static void on_wait_cancel(void *arg) { waiter_end(arg, "cancelled"); }

static void wait_start(struct mcp_call *c, const cJSON *args)
{
	struct msession *m = find(c, args);
	if (m == NULL)
		return;
	struct waiter *w = xcalloc(1, sizeof *w);
	w->call = c;
	w->ms = m;
	const char *pat = mcp_arg_str(args, "pattern");
	if (pat) {
		int rc = regcomp(&w->re, pat, REG_EXTENDED | REG_NEWLINE | REG_NOSUB);
		if (rc != 0) {
			char why[200];
			regerror(rc, &w->re, why, sizeof why);
			free(w);
			mcp_call_fail(c, "session_wait: bad pattern: %s", why);
			return;
		}
		w->has_re = 1;
	}
	double q = 0, timeout = SESSION_WAIT_DEFAULT_S;
	mcp_arg_num(args, "quiet_ms", &q);
	mcp_arg_num(args, "timeout", &timeout);
	w->quiet_ms = (int64_t)q;
	w->on_exit = mcp_arg_bool(args, "exit", 0);
	if (!w->has_re && !w->quiet_ms && !w->on_exit) {
		free(w);
		mcp_call_fail(c, "session_wait: give a pattern, quiet_ms or exit to wait for");
		return;
	}
	struct loop *l = engine_loop(mcp_call_engine(c));
	w->timeout = loop_timer_new(l, on_wait_timeout, w);
	loop_timer_start(w->timeout, (int64_t)(timeout * 1000));
	if (w->quiet_ms) {
		w->quiet = loop_timer_new(l, on_quiet, w);
		loop_timer_start(w->quiet, w->quiet_ms);
	}
	w->next = m->waiters;
	m->waiters = w;
	mcp_call_on_cancel(c, on_wait_cancel, w);
	/* Already there? (w may be gone after this) */
	session_parse(m->s, loop_now_ms() + SESSION_READ_PARSE_MS);
	check_waiters(m, 0);
}

/* ---- session_resize ---- */

static const char resize_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"session\",\"rows\",\"cols\"],\"properties\":{"
    "\"session\":{\"type\":\"string\"},"
    "\"rows\":{\"type\":\"integer\",\"minimum\":2,\"maximum\":500},"
    "\"cols\":{\"type\":\"integer\",\"minimum\":2,\"maximum\":500}}}";

/* The answer waits until the engine has the new size (so that a command
 * sent next sees it), checked every SESSION_RESIZE_POLL_MS, at most
 * SESSION_RESIZE_WAIT_MS. */
#define SESSION_RESIZE_POLL_MS 10
#define SESSION_RESIZE_WAIT_MS 3000

struct xresize {
	struct mcp_call *call;
	struct msession *m;
	int rows, cols;
	int64_t until;
	struct loop_timer *poll;
};

static void resize_end(struct xresize *x, const char *note)
{
	struct mcp_call *c = x->call;
	struct msession *m = x->m;
	m->resizing = NULL;
	loop_timer_free(x->poll);
	free(x);
	finish_read(c, m, 0, note);
}

static void resize_cancel(void *arg) { resize_end(arg, NULL); }

static void resize_abort(struct msession *m)
{
	if (m->resizing)
		resize_end(m->resizing, NULL);
}

static void resize_poll(void *arg)
{
	struct xresize *x = arg;
	int rows, cols;
	session_tty_size(x->m->s, &rows, &cols);
	if ((rows == x->rows && cols == x->cols && !session_resize_pending(x->m->s)) || x->m->dead ||
	    ended(x->m)) {
		resize_end(x, NULL);
		return;
	}
	if (loop_now_ms() >= x->until) {
		mcp_call_fail(x->call, "session %s: the engine did not take the new size within %d ms",
		    x->m->id, SESSION_RESIZE_WAIT_MS);
		x->m->resizing = NULL;
		loop_timer_free(x->poll);
		free(x);
		return;
	}
	loop_timer_start(x->poll, SESSION_RESIZE_POLL_MS);
}

static void resize_start(struct mcp_call *c, const cJSON *args)
{
	struct msession *m = find(c, args);
	if (m == NULL)
		return;
	double rows = 0, cols = 0;
	mcp_arg_num(args, "rows", &rows);
	mcp_arg_num(args, "cols", &cols);
	resize_abort(m);
	session_resize(m->s, (int)rows, (int)cols);
	struct xresize *x = xcalloc(1, sizeof *x);
	m->resizing = x;
	mcp_call_on_cancel(c, resize_cancel, x);
	x->call = c;
	x->m = m;
	x->rows = (int)rows;
	x->cols = (int)cols;
	x->until = loop_now_ms() + SESSION_RESIZE_WAIT_MS;
	x->poll = loop_timer_new(engine_loop(mcp_call_engine(c)), resize_poll, x);
	resize_poll(x);
}

/* ---- session_close ---- */

static const char close_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"session\"],\"properties\":{"
    "\"session\":{\"type\":\"string\"}}}";

static const char close_output[] =
    "{\"type\":\"object\",\"required\":[\"session\",\"exit_code\"],\"properties\":{"
    "\"session\":{\"type\":\"string\"},\"exit_code\":{\"type\":[\"integer\",\"null\"]},"
    "\"stopped\":{\"type\":\"boolean\",\"description\":\"the process was running and was stopped\"}}}";

static void close_start(struct mcp_call *c, const cJSON *args)
{
	struct msession *m = find(c, args);
	if (m == NULL)
		return;
	while (m->waiters)
		waiter_end(m->waiters, "exit");
	resize_abort(m);
	m->closing = c;
	if (ended(m) || session_state(m->s) != SESSION_RUNNING) {
		stop_one(m);
		m->closing = NULL;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "session", m->id);
		if (session_state(m->s) == SESSION_EXITED)
			cJSON_AddNumberToObject(o, "exit_code", session_exit_code(m->s));
		else
			cJSON_AddNullToObject(o, "exit_code");
		cJSON_AddBoolToObject(o, "stopped", 0);
		kill_later(m);
		mcp_call_finish(c, o, "session closed");
		return;
	}
	stop_one(m);
}

const struct mcp_tool mcp_tool_session_open = {
	"session_open", "Open a TTY session",
	"Start an interactive program (default: the container's shell) on a TTY in a running container. "
	"Its output is rendered by a terminal emulator: session_read gives the screen a person would see.",
	open_input, open_output, 0, 0, open_start,
};
const struct mcp_tool mcp_tool_session_send = {
	"session_send", "Type into a TTY session",
	"Send text and named keys (Enter, C-c, Up, Escape, F1...) to a session's program.",
	send_input, send_output, 0, 0, send_start,
};
const struct mcp_tool mcp_tool_session_read = {
	"session_read", "Read a TTY session's screen",
	"The session's rendered screen as rows of text, the cursor, the title, and whether the program "
	"runs or its exit code; optionally the lines that scrolled off since the last read.",
	read_input, read_output, 1, 0, read_start,
};
const struct mcp_tool mcp_tool_session_wait = {
	"session_wait", "Wait on a TTY session",
	"Wait until a regular expression appears on the session's screen, its output has been quiet for "
	"quiet_ms, or its program exits (or the timeout), then give the screen as session_read does.",
	wait_input, read_output, 1, 0, wait_start,
};
const struct mcp_tool mcp_tool_session_resize = {
	"session_resize", "Resize a TTY session",
	"Change the session's terminal size; the program is told (SIGWINCH).",
	resize_input, read_output, 0, 0, resize_start,
};
const struct mcp_tool mcp_tool_session_close = {
	"session_close", "Close a TTY session",
	"End a session: its program is stopped if it still runs (and checked gone).",
	close_input, close_output, 0, 1, close_start,
};
