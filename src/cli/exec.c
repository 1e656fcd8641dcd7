/* exec.c: `porthole exec`: run a command in a running container through
 * one exec run (engine/run.h), attached (stdout and stderr kept apart,
 * stdin forwarded with its EOF, or a TTY with the local terminal in raw
 * mode) or detached; the exit status is the process's. A timeout, SIGINT,
 * SIGTERM or SIGHUP stops the process in the container for real and says
 * whether that worked. The command line is read by cli/execopts.c; the JSON
 * is written by engine/json.c. */
#include "config.h"
#include "cli/cli.h"
#include "cli/execopts.h"
#include "engine/json.h"
#include "engine/run.h"
#include "core/buf.h"
#include "core/fatal.h"
#include "core/xmalloc.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define EXIT_TIMEOUT 124
#define EXIT_PORTHOLE 125
/* Stdin is no longer read while this much input waits to be sent, and is
 * read again once less than STDIN_RESUME does. */
#define STDIN_THROTTLE (4u << 20)
#define STDIN_RESUME (1u << 20)
#define STDIN_RECHECK_MS 10

struct xrun {
	struct exec_opts *o;
	struct loop *loop;
	struct run *run;
	int done, rc;
	struct loop_fd *stdin_watch;
	struct loop_timer *drain;   /* re-checks a throttled stdin */
	int64_t t0;
	int interrupted;            /* signal number that asked us to stop, or 0 */
	struct buf jout, jerr;      /* --json: the output kept */
	unsigned long long nout, nerr;
};

/* ---- local terminal ---- */

static struct termios saved_tio;
static volatile int raw_on;

/* Leave raw mode. Async-signal-safe (also the fatal-signal hook). */
static void tty_restore(void)
{
	if (raw_on) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
		raw_on = 0;
	}
}

static void tty_raw(void)
{
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tio) != 0)
		return;
	struct termios t = saved_tio;
	cfmakeraw(&t);
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0) {
		raw_on = 1;
		atexit(tty_restore);
		fatal_on(tty_restore);
	}
}

static void term_size(int *rows, int *cols)
{
	struct winsize ws;
	int fds[3] = { STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO };
	for (int i = 0; i < 3; i++)
		if (ioctl(fds[i], TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
			*rows = ws.ws_row;
			*cols = ws.ws_col;
			return;
		}
	const char *l = getenv("LINES"), *c = getenv("COLUMNS");
	*rows = l && atoi(l) > 0 ? atoi(l) : 24;
	*cols = c && atoi(c) > 0 ? atoi(c) : 80;
}

/* ---- output ---- */


static void keep(struct buf *b, const char *p, size_t n, size_t max)
{
	size_t room = buf_used(b) < max ? max - buf_used(b) : 0;
	buf_add(b, p, n < room ? n : room);
}

static void print_owned(char *s)
{
	puts(s);
	free(s);
}

static void on_output(struct run *run, int stream, const char *p, size_t n, void *arg)
{
	struct xrun *r = arg;
	if (stream == 2)
		r->nerr += n;
	else
		r->nout += n;
	if (r->o->json) {
		keep(stream == 2 ? &r->jerr : &r->jout, p, n, r->o->max_output);
		return;
	}
	if (cli_write_all(stream == 2 ? STDERR_FILENO : STDOUT_FILENO, p, n) != 0 && stream != 2) {
		/* Our stdout is gone (closed pipe): nobody reads on; stop. */
		run_pause(run, 1);
	}
}

/* ---- stdin ---- */

static void stdin_off(struct xrun *r)
{
	if (r->stdin_watch) {
		loop_fd_del(r->stdin_watch);
		r->stdin_watch = NULL;
	}
	loop_timer_stop(r->drain);
}

static void on_stdin(int fd, short revents, void *arg)
{
	struct xrun *r = arg;
	char tmp[65536];
	ssize_t n = read(fd, tmp, sizeof tmp);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		stdin_off(r);
		run_close_stdin(r->run);
		return;
	}
	run_write(r->run, tmp, (size_t)n);
	/* Back-pressure: stop reading while much is queued. */
	if (run_pending(r->run) > STDIN_THROTTLE) {
		loop_fd_set(r->stdin_watch, 0);
		loop_timer_start(r->drain, STDIN_RECHECK_MS);
	}
}

static void on_drain(void *arg)
{
	struct xrun *r = arg;
	if (r->stdin_watch == NULL)
		return;
	if (run_pending(r->run) < STDIN_RESUME)
		loop_fd_set(r->stdin_watch, POLLIN);
	else
		loop_timer_start(r->drain, STDIN_RECHECK_MS);
}

/* ---- the end ---- */

static void finish(struct xrun *r, int rc)
{
	if (r->done)
		return;
	stdin_off(r);
	tty_restore();
	r->rc = rc;
	r->done = 1;
}

/* porthole's own failure: stderr, and with --json the one object. */
static void fail(struct xrun *r, const char *msg)
{
	tty_restore();
	cli_error("%s", msg);
	if (r->o->json)
		print_owned(json_error(msg, EXIT_PORTHOLE));
	finish(r, EXIT_PORTHOLE);
}

