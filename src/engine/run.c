/* run.c: the exec run of run.h. One state machine from the container
 * inspect to the exit code, driven by engine callbacks (inspect, create,
 * start, exec inspect, resize), the exec stream's callbacks, its timers
 * (timeout, exit-code retries, the died grace) and the stop procedure.
 * Called by cli/exec.c and session/session.c. */
#include "config.h"
#include "engine/run.h"
#include "engine/execstream.h"
#include "engine/stop.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

/* Output kept to tell why the runtime could not start a command. */
#define ERRTEXT_MAX 4096

struct run {
	struct engine *e;
	struct run_cb cb;
	void *arg;
	char *container, *display;
	struct strv cmd, env;
	char *user, *workdir;
	int tty, privileged, attach_stdin, detach;
	long long timeout_ms;

	enum run_phase phase;
	char *ctr_id, *exec_id;
	struct engine_call *call;        /* inspect, create, detached start, exec inspect */
	struct engine_call *resize_call;
	struct exec_stream *stream;
	struct stop *stop;
	struct loop_timer *deadline, *retry, *grace;
	int tries, max_tries;
	int started, stream_closed, timed_out, stop_asked;
	int stdin_close_wanted;
	struct buf typeahead;
	struct buf errtext;
	char *error;
	int rows, cols, sent_rows, sent_cols, resize_again;
	int have_died, died_code;
	struct exec_info info;
	int have_info, have_exit, exit_code;
	unsigned long long bytes;
	unsigned long long grace_bytes;  /* bytes when the died grace started */
	int paused;
	int rest_ms;
};

static void set_phase(struct run *r, enum run_phase p)
{
	r->phase = p;
	if (r->cb.phase)
		r->cb.phase(r, p, r->arg);
}

/* The runtime reports a command it could not start in the stream, with an
 * exit code of its own (126, or 127, or another). */
static int mapped_exit(const struct run *r)
{
	int rc = r->exit_code;
	const char *txt = buf_ptr(&r->errtext);
	if (rc == RUN_EXIT_NOT_EXECUTABLE || rc == RUN_EXIT_NOT_FOUND || strstr(txt, "OCI runtime exec failed")) {
		if (strstr(txt, "executable file not found") || strstr(txt, "no such file or directory"))
			rc = RUN_EXIT_NOT_FOUND;
		else if (strstr(txt, "permission denied") || strstr(txt, "is a directory"))
			rc = RUN_EXIT_NOT_EXECUTABLE;
	}
	return rc;
}

static void finish(struct run *r, int detached)
{
	if (r->phase == RUN_DONE)
		return;
	loop_timer_stop(r->deadline);
	loop_timer_stop(r->retry);
	loop_timer_stop(r->grace);
	struct run_result res;
	memset(&res, 0, sizeof res);
	res.exec_id = r->exec_id;
	res.started = r->started;
	res.detached = detached;
	res.has_exit_code = r->have_exit;
	if (r->have_exit) {
		res.process_exit_code = r->exit_code;
		res.exit_code = mapped_exit(r);
	}
	res.error = r->error;
	res.timed_out = r->timed_out;
	res.stop_asked = r->stop_asked;
	res.stopped = stop_succeeded(r->stop);
	char *note = r->stop_asked ? stop_describe(r->stop) : NULL;
	res.stop_note = note;
	res.info = r->have_info ? &r->info : NULL;
	r->phase = RUN_DONE;
	/* done() may free r: nothing of r is touched after it. */
	r->cb.done(r, &res, r->arg);
	free(note);
}

static void fail(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct run *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = str_inert_vprintf(fmt, ap); /* fmt's arguments may be r->error */
	va_end(ap);
	free(r->error);
	r->error = m;
	finish(r, 0);
}

/* ---- the exit code ---- */


static void on_exit_info(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct run *r = arg;
	r->call = NULL;
	if (err) {
		if (r->have_died && r->died_code >= 0) {
			r->have_exit = 1;
			r->exit_code = r->died_code;
		} else if (r->error == NULL)
			r->error = xasprintf("cannot read the exit code: %s", err->message);
		finish(r, 0);
		return;
	}
	exec_info_copy(&r->info, x);
	r->have_info = 1;
	if ((x->running || !x->has_exit_code) && r->tries++ < r->max_tries) {
		loop_timer_start(r->retry, r->tries < RUN_EXIT_FAST_TRIES ? RUN_EXIT_FAST_MS : RUN_EXIT_SLOW_MS);
		return;
	}
	if (x->has_exit_code) {
		r->have_exit = 1;
		r->exit_code = x->exit_code;
	} else if (r->have_died && r->died_code >= 0) {
		r->have_exit = 1;
		r->exit_code = r->died_code;
	} else if (r->error == NULL)
		r->error = xstrdup(x->running ? "the process is still running; its exit code is unknown" :
		    "the engine reports no exit code for the process");
	finish(r, 0);
}

