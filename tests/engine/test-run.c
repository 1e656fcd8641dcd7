/* test-run.c: the one exec run (engine/run.c) against a real engine. Run by
 * tests/engine/run.sh, which starts the containers and passes:
 *
 *   test-run HOST CTR_NAME CTR_ID STOPPED_NAME NOSUCH_NAME
 *
 * CTR runs `sleep 1000000`, STOPPED exited with 3, NOSUCH names nothing.
 * Checks what the run unified or added: the exit code read after the
 * stream ends, the 126/127 mapping, a timeout that really stops the
 * process, detached starts, input typed before the start (bounded),
 * stdin's half-close, the shell probe, and the messages for a container
 * that is missing or not running. Every wait has a deadline
 * (live_run_until), so a fault fails a point instead of hanging. */
#include "config.h"
#include "core/buf.h"
#include "core/loop.h"
#include "core/xmalloc.h"
#include "engine/api.h"
#include "engine/run.h"
#include "live.h"
#include "../tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct loop *L;
static struct engine *E;
static const char *host, *ctr_name, *ctr_id, *stopped_name, *nosuch_name;

/* One run and what its callbacks saw. */
struct probe {
	struct run *run;
	struct buf out, err;
	int done;
	int phases[RUN_DONE + 1];
	int started, detached, has_exit_code, exit_code, process_exit_code;
	int timed_out, stop_asked, stopped, pid;
	char *error, *exec_id, *stop_note;
};

static void on_phase(struct run *r, enum run_phase phase, void *arg)
{
	struct probe *p = arg;
	p->phases[phase]++;
}

static void on_output(struct run *r, int stream, const char *data, size_t n, void *arg)
{
	struct probe *p = arg;
	buf_add(stream == 2 ? &p->err : &p->out, data, n);
}

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

static void on_done(struct run *r, const struct run_result *res, void *arg)
{
	struct probe *p = arg;
	p->done++;
	p->started = res->started;
	p->detached = res->detached;
	p->has_exit_code = res->has_exit_code;
	p->exit_code = res->exit_code;
	p->process_exit_code = res->process_exit_code;
	p->timed_out = res->timed_out;
	p->stop_asked = res->stop_asked;
	p->stopped = res->stopped;
	p->pid = res->info ? res->info->pid : 0;
	p->error = dup_or_null(res->error);
	p->exec_id = dup_or_null(res->exec_id);
	p->stop_note = dup_or_null(res->stop_note);
}

static const struct run_cb probe_cb = { on_phase, on_output, NULL, on_done, NULL };

static int c_done(void *arg) { return ((struct probe *)arg)->done > 0; }

/* Start a run of cmd (NULL-terminated) in container with the spec's other
 * fields from base (may be NULL). */
static void start(struct probe *p, const char *container, const char *const *cmd, const struct run_spec *base)
{
	memset(p, 0, sizeof *p);
	buf_init(&p->out);
	buf_init(&p->err);
	struct run_spec spec;
	if (base)
		spec = *base;
	else
		memset(&spec, 0, sizeof spec);
	spec.container = container;
	struct strv argv = { NULL, 0 };
	for (size_t i = 0; cmd && cmd[i]; i++)
		strv_push(&argv, cmd[i]);
	if (cmd)
		spec.cmd = argv;
	p->run = run_new(E, &spec, &probe_cb, p);
	strv_clear(&argv);
}

static int finish(struct probe *p, int ms)
{
	int r = live_run_until(L, c_done, p, ms);
	if (!r)
		diag("the run did not end within %d ms", ms);
	else if (p->error)
		diag("error: %s", p->error);
	return r;
}

static void probe_clear(struct probe *p)
{
	run_free(p->run);
	buf_free(&p->out);
	buf_free(&p->err);
	free(p->error);
	free(p->exec_id);
	free(p->stop_note);
}

