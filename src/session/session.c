/* session.c: the exec session state machine of session.h. The process is
 * one exec run (engine/run.h): create, start, stream, exit code and stop
 * happen there; the session turns the run's phases into its states, feeds
 * the output to the terminal model and keeps the exec inspect for the
 * panel. Events also come from the owner (keys, resize, stop, respawn). */
#include "config.h"
#include "session/session.h"
#include "engine/run.h"
#include "session/logfollow.h"
#include "session/record.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct session {
	struct engine *e;
	struct session_spec spec;
	session_changed_cb changed;
	void *arg;
	enum session_state state;
	char *cause;
	char *command;
	int exit_code;
	struct term *term;
	struct run *run;
	struct logfollow *logs;          /* a logs tab's source, instead of a run */
	unsigned long long log_bytes;    /* what it wrote to the terminal */
	struct engine_call *info_call;   /* exec inspect while running */
	struct loop_timer *info_timer;   /* inspect again until the pid shows */
	int info_tries;
	int ran;                         /* reached RUNNING at least once */
	int rows, cols;                  /* pane size */
	struct exec_info info;
	int have_info;
	int activity, bell;
	char *notice;
	struct buf pending;              /* output not parsed yet */
	int paused;                      /* the run's output is held back */
	int external;                    /* the owner schedules the slices */
	struct loop_timer *parse_timer;  /* our own slices otherwise */
	int64_t told_ms;                 /* output last notified */
	int64_t rate_since;              /* the output rate's window began */
	size_t rate_bytes;               /* and the output since then */
	int resting;                     /* the run's reads are coalesced */
	int owed;                        /* parsed output not notified yet */
	/* The run's end, applied once its output is all parsed. */
	int end_pending, end_exited, end_exit_code;
	time_t started, ended;           /* wall clock of the last run, 0: not yet */
	int stopped;                     /* porthole stopped the last run's process */
	int end_taken;                   /* session_take_end() said so for this run */
	char *end_cause;
	struct recorder *rec;            /* recording to a file, or NULL */
};

void session_spec_copy(struct session_spec *d, const struct session_spec *s)
{
	memset(d, 0, sizeof *d);
	d->container_id = xstrdup(s->container_id ? s->container_id : "");
	d->container_name = xstrdup(s->container_name ? s->container_name : d->container_id);
	for (size_t i = 0; i < s->cmd.n; i++)
		strv_push(&d->cmd, s->cmd.v[i]);
	for (size_t i = 0; i < s->env.n; i++)
		strv_push(&d->env, s->env.v[i]);
	d->user = s->user && *s->user ? xstrdup(s->user) : NULL;
	d->workdir = s->workdir && *s->workdir ? xstrdup(s->workdir) : NULL;
}

void session_spec_clear(struct session_spec *s)
{
	free(s->container_id);
	free(s->container_name);
	strv_clear(&s->cmd);
	strv_clear(&s->env);
	free(s->user);
	free(s->workdir);
	memset(s, 0, sizeof *s);
}

static void notify(struct session *s, int what)
{
	if (s->changed)
		s->changed(s, what, s->arg);
}

static void set_state(struct session *s, enum session_state st)
{
	s->state = st;
	notify(s, SESSION_CHANGED_STATE);
}

static void fail(struct session *s, const char *cause)
{
	free(s->cause);
	s->cause = xstrdup(cause);
	set_state(s, SESSION_FAILED);
}

static void set_notice(struct session *s, const char *msg)
{
	free(s->notice);
	s->notice = xstrdup(msg);
	notify(s, SESSION_CHANGED_INFO);
}

/* ---- terminal model callbacks ---- */

/* Keys and the terminal's replies. Before the process runs they wait in
 * the run (type-ahead); after its end they go nowhere. */
static void term_out(const char *p, size_t n, void *arg)
{
	struct session *s = arg;
	if (s->run)
		run_write(s->run, p, n);
}

static void term_bell(void *arg)
{
	struct session *s = arg;
	s->bell = 1;
	notify(s, SESSION_CHANGED_BELL);
}

static void term_title_cb(const char *t, void *arg)
{
	notify(arg, SESSION_CHANGED_TITLE);
}

/* ---- size ---- */

void session_resize(struct session *s, int rows, int cols)
{
	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if (rows == s->rows && cols == s->cols)
		return;
	s->rows = rows;
	s->cols = cols;
	term_resize(s->term, rows, cols);
	if (s->rec)
		recorder_resize(s->rec, cols, rows, loop_now_ms());
	if (s->run)
		run_resize(s->run, rows, cols);
}