static void on_retry(void *arg)
{
	struct run *r = arg;
	if (r->call == NULL)
		r->call = engine_exec_inspect(r->e, r->exec_id, on_exit_info, r);
}

static void after_stream(struct run *r)
{
	if (r->stop && !stop_finished(r->stop))
		return; /* the stop's end calls again */
	if (r->phase != RUN_ENDING)
		set_phase(r, RUN_ENDING);
	r->tries = 0;
	on_retry(r);
}

static void end_stream(struct run *r)
{
	if (r->stop)
		stop_notify_stream_closed(r->stop);
	exec_stream_free(r->stream);
	r->stream = NULL;
	r->stream_closed = 1;
}

/* ---- the stream ---- */

static void send_resize(struct run *r);

static void on_started(void *arg)
{
	struct run *r = arg;
	r->started = 1;
	set_phase(r, RUN_RUNNING);
	if (buf_used(&r->typeahead)) {
		exec_stream_write(r->stream, buf_ptr(&r->typeahead), buf_used(&r->typeahead));
		buf_reset(&r->typeahead);
	}
	if (r->stdin_close_wanted)
		exec_stream_close_stdin(r->stream);
	r->sent_rows = r->sent_cols = 0;
	send_resize(r);
}

static void on_data(int stream, const char *p, size_t n, void *arg)
{
	struct run *r = arg;
	r->bytes += n;
	if (buf_used(&r->errtext) < ERRTEXT_MAX)
		buf_add(&r->errtext, p, n < ERRTEXT_MAX - buf_used(&r->errtext) ? n : ERRTEXT_MAX - buf_used(&r->errtext));
	if (r->cb.output)
		r->cb.output(r, stream, p, n, r->arg);
}

static void on_closed(const char *error, void *arg)
{
	struct run *r = arg;
	r->stream_closed = 1;
	loop_timer_stop(r->deadline);
	loop_timer_stop(r->grace);
	if (r->stop)
		stop_notify_stream_closed(r->stop);
	if (error && !r->started) {
		/* Never got running: the start itself failed. */
		fail(r, "%s", error);
		return;
	}
	if (error && r->error == NULL)
		r->error = str_inert(error);
	after_stream(r);
}

static void on_stop_done(void *arg)
{
	struct run *r = arg;
	/* Stopped (or given up) while something in the container may still
	 * hold the stream open: close it here. */
	if (!r->stream_closed)
		end_stream(r);
	/* A process that could not be stopped still runs: ask once. */
	if (!stop_succeeded(r->stop))
		r->max_tries = 0;
	after_stream(r);
}

static void on_deadline(void *arg)
{
	struct run *r = arg;
	r->timed_out = 1;
	run_stop(r);
}

static void on_grace(void *arg)
{
	struct run *r = arg;
	if (r->stream_closed || r->phase == RUN_DONE)
		return;
	/* Output still coming, or held back by our reader: the stream is
	 * not stuck, only behind; wait again. */
	if (r->paused || r->bytes != r->grace_bytes) {
		r->grace_bytes = r->bytes;
		loop_timer_start(r->grace, RUN_DIED_GRACE_MS);
		return;
	}
	end_stream(r);
	after_stream(r);
}

static void on_detached(const struct engine_error *err, void *arg)
{
	struct run *r = arg;
	r->call = NULL;
	if (err) {
		fail(r, "cannot start the exec: %s", err->message);
		return;
	}
	r->started = 1;
	finish(r, 1);
}