static void test_exit_codes(void)
{
	struct probe p;
	static const char *const exit7[] = { "sh", "-c", "echo out; echo err >&2; exit 7", NULL };
	start(&p, ctr_name, exit7, NULL);
	ok(finish(&p, 15000), "sh -c 'exit 7' ends");
	is_int(p.done, 1, "done runs exactly once");
	ok(p.started && p.has_exit_code, "it started and has an exit code");
	is_int(p.exit_code, 7, "the exit code read after the stream ended is 7");
	is_int(p.process_exit_code, 7, "the engine's ExitCode is 7 too");
	ok(p.error == NULL, "no error");
	is_str(buf_ptr(&p.out), "out\n", "stdout came apart");
	is_str(buf_ptr(&p.err), "err\n", "stderr came apart");
	ok(p.phases[RUN_STARTING] == 1 && p.phases[RUN_RUNNING] == 1 && p.phases[RUN_ENDING] == 1,
	    "the phases came in turn: starting, running, ending");
	ok(run_phase(p.run) == RUN_DONE, "the run is done");
	ok(p.exec_id && run_exec_id(p.run) && strcmp(p.exec_id, run_exec_id(p.run)) == 0, "the exec id is kept");
	ok(run_container_id(p.run) && strcmp(run_container_id(p.run), ctr_id) == 0,
	    "the container's full id came from its inspect");
	is_int(run_write(p.run, "x", 1), 0, "a finished run takes no more input");
	probe_clear(&p);

	/* A TTY run ends the same way. dockerd sizes the TTY by a resize
	 * right after the start: the process waits for it. */
	static const char *const tty5[] = { "sh", "-c",
		"until s=$(stty size 2>/dev/null) && [ -n \"$s\" ] && [ \"$s\" != \"0 0\" ]; do sleep 0.05; done; echo \"$s\"; exit 5",
		NULL };
	struct run_spec tty = { .tty = 1, .attach_stdin = 1, .rows = 17, .cols = 61 };
	start(&p, ctr_name, tty5, &tty);
	ok(finish(&p, 15000) && p.has_exit_code, "a TTY run ends with an exit code");
	is_int(p.exit_code, 5, "its exit code is 5");
	ok(strstr(buf_ptr(&p.out), "17 61") != NULL, "the TTY has the spec's size (%s)", buf_ptr(&p.out));
	int rows, cols;
	run_tty_size(p.run, &rows, &cols);
	ok(rows == 17 && cols == 61, "run_tty_size says what was sent (%dx%d)", cols, rows);
	probe_clear(&p);

	static const char *const nosuch[] = { "porthole-nosuch-cmd", NULL };
	start(&p, ctr_name, nosuch, NULL);
	ok(finish(&p, 15000), "a command that does not exist ends");
	ok(p.has_exit_code, "with an exit code");
	is_int(p.exit_code, RUN_EXIT_NOT_FOUND, "not found maps to 127");
	probe_clear(&p);

	static const char *const notexec[] = { "/etc/passwd", NULL };
	start(&p, ctr_name, notexec, NULL);
	ok(finish(&p, 15000) && p.has_exit_code, "a file that is not executable ends with an exit code");
	is_int(p.exit_code, RUN_EXIT_NOT_EXECUTABLE, "not executable maps to 126");
	probe_clear(&p);

	static const char *const dir[] = { "/tmp", NULL };
	start(&p, ctr_name, dir, NULL);
	ok(finish(&p, 15000) && p.has_exit_code, "a directory as the command ends with an exit code");
	is_int(p.exit_code, RUN_EXIT_NOT_EXECUTABLE, "a directory maps to 126");
	probe_clear(&p);
}

static void test_errors(void)
{
	struct probe p;
	static const char *const t[] = { "true", NULL };
	start(&p, nosuch_name, t, NULL);
	ok(finish(&p, 15000), "a run on a missing container ends");
	ok(!p.started && !p.has_exit_code, "nothing started, no exit code");
	ok(p.error && strstr(p.error, "no such container") && strstr(p.error, nosuch_name),
	    "the error names the missing container (%s)", p.error ? p.error : "none");
	ok(p.exec_id == NULL, "no exec was created");
	probe_clear(&p);

	struct run_spec named = { .display = "the-stopped-one" };
	start(&p, stopped_name, t, &named);
	ok(finish(&p, 15000), "a run on a stopped container ends");
	ok(p.error && strstr(p.error, "the-stopped-one is not running (status exited, exit code 3)"),
	    "the error says its state and exit code under the display name (%s)", p.error ? p.error : "none");
	probe_clear(&p);
}

static void test_timeout(void)
{
	struct probe p;
	static const char *const sleeper[] = { "sleep", "1000", NULL };
	struct run_spec spec = { .timeout_ms = 500 };
	int64_t t0 = loop_now_ms();
	start(&p, ctr_name, sleeper, &spec);
	ok(finish(&p, 20000), "a run with a timeout ends");
	ok(p.timed_out && p.stop_asked, "it timed out and a stop was asked");
	ok(p.stopped, "the stop says the process is gone (%s)", p.stop_note ? p.stop_note : "no note");
	ok(p.stop_note && strstr(p.stop_note, "stopped"), "the note says how");
	ok(loop_now_ms() - t0 >= 500, "not before its timeout");
	if (p.pid > 0) {
		char buf[64];
		ok(live_proc_read(p.pid, "stat", buf, sizeof buf) == 0 || strstr(buf, ") Z") != NULL,
		    "the process (pid %d) is gone from this host", p.pid);
	} else
		ok(p.has_exit_code, "the engine reports the process ended");
	probe_clear(&p);

	/* run_stop() on a run that has not been created yet refuses. */
	start(&p, ctr_name, sleeper, NULL);
	is_int(run_stop(p.run), -1, "run_stop before the exec exists: -1");
	probe_clear(&p);
}