void session_tty_size(const struct session *s, int *rows, int *cols)
{
	*rows = *cols = 0;
	if (s->run)
		run_tty_size(s->run, rows, cols);
}

int session_resize_pending(const struct session *s) { return s->run && run_resize_pending(s->run); }

/* ---- inspect ---- */


static void on_info(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct session *s = arg;
	s->info_call = NULL;
	if (err == NULL) {
		exec_info_copy(&s->info, x);
		s->have_info = 1;
		notify(s, SESSION_CHANGED_INFO);
		/* Right after the start the engine may not say yet that the
		 * exec runs, nor its pid: ask again while the stream is open. */
		if ((!x->running || x->pid == 0) && s->state == SESSION_RUNNING &&
		    s->info_tries++ < 20)
			loop_timer_start(s->info_timer, 50);
	}
}

static void on_info_timer(void *arg)
{
	struct session *s = arg;
	if (s->state == SESSION_RUNNING)
		session_refresh_info(s);
}

void session_refresh_info(struct session *s)
{
	const char *id = session_exec_id(s);
	if (id && s->info_call == NULL)
		s->info_call = engine_exec_inspect(s->e, id, on_info, s);
}

/* ---- the run ---- */

static void on_phase(struct run *r, enum run_phase phase, void *arg)
{
	struct session *s = arg;
	if (phase == RUN_STARTING)
		set_state(s, SESSION_STARTING);
	else if (phase == RUN_RUNNING) {
		s->ran = 1;
		s->info_tries = 0;
		s->state = SESSION_RUNNING;
		session_refresh_info(s);
		notify(s, SESSION_CHANGED_STATE);
	}
}

/* Output waits to be parsed in slices (session_parse): arriving is only a
 * copy, so a flood never holds up the keyboard or the other tabs. */
static void add_pending(struct session *s, const char *p, size_t n)
{
	if (s->rec)
		recorder_output(s->rec, p, n, loop_now_ms());
	int was_empty = buf_used(&s->pending) == 0;
	buf_add(&s->pending, p, n);
	if (!was_empty)
		return;
	if (!s->external)
		loop_timer_start(s->parse_timer, 0);
	notify(s, SESSION_CHANGED_PENDING);
}

/* A flood's reads are coalesced (run_set_rest): more than
 * SESSION_FLOOD_BYTES in a window of SESSION_FLOOD_WINDOW_MS turns it on for
 * the next window, less turns it off. An echo or a prompt never reaches
 * that, so what is typed is read the moment it comes back. */
static void rate_note(struct session *s, size_t n)
{
	int64_t now = loop_now_ms();
	if (now - s->rate_since >= SESSION_FLOOD_WINDOW_MS) {
		int flood = s->rate_bytes >= SESSION_FLOOD_BYTES;
		if (flood != s->resting && s->run) {
			s->resting = flood;
			run_set_rest(s->run, flood ? SESSION_FLOOD_REST_MS : 0);
		}
		s->rate_since = now;
		s->rate_bytes = 0;
	}
	s->rate_bytes += n;
}

static void on_output(struct run *r, int stream, const char *p, size_t n, void *arg)
{
	struct session *s = arg;
	rate_note(s, n);
	add_pending(s, p, n);
	if (!s->paused && buf_used(&s->pending) >= SESSION_PENDING_HIGH) {
		s->paused = 1;
		run_pause(s->run, 1);
	}
}

/* The end the run reported, once nothing of its output waits. */
static void apply_end(struct session *s)
{
	if (!s->end_pending || buf_used(&s->pending))
		return;
	s->end_pending = 0;
	if (s->end_exited) {
		s->exit_code = s->end_exit_code;
		set_state(s, SESSION_EXITED);
	} else {
		fail(s, s->end_cause);
	}
	free(s->end_cause);
	s->end_cause = NULL;
}