static void report(struct xrun *r, const struct run_result *res)
{
	int rc = res->has_exit_code ? res->exit_code : EXIT_PORTHOLE;
	int stopped_by_us = res->timed_out || r->interrupted;
	tty_restore();
	if (stopped_by_us) {
		if (res->timed_out)
			cli_error("timed out after %.3g s; %s", (double)r->o->timeout_ms / 1000.0, res->stop_note);
		else
			cli_error("interrupted by signal %d; %s", r->interrupted, res->stop_note);
		rc = res->timed_out ? EXIT_TIMEOUT : 128 + r->interrupted;
	} else if (res->error) {
		/* The output may be cut short: never pass that off as success. */
		if (res->has_exit_code)
			cli_error("%s; output may be incomplete (the process exited with %d)",
			    res->error, res->process_exit_code);
		else
			cli_error("%s", res->error);
		rc = EXIT_PORTHOLE;
	}
	if (r->o->json) {
		struct json_exec j = {
			.out = buf_ptr(&r->jout), .out_len = buf_used(&r->jout),
			.err = buf_ptr(&r->jerr), .err_len = buf_used(&r->jerr),
			.out_bytes = r->nout, .err_bytes = r->nerr,
			.has_exit_code = res->has_exit_code || stopped_by_us, .exit_code = rc,
			.has_process_exit_code = res->has_exit_code, .process_exit_code = res->process_exit_code,
			.timed_out = res->timed_out,
			.stop_asked = stopped_by_us, .stopped = res->stopped,
			.duration_ms = loop_now_ms() - r->t0,
			.exec_id = res->exec_id, .error = res->error,
		};
		print_owned(json_exec_result(&j));
	}
	finish(r, rc);
}

static void on_done(struct run *run, const struct run_result *res, void *arg)
{
	struct xrun *r = arg;
	if (!res->started)
		fail(r, res->error ? res->error : "the exec did not start");
	else if (res->detached) {
		print_owned(r->o->json ? json_exec_id(res->exec_id) : xstrdup(res->exec_id));
		finish(r, 0);
	} else
		report(r, res);
	run_free(run);
	r->run = NULL;
}

static void on_phase(struct run *run, enum run_phase phase, void *arg)
{
	struct xrun *r = arg;
	if (phase == RUN_RUNNING && r->o->interactive)
		r->stdin_watch = loop_fd_add(r->loop, STDIN_FILENO, POLLIN, on_stdin, r);
	else if (phase == RUN_STARTING && r->o->tty && r->o->interactive && !r->o->detach)
		tty_raw();
	else if (phase == RUN_ENDING)
		stdin_off(r);
}

static void on_signal(int sig, void *arg)
{
	struct xrun *r = arg;
	if (r->run == NULL)
		return;
	if (sig == SIGWINCH) {
		if (r->o->tty) {
			int rows, cols;
			term_size(&rows, &cols);
			run_resize(r->run, rows, cols);
		}
		return;
	}
	stdin_off(r);
	if (run_stop(r->run) != 0) {
		/* Nothing runs yet (or any more) to stop: just go. */
		finish(r, 128 + sig);
		return;
	}
	if (!r->interrupted)
		r->interrupted = sig;
}

static void start(struct engine *e, void *arg)
{
	struct xrun *r = arg;
	r->loop = engine_loop(e);
	signal(SIGPIPE, SIG_IGN);
	r->drain = loop_timer_new(r->loop, on_drain, r);
	loop_signal(r->loop, SIGINT, on_signal, r);
	loop_signal(r->loop, SIGTERM, on_signal, r);
	loop_signal(r->loop, SIGHUP, on_signal, r);
	loop_signal(r->loop, SIGWINCH, on_signal, r);
	struct run_spec spec = {
		.container = r->o->container,
		.cmd = r->o->cmd, .env = r->o->env,
		.user = r->o->user, .workdir = r->o->workdir,
		.tty = r->o->tty, .privileged = r->o->privileged,
		.attach_stdin = r->o->interactive, .detach = r->o->detach,
		.timeout_ms = r->o->timeout_ms,
	};
	if (r->o->tty)
		term_size(&spec.rows, &spec.cols);
	static const struct run_cb cb = { on_phase, on_output, NULL, on_done, NULL };
	r->run = run_new(e, &spec, &cb, r);
}

static void end(void *arg)
{
	struct xrun *r = arg;
	stdin_off(r);
	run_free(r->run);
	r->run = NULL;
	loop_timer_free(r->drain);
	r->drain = NULL;
}

int cmd_exec(const struct cli_global *g, int argc, char **argv)
{
	struct exec_opts o;
	int p = exec_opts_parse(&o, argc, argv);
	if (p != 0) {
		exec_opts_clear(&o);
		return p > 0 ? 0 : EXIT_PORTHOLE;
	}
	struct xrun r;
	memset(&r, 0, sizeof r);
	r.o = &o;
	r.rc = EXIT_PORTHOLE;
	r.t0 = loop_now_ms();
	buf_init(&r.jout);
	buf_init(&r.jerr);
	char *cause = NULL;
	struct cli_global one;
	if (cli_pick_engine(g, o.container, &one, &o.container) != 0) {
		exec_opts_clear(&o);
		return EXIT_PORTHOLE;
	}
	if (cli_with_engine(&one, start, end, &r, &r.done, &cause) != 0 && o.json)
		print_owned(json_error(cause, EXIT_PORTHOLE));
	free(cause);
	tty_restore();
	buf_free(&r.jout);
	buf_free(&r.jerr);
	exec_opts_clear(&o);
	fflush(stdout);
	return r.rc;
}