static void on_created(const struct engine_error *err, const char *exec_id, void *arg)
{
	struct run *r = arg;
	r->call = NULL;
	if (err) {
		if (err->status == 404)
			fail(r, "no such container: %s", r->display);
		else if (err->status == 409)
			fail(r, "container %s is not running: %s", r->display, err->message);
		else
			fail(r, "cannot create the exec: %s", err->message);
		return;
	}
	r->exec_id = xstrdup(exec_id);
	set_phase(r, RUN_STARTING);
	if (r->detach) {
		r->call = engine_exec_start_detached(r->e, r->exec_id, r->tty, on_detached, r);
		return;
	}
	static const struct exec_stream_cb cb = { on_started, on_data, on_closed };
	r->stream = exec_stream_open(r->e, r->exec_id, r->tty, r->tty ? r->rows : 0, r->tty ? r->cols : 0, &cb, r);
	if (r->stream && r->rest_ms)
		exec_stream_set_rest(r->stream, r->rest_ms);
	if (r->timeout_ms > 0)
		loop_timer_start(r->deadline, r->timeout_ms);
}

static void on_container(const struct engine_error *err, const struct container_info *c, void *arg)
{
	struct run *r = arg;
	r->call = NULL;
	if (err) {
		if (err->status == 404)
			fail(r, "no such container: %s", r->display);
		else
			fail(r, "%s", err->message);
		return;
	}
	if (c->paused) {
		fail(r, "container %s is paused", r->display);
		return;
	}
	if (c->restarting) {
		fail(r, "container %s is restarting", r->display);
		return;
	}
	if (!c->running) {
		fail(r, "container %s is not running (status %s, exit code %d)", r->display, c->status, c->exit_code);
		return;
	}
	r->ctr_id = xstrdup(c->id);
	struct exec_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.cmd = r->cmd;
	cfg.env = r->env;
	cfg.user = r->user;
	cfg.workdir = r->workdir;
	cfg.tty = r->tty;
	cfg.privileged = r->privileged;
	cfg.attach_stdin = r->attach_stdin && !r->detach;
	cfg.attach_stdout = cfg.attach_stderr = !r->detach;
	if (r->tty) {
		cfg.rows = r->rows;
		cfg.cols = r->cols;
	}
	r->call = engine_exec_create(r->e, r->ctr_id, &cfg, on_created, r);
}

/* ---- life ---- */

struct run *run_new(struct engine *e, const struct run_spec *spec, const struct run_cb *cb, void *arg)
{
	struct run *r = xcalloc(1, sizeof *r);
	struct loop *loop = engine_loop(e);
	r->e = e;
	r->cb = *cb;
	r->arg = arg;
	r->container = xstrdup(spec->container);
	r->display = str_inert(spec->display && *spec->display ? spec->display : spec->container);
	strv_copy(&r->cmd, &spec->cmd);
	strv_copy(&r->env, &spec->env);
	r->user = spec->user && *spec->user ? xstrdup(spec->user) : NULL;
	r->workdir = spec->workdir && *spec->workdir ? xstrdup(spec->workdir) : NULL;
	r->tty = spec->tty;
	r->privileged = spec->privileged;
	r->attach_stdin = spec->attach_stdin;
	r->detach = spec->detach;
	r->timeout_ms = spec->timeout_ms;
	r->rows = spec->rows;
	r->cols = spec->cols;
	r->max_tries = RUN_EXIT_TRIES;
	r->died_code = -1;
	buf_init(&r->typeahead);
	buf_init(&r->errtext);
	r->deadline = loop_timer_new(loop, on_deadline, r);
	r->retry = loop_timer_new(loop, on_retry, r);
	r->grace = loop_timer_new(loop, on_grace, r);
	r->phase = RUN_PREPARING;
	r->call = engine_container_inspect(e, r->container, on_container, r);
	return r;
}

void run_free(struct run *r)
{
	if (r == NULL)
		return;
	engine_call_cancel(r->call);
	engine_call_cancel(r->resize_call);
	stop_free(r->stop);
	exec_stream_free(r->stream);
	loop_timer_free(r->deadline);
	loop_timer_free(r->retry);
	loop_timer_free(r->grace);
	free(r->container);
	free(r->display);
	strv_clear(&r->cmd);
	strv_clear(&r->env);
	free(r->user);
	free(r->workdir);
	free(r->ctr_id);
	free(r->exec_id);
	buf_free(&r->typeahead);
	buf_free(&r->errtext);
	free(r->error);
	exec_info_clear(&r->info);
	free(r);
}

enum run_phase run_phase(const struct run *r) { return r->phase; }
const char *run_exec_id(const struct run *r) { return r->exec_id; }
const char *run_container_id(const struct run *r) { return r->ctr_id; }
unsigned long long run_output_bytes(const struct run *r) { return r->bytes; }

/* ---- input ---- */