size_t session_parse(struct session *s, int64_t deadline_ms)
{
	size_t done = 0;
	while (buf_used(&s->pending) > 0) {
		size_t n = buf_used(&s->pending);
		if (n > SESSION_PARSE_CHUNK)
			n = SESSION_PARSE_CHUNK;
		term_feed(s->term, buf_ptr(&s->pending), n);
		buf_consume(&s->pending, n);
		done += n;
		if (loop_now_ms() >= deadline_ms)
			break;
	}
	if (s->paused && buf_used(&s->pending) <= SESSION_PENDING_LOW && s->run) {
		s->paused = 0;
		run_pause(s->run, 0);
	}
	if (done) {
		s->activity = 1;
		s->owed = 1;
	}
	/* While a flood is parsed, tell at most every SESSION_NOTIFY_MS (each
	 * telling is a redraw); at once when the output is all parsed. */
	int64_t now = loop_now_ms();
	if (s->owed && (buf_used(&s->pending) == 0 || now - s->told_ms >= SESSION_NOTIFY_MS)) {
		s->owed = 0;
		s->told_ms = now;
		notify(s, SESSION_CHANGED_OUTPUT);
	}
	apply_end(s);
	return buf_used(&s->pending);
}

size_t session_output_pending(const struct session *s) { return buf_used(&s->pending); }

static void on_parse_timer(void *arg)
{
	struct session *s = arg;
	if (s->external)
		return;
	if (session_parse(s, loop_now_ms() + SESSION_SLICE_MS) > 0)
		loop_timer_start(s->parse_timer, 0);
}

void session_drive_parse(struct session *s, int external)
{
	s->external = external;
	if (!external && buf_used(&s->pending))
		loop_timer_start(s->parse_timer, 0);
	else if (external)
		loop_timer_stop(s->parse_timer);
}

static void on_notice(struct run *r, const char *msg, void *arg)
{
	set_notice(arg, msg);
}

/* The panel shows the TTY's size: redraw it once the engine has it. */
static void on_resized(struct run *r, int rows, int cols, void *arg)
{
	notify(arg, SESSION_CHANGED_INFO);
}

static void on_done(struct run *r, const struct run_result *res, void *arg)
{
	struct session *s = arg;
	loop_timer_stop(s->info_timer);
	s->ended = time(NULL);
	s->stopped = res->stop_asked && res->stopped;
	if (res->info) {
		exec_info_copy(&s->info, res->info);
		s->have_info = 1;
	}
	if (res->stop_asked && !res->stopped)
		set_notice(s, res->stop_note);
	else if (res->started && res->error)
		set_notice(s, res->error);
	free(s->end_cause);
	s->end_cause = NULL;
	s->end_exited = res->started && res->has_exit_code;
	s->end_exit_code = res->exit_code;
	if (!res->started)
		s->end_cause = xstrdup(res->error ? res->error : "the exec did not start");
	else if (!res->has_exit_code)
		s->end_cause = xasprintf("the session ended; %s", res->error ? res->error : "its exit code is unknown");
	s->end_pending = 1;
	apply_end(s);
}

static void launch(struct session *s)
{
	struct run_spec rs;
	memset(&rs, 0, sizeof rs);
	if (s->spec.cmd.n == 0)
		run_shell_cmd(&rs.cmd, NULL, NULL, 0);
	else
		strv_copy(&rs.cmd, &s->spec.cmd);
	strv_push(&rs.env, "TERM=xterm-256color");
	const char *lang = getenv("LANG");
	if (lang && *lang) {
		char *l = xasprintf("LANG=%s", lang);
		strv_push(&rs.env, l);
		free(l);
	}
	strv_copy(&rs.env, &s->spec.env);
	rs.container = s->spec.container_id;
	rs.display = s->spec.container_name;
	rs.user = s->spec.user;
	rs.workdir = s->spec.workdir;
	rs.tty = 1;
	rs.attach_stdin = 1;
	rs.rows = s->rows;
	rs.cols = s->cols;
	s->state = SESSION_CREATING;
	s->started = time(NULL);
	s->ended = 0;
	s->stopped = 0;
	s->end_taken = 0;
	static const struct run_cb cb = { on_phase, on_output, on_notice, on_done, on_resized };
	s->run = run_new(s->e, &rs, &cb, s);
	s->resting = 0;
	strv_clear(&rs.cmd);
	strv_clear(&rs.env);
}

