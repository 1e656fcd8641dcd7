/* session.c: the exec session state machine of session.h. Events come from
 * engine callbacks (create, stream, inspect, resize) and from the owner
 * (keys, resize, stop, respawn); the terminal model records the screen. */
#include "config.h"
#include "session/session.h"
#include "engine/execstream.h"
#include "engine/stop.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

/* Interactive shell: bash where the container has it, else sh. The probe
 * runs in the container, so it is an answer, not a guess. */
static const char shell_probe[] =
    "if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi";

struct session {
	struct engine *e;
	struct session_spec spec;
	session_changed_cb changed;
	void *arg;
	enum session_state state;
	char *exec_id;
	char *cause;
	char *command;
	int exit_code, died_code, have_died_code;
	struct term *term;
	struct exec_stream *stream;
	struct engine_call *call;        /* create / inspect after the end */
	struct engine_call *info_call;   /* exec inspect while running */
	struct engine_call *resize_call;
	struct stop *stop;
	struct loop_timer *timer;        /* inspect retries, died grace */
	struct loop_timer *info_timer;   /* inspect again until the pid shows */
	int info_tries;
	int retries;
	int stream_done;                 /* the stream has ended */
	int ran;                         /* reached RUNNING at least once */
	int rows, cols;                  /* pane size */
	int sent_rows, sent_cols;        /* size the TTY has */
	int resize_again;
	struct exec_info info;
	int have_info;
	int activity, bell;
	size_t budget;
	char *notice;
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

/* ---- terminal model callbacks ---- */

static void term_out(const char *p, size_t n, void *arg)
{
	struct session *s = arg;
	if (s->stream && !s->stream_done && s->state == SESSION_RUNNING)
		exec_stream_write(s->stream, p, n);
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

static void send_resize(struct session *s);

static void on_resized(const struct engine_error *err, void *arg)
{
	struct session *s = arg;
	s->resize_call = NULL;
	if (err) {
		free(s->notice);
		s->notice = xasprintf("resize failed: %s", err->message);
		notify(s, SESSION_CHANGED_INFO);
	}
	if (s->resize_again) {
		s->resize_again = 0;
		send_resize(s);
	}
}

static void send_resize(struct session *s)
{
	if (s->state != SESSION_RUNNING || s->exec_id == NULL)
		return;
	if (s->resize_call) {
		s->resize_again = 1;
		return;
	}
	if (s->sent_rows == s->rows && s->sent_cols == s->cols)
		return;
	s->sent_rows = s->rows;
	s->sent_cols = s->cols;
	s->resize_call = engine_exec_resize(s->e, s->exec_id, s->rows, s->cols, on_resized, s);
}

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
	send_resize(s);
}

void session_tty_size(const struct session *s, int *rows, int *cols)
{
	*rows = s->sent_rows;
	*cols = s->sent_cols;
}

/* ---- inspect ---- */

static void keep_info(struct session *s, const struct exec_info *x)
{
	exec_info_clear(&s->info);
	s->info.id = xstrdup(x->id);
	s->info.container_id = x->container_id ? xstrdup(x->container_id) : NULL;
	s->info.running = x->running;
	s->info.has_exit_code = x->has_exit_code;
	s->info.exit_code = x->exit_code;
	s->info.pid = x->pid;
	s->info.tty = x->tty;
	s->info.privileged = x->privileged;
	s->info.open_stdin = x->open_stdin;
	s->info.user = x->user ? xstrdup(x->user) : NULL;
	s->info.workdir = x->workdir ? xstrdup(x->workdir) : NULL;
	for (size_t i = 0; i < x->cmd.n; i++)
		strv_push(&s->info.cmd, x->cmd.v[i]);
	s->have_info = 1;
}

static void on_info(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct session *s = arg;
	s->info_call = NULL;
	if (err == NULL) {
		keep_info(s, x);
		notify(s, SESSION_CHANGED_INFO);
		/* Right after the start the engine may not know the pid yet. */
		if (x->running && x->pid == 0 && s->info_tries++ < 20)
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
	if (s->exec_id && s->info_call == NULL)
		s->info_call = engine_exec_inspect(s->e, s->exec_id, on_info, s);
}

/* ---- the end ---- */

static void on_final_info(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct session *s = arg;
	s->call = NULL;
	if (err) {
		if (s->have_died_code) {
			s->exit_code = s->died_code;
			set_state(s, SESSION_EXITED);
			return;
		}
		char *m = xasprintf("the session ended; its exit code is unknown: %s", err->message);
		fail(s, m);
		free(m);
		return;
	}
	keep_info(s, x);
	/* The stream can end a moment before the engine records the exit. */
	if ((x->running || !x->has_exit_code) && s->retries++ < 100) {
		loop_timer_start(s->timer, s->retries < 20 ? 10 : 50);
		return;
	}
	if (!x->has_exit_code) {
		fail(s, "the engine reports no exit code for this session");
		return;
	}
	s->exit_code = x->exit_code;
	set_state(s, SESSION_EXITED);
}

static void ask_final(struct session *s)
{
	if (s->call == NULL)
		s->call = engine_exec_inspect(s->e, s->exec_id, on_final_info, s);
}

static void on_timer(void *arg)
{
	struct session *s = arg;
	if (s->state == SESSION_RUNNING && s->stream && !s->stream_done) {
		/* The engine said the process died, but something in the
		 * container still holds the TTY open: end the session. */
		if (s->stop)
			stop_notify_stream_closed(s->stop);
		exec_stream_free(s->stream);
		s->stream = NULL;
		s->stream_done = 1;
	}
	ask_final(s);
}

static void on_stream_closed(const char *error, void *arg)
{
	struct session *s = arg;
	s->stream_done = 1;
	if (s->stop)
		stop_notify_stream_closed(s->stop);
	if (error && s->state != SESSION_RUNNING) {
		/* Never got running: the start itself failed. */
		fail(s, error);
		return;
	}
	if (error) {
		free(s->notice);
		s->notice = xstrdup(error);
	}
	s->retries = 0;
	loop_timer_stop(s->timer);
	ask_final(s);
}

static void on_stream_data(int stream, const char *p, size_t n, void *arg)
{
	struct session *s = arg;
	term_feed(s->term, p, n);
	s->activity = 1;
	notify(s, SESSION_CHANGED_OUTPUT);
}

static void on_started(void *arg)
{
	struct session *s = arg;
	s->sent_rows = s->sent_cols = 0;
	s->state = SESSION_RUNNING;
	s->ran = 1;
	s->info_tries = 0;
	send_resize(s);
	session_refresh_info(s);
	notify(s, SESSION_CHANGED_STATE);
}

static void on_created(const struct engine_error *err, const char *exec_id, void *arg)
{
	struct session *s = arg;
	s->call = NULL;
	if (err) {
		char *m;
		if (err->status == 404)
			m = xasprintf("no such container: %s", s->spec.container_name);
		else if (err->status == 409)
			m = xasprintf("container %s is not running: %s", s->spec.container_name, err->message);
		else
			m = xasprintf("cannot create the exec: %s", err->message);
		fail(s, m);
		free(m);
		return;
	}
	free(s->exec_id);
	s->exec_id = xstrdup(exec_id);
	static const struct exec_stream_cb cb = { on_started, on_stream_data, on_stream_closed };
	s->stream = exec_stream_open(s->e, s->exec_id, 1, s->rows, s->cols, &cb, s);
	exec_stream_set_budget(s->stream, s->budget);
	set_state(s, SESSION_STARTING);
}

static void launch(struct session *s)
{
	struct exec_config cfg;
	memset(&cfg, 0, sizeof cfg);
	if (s->spec.cmd.n == 0) {
		strv_push(&cfg.cmd, "/bin/sh");
		strv_push(&cfg.cmd, "-c");
		strv_push(&cfg.cmd, shell_probe);
	} else
		for (size_t i = 0; i < s->spec.cmd.n; i++)
			strv_push(&cfg.cmd, s->spec.cmd.v[i]);
	strv_push(&cfg.env, "TERM=xterm-256color");
	const char *lang = getenv("LANG");
	if (lang && *lang) {
		char *l = xasprintf("LANG=%s", lang);
		strv_push(&cfg.env, l);
		free(l);
	}
	for (size_t i = 0; i < s->spec.env.n; i++)
		strv_push(&cfg.env, s->spec.env.v[i]);
	cfg.user = s->spec.user;
	cfg.workdir = s->spec.workdir;
	cfg.tty = 1;
	cfg.attach_stdin = cfg.attach_stdout = cfg.attach_stderr = 1;
	cfg.rows = s->rows;
	cfg.cols = s->cols;
	s->retries = 0;
	s->stream_done = 0;
	s->have_died_code = 0;
	s->state = SESSION_CREATING;
	s->call = engine_exec_create(s->e, s->spec.container_id, &cfg, on_created, s);
	strv_clear(&cfg.cmd);
	strv_clear(&cfg.env);
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
	s->timer = loop_timer_new(engine_loop(e), on_timer, s);
	s->info_timer = loop_timer_new(engine_loop(e), on_info_timer, s);
	launch(s);
	return s;
}

static void release(struct session *s)
{
	stop_free(s->stop);
	s->stop = NULL;
	engine_call_cancel(s->call);
	engine_call_cancel(s->info_call);
	engine_call_cancel(s->resize_call);
	s->call = s->info_call = s->resize_call = NULL;
	exec_stream_free(s->stream);
	s->stream = NULL;
	loop_timer_stop(s->timer);
	loop_timer_stop(s->info_timer);
}

void session_free(struct session *s)
{
	if (s == NULL)
		return;
	release(s);
	loop_timer_free(s->timer);
	loop_timer_free(s->info_timer);
	term_free(s->term);
	exec_info_clear(&s->info);
	session_spec_clear(&s->spec);
	free(s->exec_id);
	free(s->cause);
	free(s->command);
	free(s->notice);
	free(s);
}

int session_respawn(struct session *s)
{
	if (s->state != SESSION_EXITED && s->state != SESSION_FAILED)
		return -1;
	release(s);
	free(s->exec_id);
	s->exec_id = NULL;
	free(s->cause);
	s->cause = NULL;
	s->exit_code = -1;
	s->sent_rows = s->sent_cols = 0;
	exec_info_clear(&s->info);
	s->have_info = 0;
	/* A fresh screen: clear it and home the cursor. */
	term_feed(s->term, "\033[0m\033[H\033[2J", 11);
	launch(s);
	notify(s, SESSION_CHANGED_STATE);
	return 0;
}

static void on_stopped(void *arg)
{
	struct session *s = arg;
	if (!stop_succeeded(s->stop)) {
		char *d = stop_describe(s->stop);
		free(s->notice);
		s->notice = d;
		notify(s, SESSION_CHANGED_INFO);
	}
}

void session_stop(struct session *s)
{
	if (s->state != SESSION_RUNNING || s->stop)
		return;
	s->stop = stop_start(s->e, s->spec.container_id, s->exec_id, s->stream, on_stopped, s);
}

void session_rename_container(struct session *s, const char *name)
{
	free(s->spec.container_name);
	s->spec.container_name = xstrdup(name);
}

void session_note_exec_died(struct session *s, int exit_code)
{
	s->died_code = exit_code;
	s->have_died_code = 1;
	session_refresh_info(s);
	if (s->state == SESSION_RUNNING && !loop_timer_pending(s->timer))
		loop_timer_start(s->timer, 1000);
}

void session_key_unichar(struct session *s, uint32_t c, int mods)
{
	term_view_reset(s->term);
	term_key_unichar(s->term, c, mods);
}

void session_key(struct session *s, int key, int mods)
{
	term_view_reset(s->term);
	term_key(s->term, (enum term_key)key, mods);
}

void session_send(struct session *s, const char *p, size_t n)
{
	term_out(p, n, s);
}

void session_set_budget(struct session *s, size_t bytes)
{
	s->budget = bytes;
	if (s->stream)
		exec_stream_set_budget(s->stream, bytes);
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
const char *session_exec_id(const struct session *s) { return s->exec_id; }
const struct session_spec *session_spec(const struct session *s) { return &s->spec; }
const char *session_command(const struct session *s) { return s->command; }
struct term *session_term(const struct session *s) { return s->term; }
const struct exec_info *session_info(const struct session *s) { return s->have_info ? &s->info : NULL; }
int session_ran(const struct session *s) { return s->ran; }
int session_activity(const struct session *s) { return s->activity; }
int session_bell(const struct session *s) { return s->bell; }
unsigned long long session_bytes(const struct session *s) { return s->stream ? exec_stream_bytes(s->stream) : 0; }
const char *session_notice(const struct session *s) { return s->notice; }

void session_clear_flags(struct session *s)
{
	s->activity = 0;
	s->bell = 0;
}