size_t run_write(struct run *r, const void *p, size_t n)
{
	if (r->phase == RUN_DONE || r->stream_closed || r->stop || r->detach)
		return 0;
	if (r->phase == RUN_RUNNING) {
		exec_stream_write(r->stream, p, n);
		return n;
	}
	size_t room = RUN_TYPEAHEAD_MAX - buf_used(&r->typeahead);
	if (n > room)
		n = room;
	buf_add(&r->typeahead, p, n);
	return n;
}

size_t run_pending(const struct run *r)
{
	return buf_used(&r->typeahead) + (r->stream ? exec_stream_pending(r->stream) : 0);
}

size_t run_typeahead(const struct run *r) { return buf_used(&r->typeahead); }

void run_close_stdin(struct run *r)
{
	if (r->tty || r->stdin_close_wanted)
		return;
	r->stdin_close_wanted = 1;
	if (r->phase == RUN_RUNNING && r->stream && !r->stream_closed)
		exec_stream_close_stdin(r->stream);
}

void run_pause(struct run *r, int paused)
{
	r->paused = paused;
	if (r->stream)
		exec_stream_pause(r->stream, paused);
}

void run_set_rest(struct run *r, int ms)
{
	r->rest_ms = ms;
	if (r->stream)
		exec_stream_set_rest(r->stream, ms);
}

/* ---- size ---- */

static void on_resized(const struct engine_error *err, void *arg)
{
	struct run *r = arg;
	r->resize_call = NULL;
	if (!err && r->cb.resized)
		r->cb.resized(r, r->sent_rows, r->sent_cols, r->arg);
	if (err && r->cb.notice) {
		char *m = xasprintf("resize failed: %s", err->message);
		r->cb.notice(r, m, r->arg);
		free(m);
	}
	if (r->resize_again) {
		r->resize_again = 0;
		send_resize(r);
	}
}

static void send_resize(struct run *r)
{
	if (!r->tty || r->phase != RUN_RUNNING || r->rows < 1 || r->cols < 1)
		return;
	if (r->resize_call) {
		r->resize_again = 1;
		return;
	}
	if (r->sent_rows == r->rows && r->sent_cols == r->cols)
		return;
	r->sent_rows = r->rows;
	r->sent_cols = r->cols;
	r->resize_call = engine_exec_resize(r->e, r->exec_id, r->rows, r->cols, on_resized, r);
}

void run_resize(struct run *r, int rows, int cols)
{
	r->rows = rows;
	r->cols = cols;
	send_resize(r);
}

void run_tty_size(const struct run *r, int *rows, int *cols)
{
	*rows = r->sent_rows;
	*cols = r->sent_cols;
}

int run_resize_pending(const struct run *r)
{
	return r->resize_call != NULL || r->resize_again ||
	    (r->tty && r->phase == RUN_RUNNING && (r->sent_rows != r->rows || r->sent_cols != r->cols));
}

/* ---- stopping ---- */

int run_stop(struct run *r)
{
	if (r->stop)
		return 0;
	if (r->exec_id == NULL || r->stream_closed || r->detach || r->phase == RUN_DONE)
		return -1;
	r->stop_asked = 1;
	loop_timer_stop(r->deadline);
	buf_reset(&r->typeahead);
	r->stop = stop_start(r->e, r->ctr_id, r->exec_id, r->tty ? r->stream : NULL, on_stop_done, r);
	return 0;
}

void run_note_died(struct run *r, int exit_code)
{
	r->have_died = 1;
	r->died_code = exit_code;
	if (r->stream && !r->stream_closed && !loop_timer_pending(r->grace)) {
		r->grace_bytes = r->bytes;
		loop_timer_start(r->grace, RUN_DIED_GRACE_MS);
	}
}

/* ---- the shell ---- */

/* Run with `sh -c PROBE sh ARGS...`: "$@" passes ARGS on to bash or sh. */
static const char shell_probe[] =
    "if command -v bash >/dev/null 2>&1; then exec bash \"$@\"; else exec sh \"$@\"; fi";

void run_shell_cmd(struct strv *cmd, const char *script, char *const *args, size_t nargs)
{
	strv_push(cmd, "/bin/sh");
	strv_push(cmd, "-c");
	strv_push(cmd, shell_probe);
	strv_push(cmd, "sh");
	if (script == NULL)
		return;
	strv_push(cmd, "-c");
	strv_push(cmd, script);
	strv_push(cmd, "porthole");
	for (size_t i = 0; i < nargs; i++)
		strv_push(cmd, args[i]);
}