struct session *session_new(struct engine *e, const struct session_spec *spec, int rows, int cols,
    session_changed_cb changed, void *arg)
{
	struct session *s = xcalloc(1, sizeof *s);
	s->e = e;
	session_spec_copy(&s->spec, spec);
	s->changed = changed;
	s->arg = arg;
	s->rows = rows < 1 ? 1 : rows;
	s->cols = cols < 1 ? 1 : cols;
	s->exit_code = -1;
	s->command = s->spec.cmd.n ? strv_join(&s->spec.cmd, " ") : xstrdup("shell");
	static const struct term_cb tcb = { term_out, term_bell, term_title_cb, NULL };
	s->term = term_new(s->rows, s->cols, &tcb, s);
	s->info_timer = loop_timer_new(engine_loop(e), on_info_timer, s);
	s->parse_timer = loop_timer_new(engine_loop(e), on_parse_timer, s);
	buf_init(&s->pending);
	launch(s);
	return s;
}

/* ---- a logs tab ---- */

/* The screen and the scrollback start over (the whole log comes again). */
static const char restart_screen[] = "\033[0m\033[H\033[2J\033[3J";

static void logs_output(const char *p, size_t n, int reset, void *arg)
{
	struct session *s = arg;
	if (reset) {
		buf_reset(&s->pending);
		term_view_reset(s->term);
		add_pending(s, restart_screen, sizeof restart_screen - 1);
	}
	s->log_bytes += n;
	if (n > 0)
		s->ran = 1; /* a log was read: an end is no longer a failure to start */
	add_pending(s, p, n);
}

static void logs_changed(void *arg)
{
	struct session *s = arg;
	switch (logfollow_state(s->logs)) {
	case LOGFOLLOW_STARTING:
		s->state = SESSION_STARTING;
		break;
	case LOGFOLLOW_FOLLOWING:
	case LOGFOLLOW_STOPPED:
		s->state = SESSION_RUNNING;
		break;
	case LOGFOLLOW_FAILED:
		if (s->state == SESSION_FAILED)
			break;
		free(s->cause);
		s->cause = xstrdup(logfollow_cause(s->logs) ? logfollow_cause(s->logs) : "the log cannot be read");
		s->state = SESSION_FAILED;
		/* The engine's words in the tab itself, on a line of their own. */
		int row, col, vis, shape;
		term_cursor(s->term, &row, &col, &vis, &shape);
		size_t np = buf_used(&s->pending);
		int at_start = np ? buf_ptr(&s->pending)[np - 1] == '\n' : col == 0;
		char *line = xasprintf("%s\033[0;1;31m%s\033[0m\r\n", at_start ? "" : "\r\n", s->cause);
		add_pending(s, line, strlen(line));
		free(line);
		break;
	}
	notify(s, SESSION_CHANGED_STATE | SESSION_CHANGED_INFO);
}

struct session *session_new_logs(struct engine *e, const struct session_spec *spec, int rows, int cols,
    const struct logfollow_opts *o, session_changed_cb changed, void *arg)
{
	struct session_spec sp = *spec;
	sp.cmd.n = 0;
	sp.cmd.v = NULL;
	struct session *s = xcalloc(1, sizeof *s);
	s->e = e;
	session_spec_copy(&s->spec, &sp);
	s->changed = changed;
	s->arg = arg;
	s->rows = rows < 1 ? 1 : rows;
	s->cols = cols < 1 ? 1 : cols;
	s->exit_code = -1;
	s->command = xstrdup("logs");
	static const struct term_cb tcb = { NULL, NULL, NULL, NULL };
	s->term = term_new(s->rows, s->cols, &tcb, s);
	s->info_timer = loop_timer_new(engine_loop(e), on_info_timer, s);
	s->parse_timer = loop_timer_new(engine_loop(e), on_parse_timer, s);
	buf_init(&s->pending);
	s->state = SESSION_STARTING;
	static const struct logfollow_cb lcb = { logs_output, logs_changed };
	s->logs = logfollow_new(e, s->spec.container_id, o, &lcb, s);
	return s;
}

struct logfollow *session_logs(const struct session *s) { return s->logs; }

static void release(struct session *s)
{
	run_free(s->run);
	s->run = NULL;
	buf_reset(&s->pending);
	s->paused = 0;
	s->end_pending = 0;
	free(s->end_cause);
	s->end_cause = NULL;
	loop_timer_stop(s->parse_timer);
	engine_call_cancel(s->info_call);
	s->info_call = NULL;
	loop_timer_stop(s->info_timer);
}

void session_free(struct session *s)
{
	if (s == NULL)
		return;
	release(s);
	recorder_close(s->rec);
	logfollow_free(s->logs);
	loop_timer_free(s->info_timer);
	loop_timer_free(s->parse_timer);
	buf_free(&s->pending);
	term_free(s->term);
	exec_info_clear(&s->info);
	session_spec_clear(&s->spec);
	free(s->cause);
	free(s->command);
	free(s->notice);
	free(s);
}