struct exec_wait {
	int done, has_exit_code, exit_code, running;
};

static void on_exec_info(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct exec_wait *w = arg;
	w->done = 1;
	if (err == NULL) {
		w->running = x->running;
		w->has_exit_code = x->has_exit_code;
		w->exit_code = x->exit_code;
	}
}

static int c_exec_done(void *arg) { return ((struct exec_wait *)arg)->done; }

static void test_detached(void)
{
	struct probe p;
	static const char *const later5[] = { "sh", "-c", "sleep 0.5; exit 5", NULL };
	struct run_spec spec = { .detach = 1 };
	start(&p, ctr_name, later5, &spec);
	ok(finish(&p, 15000), "a detached run ends as soon as it started");
	ok(p.started && p.detached && !p.has_exit_code, "started, detached, no exit code yet");
	ok(p.exec_id != NULL, "with the exec id");
	ok(p.phases[RUN_RUNNING] == 0, "a detached run never streams");
	struct exec_wait w = { 0, 0, 0, 1 };
	for (int i = 0; i < 100 && p.exec_id && (w.running || !w.has_exit_code); i++) {
		memset(&w, 0, sizeof w);
		engine_exec_inspect(E, p.exec_id, on_exec_info, &w);
		live_run_until(L, c_exec_done, &w, 5000);
		if (w.running || !w.has_exit_code)
			live_run_for(L, 50);
	}
	ok(w.has_exit_code && w.exit_code == 5, "the detached process ran on its own and exited with 5");
	probe_clear(&p);
}

static void test_input(void)
{
	struct probe p;
	/* Written before the process runs: kept, then sent, then EOF. */
	static const char *const wc[] = { "wc", "-l", NULL };
	struct run_spec in = { .attach_stdin = 1 };
	start(&p, ctr_name, wc, &in);
	is_int(run_write(p.run, "a\nb\nc\n", 6), 6, "input written before the start is taken");
	is_int(run_typeahead(p.run), 6, "and waits for the process");
	run_close_stdin(p.run);
	ok(finish(&p, 15000) && p.has_exit_code && p.exit_code == 0, "wc -l ends once stdin is half-closed");
	ok(strstr(buf_ptr(&p.out), "3") != NULL, "the three typed-ahead lines arrived (%s)", buf_ptr(&p.out));
	probe_clear(&p);

	/* The type-ahead is bounded. */
	start(&p, ctr_name, wc, &in);
	char *big = xmalloc(RUN_TYPEAHEAD_MAX + 100);
	memset(big, '\n', RUN_TYPEAHEAD_MAX + 100);
	is_int(run_write(p.run, big, RUN_TYPEAHEAD_MAX + 100), RUN_TYPEAHEAD_MAX,
	    "at most RUN_TYPEAHEAD_MAX bytes wait for the start");
	is_int(run_write(p.run, "\n", 1), 0, "then no more");
	run_close_stdin(p.run);
	ok(finish(&p, 15000), "the run ends");
	char want[32];
	snprintf(want, sizeof want, "%d", RUN_TYPEAHEAD_MAX);
	ok(strstr(buf_ptr(&p.out), want) != NULL, "all %d waiting bytes were sent (%s)", RUN_TYPEAHEAD_MAX,
	    buf_ptr(&p.out));
	free(big);
	probe_clear(&p);

	/* The shell probe: sh here (no bash), with arguments. */
	struct strv cmd = { NULL, 0 };
	char *args[] = { "one", "two" };
	run_shell_cmd(&cmd, "echo \"$0:$1-$2\"; [ -n \"$BASH_VERSION\" ] && echo bash || echo sh", args, 2);
	struct run_spec sh = { .cmd = cmd };
	start(&p, ctr_name, NULL, &sh);
	ok(finish(&p, 15000) && p.exit_code == 0, "a script through the shell probe runs");
	is_str(buf_ptr(&p.out), "porthole:one-two\nsh\n", "with $0 porthole, its arguments, and sh without bash");
	strv_clear(&cmd);
	probe_clear(&p);
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: test-run HOST CTR_NAME CTR_ID STOPPED_NAME NOSUCH_NAME\n");
		return 2;
	}
	host = argv[1];
	ctr_name = argv[2];
	ctr_id = argv[3];
	stopped_name = argv[4];
	nosuch_name = argv[5];
	L = loop_new();
	char *cause = NULL;
	E = live_engine_new(L, host, &cause);
	if (E == NULL || live_negotiate(L, E, 10000, &cause) != 0) {
		printf("Bail out! no engine at %s: %s\n", host, cause ? cause : "no answer");
		return 1;
	}
	test_exit_codes();
	test_errors();
	test_timeout();
	test_detached();
	test_input();
	engine_free(E);
	loop_free(L);
	return done_testing();
}