int session_record(struct session *s, const char *path, char **cause)
{
	char *title = xasprintf("%s: %s", s->spec.container_name ? s->spec.container_name : "?",
	    s->command ? s->command : "?");
	struct recorder *r = recorder_open(path, s->cols, s->rows, title, loop_now_ms(), cause);
	free(title);
	if (r == NULL)
		return -1;
	recorder_close(s->rec);
	s->rec = r;
	return 0;
}

int session_record_stop(struct session *s)
{
	if (s->rec == NULL)
		return -1;
	int rc = recorder_close(s->rec);
	s->rec = NULL;
	return rc;
}

const char *session_recording(const struct session *s) { return s->rec ? recorder_path(s->rec) : NULL; }

const char *session_record_error(const struct session *s) { return s->rec ? recorder_error(s->rec) : NULL; }

int session_respawn(struct session *s)
{
	if (s->logs)
		return logfollow_retry(s->logs);
	if (s->state != SESSION_EXITED && s->state != SESSION_FAILED)
		return -1;
	release(s);
	free(s->cause);
	s->cause = NULL;
	s->exit_code = -1;
	exec_info_clear(&s->info);
	s->have_info = 0;
	/* A fresh screen: clear it and home the cursor. */
	term_feed(s->term, "\033[0m\033[H\033[2J", 11);
	launch(s);
	notify(s, SESSION_CHANGED_STATE);
	return 0;
}

void session_stop(struct session *s)
{
	if (s->state == SESSION_RUNNING && s->run)
		run_stop(s->run);
}

void session_rename_container(struct session *s, const char *name)
{
	free(s->spec.container_name);
	s->spec.container_name = xstrdup(name);
}

void session_note_exec_died(struct session *s, int exit_code)
{
	session_refresh_info(s);
	if (s->run)
		run_note_died(s->run, exit_code);
}

void session_key_unichar(struct session *s, uint32_t c, int mods)
{
	if (s->logs)
		return;
	term_view_reset(s->term);
	term_key_unichar(s->term, c, mods);
}

void session_key(struct session *s, int key, int mods)
{
	if (s->logs)
		return;
	term_view_reset(s->term);
	term_key(s->term, (enum term_key)key, mods);
}

void session_send(struct session *s, const char *p, size_t n)
{
	term_out(p, n, s);
}

enum session_state session_state(const struct session *s) { return s->state; }

const char *session_state_name(enum session_state st)
{
	switch (st) {
	case SESSION_CREATING: return "creating";
	case SESSION_STARTING: return "starting";
	case SESSION_RUNNING: return "running";
	case SESSION_EXITED: return "exited";
	case SESSION_FAILED: return "failed";
	}
	return "?";
}

int session_exit_code(const struct session *s) { return s->state == SESSION_EXITED ? s->exit_code : -1; }
const char *session_cause(const struct session *s) { return s->cause; }
const char *session_exec_id(const struct session *s) { return s->run ? run_exec_id(s->run) : NULL; }
const struct session_spec *session_spec(const struct session *s) { return &s->spec; }
const char *session_command(const struct session *s) { return s->command; }
struct term *session_term(const struct session *s) { return s->term; }
const struct exec_info *session_info(const struct session *s) { return s->have_info ? &s->info : NULL; }
int session_ran(const struct session *s) { return s->ran; }
int session_activity(const struct session *s) { return s->activity; }
int session_bell(const struct session *s) { return s->bell; }
unsigned long long session_bytes(const struct session *s)
{
	return s->logs ? s->log_bytes : s->run ? run_output_bytes(s->run) : 0;
}
size_t session_input_waiting(const struct session *s) { return s->run ? run_typeahead(s->run) : 0; }
const char *session_notice(const struct session *s) { return s->notice; }

void session_clear_flags(struct session *s)
{
	s->activity = 0;
	s->bell = 0;
}

void session_times(const struct session *s, time_t *started, time_t *ended)
{
	*started = s->started;
	*ended = s->ended;
}

int session_stopped(const struct session *s) { return s->stopped; }

int session_take_end(struct session *s)
{
	if (s->logs || s->end_taken || (s->state != SESSION_EXITED && s->state != SESSION_FAILED))
		return 0;
	s->end_taken = 1;
	return 1;
}
