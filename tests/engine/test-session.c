/* test-session.c: exec sessions (session/session.c) and the console model
 * (session/app.c) against a real engine. Run by tests/engine/session.sh,
 * which starts the containers and passes:
 *
 *   test-session HOST A_NAME A_ID B_NAME B_ID STOPPED_NAME NEW_NAME NOSUCH_NAME
 *
 * A and B run `sleep 1000000`, STOPPED has been stopped, NEW_NAME is free for
 * this program to run, kill and remove, and NOSUCH_NAME names no container.
 *
 * Everything runs from one loop: live_run_until() (live.h) turns the loop
 * until a condition holds or a deadline passes, and a deadline fails the
 * test point instead of waiting forever. The screen is read back through
 * the terminal model; the process table is read from /proc and `docker top`. */
#include "config.h"
#include "core/loop.h"
#include "core/xmalloc.h"
#include "engine/api.h"
#include "session/app.h"
#include "session/session.h"
#include "session/term.h"
#include "live.h"
#include "../tap.h"
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct loop *L;
static struct engine *E;
static const char *host, *a_name, *a_id, *b_name, *b_id, *stopped_name, *new_name, *nosuch_name;

/* ---- screens ---- */

static void dump_screen(const char *what, const struct term *t)
{
	int rows, cols;
	term_size(t, &rows, &cols);
	diag("%s (%dx%d, %d scrollback lines):", what, rows, cols, term_scrollback_lines(t));
	for (int r = -term_scrollback_lines(t); r < rows; r++) {
		char *x = term_row_text(t, r);
		if (x && *x)
			diag("  %3d|%s", r, x);
		free(x);
	}
}

struct want_text {
	const struct session *s;
	const char *text;
	int exact;
};

static int c_text(void *arg)
{
	const struct want_text *w = arg;
	return live_screen_has(session_term(w->s), w->text, w->exact, 0);
}

static int c_not_blank(void *arg)
{
	return !live_screen_blank(session_term(arg));
}

/* Wait for a row that is exactly (or contains) text; dump the screen when
 * it does not come. */
static int wait_text(struct session *s, const char *text, int exact, int ms)
{
	struct want_text w = { s, text, exact };
	int r = live_run_until(L, c_text, &w, ms);
	if (!r)
		dump_screen("screen", session_term(s));
	return r;
}

static void type(struct session *s, const char *text)
{
	session_send(s, text, strlen(text));
}

/* The first output row with prefix, what follows it copied to out; 0 if
 * none. Not the command line that typed it (it says echo), and not only at
 * the start of a row: the shell may answer a cursor query on SIGWINCH and
 * the reply can land on the same row as the output. */
static int screen_row_after(const struct term *t, const char *prefix, char *out, size_t size)
{
	int rows, cols;
	term_size(t, &rows, &cols);
	for (int r = -term_scrollback_lines(t); r < rows; r++) {
		char *x = term_row_text(t, r);
		char *at = x && !strstr(x, "echo ") ? strstr(x, prefix) : NULL;
		int hit = at != NULL;
		if (hit)
			snprintf(out, size, "%s", at + strlen(prefix));
		free(x);
		if (hit)
			return 1;
	}
	return 0;
}

struct want_row {
	const struct session *s;
	char prefix[32];
	char rest[128];
};

static int c_row(void *arg)
{
	struct want_row *w = arg;
	return screen_row_after(session_term(w->s), w->prefix, w->rest, sizeof w->rest);
}

/* Ask the shell in s for `stty size` until it answers want ("ROWS COLS")
 * within ms. Engines before API 1.42 take no size with the exec, so a TTY
 * has none (stty fails) until the resize the session sends right after the
 * start lands, and after a resize the old size may still answer for a
 * moment: both are asked again. Any other size is a failure at once. */
static int stty_size_is(struct session *s, const char *want, const char *old, int ms)
{
	static int serial;
	int64_t end = loop_now_ms() + ms;
	int tries = 0;
	char last[128] = "(no answer)";
	while (loop_now_ms() < end) {
		struct want_row w;
		w.s = s;
		snprintf(w.prefix, sizeof w.prefix, "SZ%d=", ++serial);
		char *cmd = xasprintf("echo %s$(stty size 2>&1)\r", w.prefix);
		type(s, cmd);
		free(cmd);
		tries++;
		int64_t left = end - loop_now_ms();
		if (!live_run_until(L, c_row, &w, left > 0 ? (int)left : 0))
			break;
		snprintf(last, sizeof last, "%s", w.rest);
		if (strcmp(w.rest, want) == 0) {
			if (tries > 1)
				diag("stty size gave %s at try %d", want, tries);
			return 1;
		}
		int rows, cols;
		if (sscanf(w.rest, "%d %d", &rows, &cols) == 2 && (old == NULL || strcmp(w.rest, old) != 0)) {
			diag("stty size gave \"%s\", want \"%s\"", w.rest, want);
			return 0;
		}
		live_run_for(L, 50);
	}
	diag("stty size never gave %s in %d tries; last answer \"%s\"", want, tries, last);
	dump_screen("screen", session_term(s));
	return 0;
}

/* ---- session states ---- */

static int c_settled(void *arg)
{
	enum session_state st = session_state(arg);
	return st != SESSION_CREATING && st != SESSION_STARTING;
}

static int wait_running(struct session *s, int ms)
{
	live_run_until(L, c_settled, s, ms);
	if (session_state(s) != SESSION_RUNNING)
		diag("state %s, cause %s", session_state_name(session_state(s)),
		    session_cause(s) ? session_cause(s) : "(none)");
	return session_state(s) == SESSION_RUNNING;
}

static void describe_end(struct session *s)
{
	diag("state %s, exit code %d, cause %s", session_state_name(session_state(s)),
	    session_exit_code(s), session_cause(s) ? session_cause(s) : "(none)");
}

struct counts {
	int calls, output, state, info;
};

static void on_session_changed(struct session *s, int what, void *arg)
{
	struct counts *c = arg;
	(void)s;
	c->calls++;
	c->output += !!(what & SESSION_CHANGED_OUTPUT);
	c->state += !!(what & SESSION_CHANGED_STATE);
	c->info += !!(what & SESSION_CHANGED_INFO);
}

static struct session *open_session(const char *ctr, const char *const *cmd, int rows, int cols,
    struct counts *c)
{
	struct session_spec spec;
	live_spec(&spec, ctr, NULL, cmd);
	struct session *s = session_new(E, &spec, rows, cols, on_session_changed, c);
	strv_clear(&spec.cmd);
	return s;
}

/* ---- processes ---- */

/* A process as seen from the host: its command line (spaces for NULs) and
 * start time, both empty/0 when it is gone or a zombie. */
struct proc_id {
	int pid;
	unsigned long long start;
	char cmdline[256];
};

static void proc_read(int pid, struct proc_id *p)
{
	memset(p, 0, sizeof *p);
	p->pid = pid;
	p->start = live_proc_start(pid);
	if (p->start == 0)
		return;
	size_t n = live_proc_read(pid, "cmdline", p->cmdline, sizeof p->cmdline);
	for (size_t i = 0; i + 1 < n; i++)
		if (p->cmdline[i] == '\0')
			p->cmdline[i] = ' ';
}

/* The process is gone (no such pid, a zombie, or the pid was reused). */
static int c_info_running(void *arg)
{
	const struct exec_info *x = session_info(arg);
	return x != NULL && x->running && x->pid > 0;
}

static int c_proc_gone(void *arg)
{
	const struct proc_id *was = arg;
	return !live_proc_alive(was->pid, was->start);
}

struct proc_wait {
	struct session *s;
	const char *cmdline;
	struct proc_id p;
};

/* The session's exec process (exec inspect's Pid) runs cmdline: runc
 * starts it as "runc init" and a shell execs itself once more. */
static int c_proc_is(void *arg)
{
	struct proc_wait *w = arg;
	if (!live_have_pid(w->s))
		return 0;
	proc_read(session_info(w->s)->pid, &w->p);
	return strcmp(w->p.cmdline, w->cmdline) == 0;
}

static int wait_proc(struct session *s, const char *cmdline, struct proc_id *out)
{
	struct proc_wait w = { s, cmdline, { 0, 0, "" } };
	int r = live_run_until(L, c_proc_is, &w, 5000);
	*out = w.p;
	if (!r)
		diag("pid %d runs \"%s\", not \"%s\"", w.p.pid, w.p.cmdline, cmdline);
	return r && out->start != 0;
}

/* Does `docker top CTR` list a process whose command line holds text? */
static int top_has(const char *ctr, const char *text)
{
	char cmd[512], line[1024];
	snprintf(cmd, sizeof cmd, "docker -H '%s' top '%s' -o pid,args 2>&1", host, ctr);
	FILE *p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	int hit = 0;
	while (fgets(line, sizeof line, p))
		if (strstr(line, text))
			hit = 1;
	pclose(p);
	return hit;
}

static int docker(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int docker(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *args = xvasprintf(fmt, ap);
	va_end(ap);
	char *cmd = xasprintf("docker -H '%s' %s >/dev/null 2>&1", host, args);
	int r = system(cmd);
	free(cmd);
	free(args);
	return r;
}

/* ---- the engine ---- */

static int connect_engine(void)
{
	char *cause = NULL;
	E = live_engine_new(L, host, &cause);
	if (E == NULL) {
		ok(0, "endpoint %s parses: %s", host, cause);
		free(cause);
		return -1;
	}
	int r = live_negotiate(L, E, 10000, &cause);
	ok(r == 0, "the engine at %s answers (API %s)", host, engine_api_version(E));
	if (cause)
		diag("%s", cause);
	free(cause);
	return r;
}

/* ---- sessions ---- */

static void test_shell_session(void)
{
	struct counts c = { 0, 0, 0, 0 };
	struct session *s = open_session(a_name, NULL, 23, 77, &c);
	ok(session_state(s) == SESSION_CREATING, "a new session is creating");
	ok(strcmp(session_command(s), "shell") == 0, "its command reads \"shell\"");
	ok(wait_running(s, 10000), "a shell session on a running container reaches RUNNING");
	ok(live_run_until(L, c_not_blank, s, 5000), "the shell writes its banner and prompt");
	ok(c.state >= 2, "changed() was told of the state changes (%d)", c.state);
	/* The panel's exec inspect comes by itself (no refresh asked here):
	 * running, with a pid, even when the engine's first answer did not
	 * say so yet. */
	ok(live_run_until(L, c_info_running, s, 5000), "the exec inspect says running with a pid");

	type(s, "echo hi-$((6*7))\r");
	ok(wait_text(s, "hi-42", 1, 5000), "typing echo hi-$((6*7)) shows hi-42");
	ok(c.output > 0, "changed() was told of output (%d)", c.output);
	type(s, "seq 1001 1040\r");
	ok(wait_text(s, "1040", 1, 5000), "seq 1001 1040 scrolls the screen");
	ok(live_screen_has(session_term(s), "hi-42", 1, LIVE_SCROLLBACK_ALL) &&
	    !live_screen_has(session_term(s), "hi-42", 1, 0), "hi-42 went to the scrollback");

	ok(stty_size_is(s, "23 77", NULL, 5000), "stty size shows the size given at creation, 23 77");
	int r, k;
	session_tty_size(s, &r, &k);
	ok(r == 23 && k == 77, "session_tty_size says 23x77 (got %dx%d)", r, k);

	/* The same through the key functions. */
	const char *word = "echo k'ey'z";
	for (const char *p = word; *p; p++)
		session_key_unichar(s, (unsigned char)*p, 0);
	session_key(s, TERM_KEY_ENTER, 0);
	ok(wait_text(s, "keyz", 1, 5000), "keys typed one by one, then Enter, run a command");

	session_resize(s, 20, 70);
	term_size(session_term(s), &r, &k);
	ok(r == 20 && k == 70, "session_resize resizes the terminal model to 20x70 (got %dx%d)", r, k);
	ok(stty_size_is(s, "20 70", "23 77", 5000), "after session_resize(20, 70) stty size shows 20 70");
	session_tty_size(s, &r, &k);
	ok(r == 20 && k == 70, "session_tty_size reports 20x70 (got %dx%d)", r, k);
	ok(session_notice(s) == NULL, "no notice (resize did not fail): %s",
	    session_notice(s) ? session_notice(s) : "none");

	char *old_id = xstrdup(session_exec_id(s) ? session_exec_id(s) : "");
	type(s, "exit 7\r");
	live_run_until(L, live_ended, s, 5000);
	ok(session_state(s) == SESSION_EXITED, "exit 7 ends the session: EXITED");
	is_int(session_exit_code(s), 7, "session_exit_code is 7");
	if (session_state(s) != SESSION_EXITED)
		describe_end(s);
	ok(live_screen_has(session_term(s), "=20 70", 0, 0) && live_screen_has(session_term(s), "exit 7", 0, 0),
	    "the output stays on the screen after the end");
	const struct exec_info *x = session_info(s);
	ok(x != NULL && !x->running, "session_info: running false");
	ok(x != NULL && x->has_exit_code && x->exit_code == 7, "session_info: exit code 7");
	ok(x != NULL && x->id && strcmp(x->id, old_id) == 0, "session_info is about this exec");
	ok(session_respawn(s) == 0, "session_respawn of an exited session is accepted");
	ok(live_screen_blank(session_term(s)), "respawn clears the screen");
	ok(live_screen_has(session_term(s), "hi-42", 1, LIVE_SCROLLBACK_ALL) &&
	    term_scrollback_lines(session_term(s)) > 0, "respawn keeps the scrollback");
	ok(wait_running(s, 10000), "the respawned session reaches RUNNING");
	ok(session_exec_id(s) && strcmp(session_exec_id(s), old_id) != 0,
	    "with a new exec id (%.12s, was %.12s)", session_exec_id(s) ? session_exec_id(s) : "-", old_id);
	ok(live_run_until(L, c_not_blank, s, 5000), "a new prompt");
	if (!ok(stty_size_is(s, "20 70", NULL, 5000), "the respawned TTY has the current size, 20 70")) {
		session_tty_size(s, &r, &k);
		diag("session_tty_size %dx%d, notice %s", r, k, session_notice(s) ? session_notice(s) : "none");
	}
	ok(session_respawn(s) == -1, "session_respawn of a running session is refused");
	type(s, "exit 5\r");
	live_run_until(L, live_ended, s, 5000);
	ok(session_state(s) == SESSION_EXITED && session_exit_code(s) == 5,
	    "the respawned session ends with its own exit code, 5");
	if (session_exit_code(s) != 5)
		describe_end(s);
	free(old_id);
	session_free(s);
}

static void test_commands(void)
{
	struct counts c = { 0, 0, 0, 0 };
	static const char *const exit3[] = { "sh", "-c", "exit 3", NULL };
	struct session *s = open_session(a_name, exit3, 24, 80, &c);
	ok(strcmp(session_command(s), "sh -c exit 3") == 0, "the command reads \"sh -c exit 3\" (%s)",
	    session_command(s));
	live_run_until(L, live_ended, s, 10000);
	ok(session_state(s) == SESSION_EXITED, "sh -c 'exit 3': EXITED");
	is_int(session_exit_code(s), 3, "sh -c 'exit 3': exit code 3");
	ok(session_cause(s) == NULL, "no failure cause");
	session_free(s);

	static const char *const nosuch[] = { "nosuchcmd", NULL };
	s = open_session(a_name, nosuch, 24, 80, &c);
	live_run_until(L, live_ended, s, 10000);
	enum session_state st = session_state(s);
	describe_end(s);
	if (st == SESSION_EXITED) {
		ok(session_exit_code(s) == 126 || session_exit_code(s) == 127,
		    "nosuchcmd: EXITED with 126 or 127 (got %d)", session_exit_code(s));
		int shown = live_screen_has(session_term(s), "nosuchcmd", 0, LIVE_SCROLLBACK_ALL) ||
		    live_screen_has(session_term(s), "not found", 0, LIVE_SCROLLBACK_ALL);
		ok(shown, "the engine's reason is on the screen");
		if (!shown)
			dump_screen("nosuchcmd", session_term(s));
	} else {
		ok(st == SESSION_FAILED && session_cause(s) && *session_cause(s),
		    "nosuchcmd: FAILED with a cause (%s)", session_cause(s) ? session_cause(s) : "none");
		ok(session_cause(s) && (strstr(session_cause(s), "nosuchcmd") ||
		    strstr(session_cause(s), "not found")), "the cause names the problem");
	}
	session_free(s);

	s = open_session(nosuch_name, NULL, 24, 80, &c);
	live_run_until(L, live_ended, s, 10000);
	ok(session_state(s) == SESSION_FAILED, "a nonexistent container: FAILED");
	ok(session_cause(s) && strstr(session_cause(s), nosuch_name),
	    "the cause names the container (%s)", session_cause(s) ? session_cause(s) : "none");
	ok(session_exit_code(s) == -1, "no exit code for a failed session");
	session_free(s);

	s = open_session(stopped_name, NULL, 24, 80, &c);
	live_run_until(L, live_ended, s, 10000);
	ok(session_state(s) == SESSION_FAILED, "a stopped container: FAILED");
	ok(session_cause(s) && strstr(session_cause(s), "not running"),
	    "the cause says it is not running (%s)", session_cause(s) ? session_cause(s) : "none");
	session_free(s);
}

/* ok() for a point that may carry a TODO directive: a known failure is
 * shown but does not fail the run. */
#define ok_todo(todo, cond, ...) do { \
		int c_ = (cond); \
		if (!ok(c_, __VA_ARGS__) && *(todo)) \
			tap_failed--; \
	} while (0)

/* session_stop on cmd (NULL: the shell, which ignores ^C, ^\\ and SIGTERM)
 * in container ctr (a name or an id); its process runs want_cmdline. todo
 * is "" or a TAP TODO directive for the points about the stop itself. */
static void test_stop(const char *ctr, const char *how, const char *const *cmd, const char *want_cmdline,
    const char *todo)
{
	struct counts c = { 0, 0, 0, 0 };
	struct session *s = open_session(ctr, cmd, 24, 80, &c);
	if (!ok(wait_running(s, 10000), "%s: RUNNING", how)) {
		session_free(s);
		return;
	}
	if (cmd == NULL)
		live_run_until(L, c_not_blank, s, 5000);
	struct proc_id p;
	int found = wait_proc(s, want_cmdline, &p);
	ok(found, "%s: exec inspect's pid %d is %s on this host", how, p.pid, want_cmdline);
	if (cmd)
		ok(top_has(ctr, want_cmdline) == 1, "%s: docker top lists it", how);
	int64_t t0 = loop_now_ms();
	session_stop(s);
	live_run_until(L, live_ended, s, 5000);
	int64_t took = loop_now_ms() - t0;
	int ended = session_state(s) == SESSION_EXITED;
	int code = session_exit_code(s);
	int gone = p.start != 0 && live_run_until(L, c_proc_gone, &p, 1000);
	if (*todo) {
		/* One point, and a strict one: only a real stop passes it. */
		ok_todo(todo, ended && (code == 137 || code == 143) && gone,
		    "%s: session_stop ends it (state %s, exit code %d, %lld ms) and pid %d is gone%s", how,
		    session_state_name(session_state(s)), code, (long long)took, p.pid, todo);
	} else {
		ok(ended, "%s: session_stop ends it: EXITED within 5 s (%lld ms)", how, (long long)took);
		ok(code > 128 && code < 160, "%s: the exit code says a signal ended it (%d)", how, code);
		ok(gone, "%s: pid %d is gone", how, p.pid);
		if (cmd)
			ok(top_has(ctr, want_cmdline) == 0, "%s: docker top no longer lists it", how);
	}
	if (!ended)
		describe_end(s);
	if (session_notice(s))
		diag("notice: %s", session_notice(s));
	session_free(s);
	if (!gone && p.pid > 0)
		kill(p.pid, SIGKILL); /* leave nothing behind for the tests after */
}

/* ---- the console model ---- */

struct app_counts {
	int calls, list, tabs;
};

static void on_app_changed(struct app *a, int what, void *arg)
{
	struct app_counts *c = arg;
	(void)a;
	c->calls++;
	c->list += !!(what & APP_CHANGED_LIST);
	c->tabs += !!(what & APP_CHANGED_TABS);
}

struct app_want {
	struct app *a;
	const char *name;
	const char *state;  /* NULL: any */
	int exit_code;      /* -1: any */
	int absent;
};

static int c_app_ctr(void *arg)
{
	const struct app_want *w = arg;
	const struct ctr *c = live_find_ctr(w->a, w->name, NULL);
	if (w->absent)
		return c == NULL;
	if (c == NULL)
		return 0;
	if (w->state && (c->state == NULL || strcmp(c->state, w->state) != 0))
		return 0;
	if (w->exit_code >= 0 && (!c->has_exit_code || c->exit_code != w->exit_code))
		return 0;
	return 1;
}

static int c_connected(void *arg)
{
	return app_conn(arg) == APP_CONNECTED;
}

static int c_tabs_settled(void *arg)
{
	const struct app *a = arg;
	for (size_t i = 0; i < app_ntabs(a); i++)
		if (!c_settled(app_tab(a, i)))
			return 0;
	return 1;
}

static void test_app(void)
{
	struct app_counts c = { 0, 0, 0 };
	struct app *a = app_new(L, E, on_app_changed, &c);
	ok(live_run_until(L, c_connected, a, 5000), "app_new connects: APP_CONNECTED");
	struct app_want w = { a, a_name, "running", -1, 0 };
	ok(live_run_until(L, c_app_ctr, &w, 3000), "its container list holds %s, running", a_name);
	ok(c.list > 0, "changed() was told the list changed");
	const struct ctr *ca = live_find_ctr(a, a_name, NULL);
	ok(ca && ca->id && strcmp(ca->id, a_id) == 0, "with its full id");
	w.name = stopped_name;
	w.state = "exited";
	ok(live_run_until(L, c_app_ctr, &w, 1000), "and the stopped %s, exited", stopped_name);

	/* The list follows the engine without being asked. */
	const char *image = getenv("PH_TEST_IMAGE");
	int r = docker("run -d --network none --name '%s' '%s' sleep 1000000", new_name,
	    image && *image ? image : "porthole-test:busybox");
	ok(r == 0, "docker run -d %s", new_name);
	int64_t t0 = loop_now_ms();
	w.name = new_name;
	w.state = "running";
	int got = live_run_until(L, c_app_ctr, &w, 3000);
	ok(got, "%s appears, running, within 3 s (%lld ms)", new_name, (long long)(loop_now_ms() - t0));
	r = docker("kill '%s'", new_name);
	t0 = loop_now_ms();
	w.state = "exited";
	w.exit_code = 137;
	got = r == 0 && live_run_until(L, c_app_ctr, &w, 3000);
	ok(got, "after docker kill it shows exited with exit code 137 within 3 s (%lld ms)",
	    (long long)(loop_now_ms() - t0));
	const struct ctr *cn = live_find_ctr(a, new_name, NULL);
	if (cn && !got)
		diag("%s: state %s status %s exit code %d (%s)", new_name, cn->state, cn->status,
		    cn->exit_code, cn->has_exit_code ? "known" : "unknown");
	r = docker("rm '%s'", new_name);
	t0 = loop_now_ms();
	w.absent = 1;
	got = r == 0 && live_run_until(L, c_app_ctr, &w, 3000);
	ok(got, "after docker rm it is gone from the list within 3 s (%lld ms)",
	    (long long)(loop_now_ms() - t0));

	/* Tabs, opened as the console does: with the list's container id. */
	int pr, pc;
	app_pane_size(a, &pr, &pc);
	ok(app_ntabs(a) == 0 && app_current(a) == -1 && app_current_session(a) == NULL,
	    "no tabs yet (pane %dx%d)", pr, pc);
	ca = live_find_ctr(a, a_name, NULL); /* rows move as the list changes */
	const struct ctr *cb = live_find_ctr(a, b_name, NULL);
	ok(ca && cb, "both containers are in the list");
	char *ida = xstrdup(ca ? ca->id : a_id), *idb = xstrdup(cb ? cb->id : b_id);
	int i0 = live_open_tab(a, ida, ida, NULL);
	int i1 = live_open_tab(a, idb, idb, NULL);
	ok(i0 == 0 && i1 == 1 && app_ntabs(a) == 2, "app_open gives tabs 0 and 1");
	ok(app_current(a) == 1, "the newest tab is current");
	ok(c.tabs > 0, "changed() was told the tabs changed");
	live_run_until(L, c_tabs_settled, a, 10000);
	ok(session_state(app_tab(a, 0)) == SESSION_RUNNING && session_state(app_tab(a, 1)) == SESSION_RUNNING,
	    "both tabs reach RUNNING");
	is_int(app_running_tabs(a), 2, "app_running_tabs: 2");
	app_next_tab(a, 1);
	ok(app_current(a) == 0 && app_current_session(a) == app_tab(a, 0), "app_next_tab(+1) wraps to tab 0");
	app_next_tab(a, 1);
	is_int(app_current(a), 1, "app_next_tab(+1) again: tab 1");
	app_next_tab(a, -1);
	is_int(app_current(a), 0, "app_next_tab(-1): tab 0");
	app_next_tab(a, -1);
	is_int(app_current(a), 1, "app_next_tab(-1) wraps to tab 1");

	for (size_t i = 0; i < 2; i++) {
		struct session *s = app_tab(a, i);
		live_run_until(L, c_not_blank, s, 5000);
		ok(stty_size_is(s, "24 80", NULL, 5000), "tab %zu starts at the pane size, 24 80", i);
	}
	app_set_pane_size(a, 30, 100);
	app_pane_size(a, &pr, &pc);
	ok(pr == 30 && pc == 100, "app_pane_size says 30x100");
	for (size_t i = 0; i < 2; i++) {
		struct session *s = app_tab(a, i);
		int r2, c2;
		term_size(session_term(s), &r2, &c2);
		ok(r2 == 30 && c2 == 100, "tab %zu: terminal model 30x100 (%dx%d)", i, r2, c2);
		session_tty_size(s, &r2, &c2);
		ok(r2 == 30 && c2 == 100, "tab %zu: tty size 30x100 (%dx%d)", i, r2, c2);
		ok(stty_size_is(s, "30 100", "24 80", 5000), "tab %zu: app_set_pane_size(30, 100): stty size shows 30 100",
		    i);
	}

	/* Closing a running tab stops its process. */
	static const char *const sleep1235[] = { "sleep", "1235", NULL };
	int i2 = live_open_tab(a, ida, ida, sleep1235);
	struct session *s2 = app_tab(a, (size_t)i2);
	ok(i2 == 2 && wait_running(s2, 10000), "a third tab, sleep 1235, runs");
	struct proc_id p2;
	got = wait_proc(s2, "sleep 1235", &p2) && top_has(a_name, "sleep 1235") == 1;
	ok(got, "its pid %d is sleep 1235 and docker top lists it", p2.pid);
	app_close_tab(a, i2);
	ok(app_ntabs(a) == 2 && app_current(a) == 1, "app_close_tab: two tabs left, the last is current");
	ok(app_tab(a, 0) != s2 && app_tab(a, 1) != s2, "the closed session is no longer a tab");
	t0 = loop_now_ms();
	got = p2.start != 0 && live_run_until(L, c_proc_gone, &p2, 5000);
	ok(got, "closing the running tab stops its process within 5 s (%lld ms)", (long long)(loop_now_ms() - t0));
	ok(top_has(a_name, "sleep 1235") == 0, "docker top no longer lists sleep 1235");

	/* A shell ignores ^C and SIGTERM: closing its tab must still end it. */
	struct session *s0 = app_tab(a, 0);
	struct proc_id p0;
	got = wait_proc(s0, "sh", &p0);
	ok(got, "tab 0's shell runs as pid %d", p0.pid);
	app_close_tab(a, 0);
	ok(app_ntabs(a) == 1 && app_current(a) == 0 && app_current_session(a) == app_tab(a, 0),
	    "closing tab 0 leaves one tab, current");
	t0 = loop_now_ms();
	got = p0.start != 0 && live_run_until(L, c_proc_gone, &p0, 5000);
	ok(got, "closing a shell tab stops the shell within 5 s (%lld ms)", (long long)(loop_now_ms() - t0));
	app_free(a);
	free(ida);
	free(idb);
}

/* ---- output slices: a flood beside typing ---- */

/* The bytes `seq 1 n` prints through a TTY (each line ends in CR LF). */
static unsigned long long seq_tty_bytes(int n)
{
	unsigned long long b = 0;
	char num[16];
	for (int i = 1; i <= n; i++)
		b += (unsigned long long)snprintf(num, sizeof num, "%d", i) + 2;
	return b;
}

/* Every row of t (scrollback and screen) that holds a number: 1 when they
 * run on without a gap and the last is last; *count how many there were. */
static int rows_consecutive(const struct term *t, int last, int *count)
{
	int rows, cols, prev = 0, okay = 1;
	term_size(t, &rows, &cols);
	*count = 0;
	for (int r = -term_scrollback_lines(t); r < rows; r++) {
		char *x = term_row_text(t, r);
		char *end;
		long v = x ? strtol(x, &end, 10) : 0;
		if (x && end != x && *end == '\0') {
			if (prev && v != prev + 1)
				okay = 0;
			prev = (int)v;
			(*count)++;
		}
		free(x);
	}
	return okay && prev == last;
}

static int c_flowing(void *arg) { return session_bytes(arg) > 0; }

static void test_flood(void)
{
	struct app_counts c = { 0, 0, 0 };
	struct app *a = app_new(L, E, on_app_changed, &c);
	ok(live_run_until(L, c_connected, a, 5000), "a second console model connects");
	app_set_scrollback(a, 30000);
	int it = live_open_tab(a, a_id, a_name, NULL);
	struct session *typed = app_tab(a, (size_t)it);
	ok(wait_running(typed, 10000) && live_run_until(L, c_not_blank, typed, 5000), "a shell tab runs");
	enum { N = 100000 };
	static const char *const flood_cmd[] = { "sh", "-c", "seq 1 100000; echo flood-done", NULL };
	int iflood = live_open_tab(a, a_id, a_name, flood_cmd);
	struct session *flood = app_tab(a, (size_t)iflood);
	/* Type in the focused shell while the other tab floods. */
	app_select_tab(a, it);
	ok(app_current_session(a) == typed, "the shell tab is focused, the flood in the background");
	ok(live_run_until(L, c_flowing, flood, 10000), "the flood's output flows");
	type(typed, "echo typed-$((6*7))\n");
	ok(wait_text(typed, "typed-42", 1, 20000), "the focused tab's echo arrives while the other floods");
	diag("the flood had %llu bytes when the echo showed", session_bytes(flood));
	ok(live_run_until(L, live_ended, flood, 60000), "the flood ends");
	is_int(session_state(flood), SESSION_EXITED, "the flooding tab EXITED");
	is_int(session_exit_code(flood), 0, "with 0");
	unsigned long long want = seq_tty_bytes(N) + strlen("flood-done\r\n");
	ok(session_bytes(flood) == want, "every byte of the flood arrived (%llu of %llu)", session_bytes(flood), want);
	is_int(session_output_pending(flood), 0, "and all of it was parsed before the tab showed its end");
	ok(live_screen_has(session_term(flood), "flood-done", 1, 0), "its last line is on the screen");
	int count = 0;
	ok(rows_consecutive(session_term(flood), N, &count),
	    "the %d lines kept (screen and scrollback) run on without a gap up to %d", count, N);
	ok(count >= 30000 - 5, "the scrollback kept as many as it may (%d)", count);
	ok(c.tabs > 0, "the background tab's activity reached the tab bar");
	app_free(a);
}

/* ---- type-ahead ---- */

static void test_typeahead(void)
{
	struct counts c = { 0, 0, 0, 0 };
	struct session *s = open_session(a_name, NULL, 24, 80, &c);
	enum session_state st = session_state(s);
	type(s, "echo ahead-$((5*5))\n");
	ok(st == SESSION_CREATING, "keys typed while the tab is still %s", session_state_name(st));
	ok(session_input_waiting(s) == strlen("echo ahead-$((5*5))\n"), "wait for it (%zu bytes)",
	    session_input_waiting(s));
	ok(wait_text(s, "ahead-25", 1, 10000), "and run once it starts: the echo shows");
	is_int(session_input_waiting(s), 0, "nothing waits any more");
	type(s, "exit 4\n");
	live_run_until(L, live_ended, s, 10000);
	is_int(session_exit_code(s), 4, "the shell then exits with 4");
	session_free(s);
}

/* ---- the panel of the selected container ---- */

static const char *panel_value(const struct app *a, const char *key)
{
	const struct kvlist *p = app_container_panel(a);
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].k, key) == 0)
			return p->v[i].v;
	return NULL;
}

struct panel_want {
	const struct app *a;
	const char *name;
};

static int c_panel_for(void *arg)
{
	const struct panel_want *w = arg;
	const char *n = panel_value(w->a, "name");
	return n && strcmp(n, w->name) == 0;
}

/* Does s read "YYYY-MM-DD HH:MM:SS (... ago)"? */
static int reads_local_ago(const char *s)
{
	int y, mo, d, h, mi, se, n = 0;
	return s && sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d (%n", &y, &mo, &d, &h, &mi, &se, &n) == 6 && n > 0 &&
	    strlen(s) > (size_t)n + 5 && strcmp(s + strlen(s) - 5, " ago)") == 0;
}

static void select_and_wait(struct app *a, const char *id, const char *name)
{
	app_select_container(a, NULL, id);
	struct panel_want w = { a, name };
	ok(live_run_until(L, c_panel_for, &w, 5000), "the panel shows %s", name);
}

static void test_panel(void)
{
	struct app_counts c = { 0, 0, 0 };
	struct app *a = app_new(L, E, on_app_changed, &c);
	ok(live_run_until(L, c_connected, a, 5000), "a console model for the panel connects");

	select_and_wait(a, a_id, a_name);
	is_str(panel_value(a, "status"), "running", "running: status");
	is_str(panel_value(a, "exit code"), "-", "running: exit code -");
	is_str(panel_value(a, "finished"), "-", "running: finished - (the engine's zero time)");
	ok(reads_local_ago(panel_value(a, "started")), "running: started in local time, how long ago (%s)",
	    panel_value(a, "started") ? panel_value(a, "started") : "none");
	ok(panel_value(a, "pid") && strcmp(panel_value(a, "pid"), "-") != 0, "running: a pid");

	struct app_want sw = { a, stopped_name, "exited", -1, 0 };
	live_run_until(L, c_app_ctr, &sw, 3000);
	const struct ctr *cs = live_find_ctr(a, stopped_name, NULL);
	char *ids = xstrdup(cs ? cs->id : stopped_name);
	select_and_wait(a, ids, stopped_name);
	is_str(panel_value(a, "status"), "exited", "exited: status");
	is_str(panel_value(a, "exit code"), "137", "exited: exit code 137 (stopped with -t 0)");
	ok(reads_local_ago(panel_value(a, "started")), "exited: started (%s)",
	    panel_value(a, "started") ? panel_value(a, "started") : "none");
	ok(reads_local_ago(panel_value(a, "finished")), "exited: finished (%s)",
	    panel_value(a, "finished") ? panel_value(a, "finished") : "none");
	is_str(panel_value(a, "pid"), "-", "exited: no pid");
	free(ids);

	const char *image = getenv("PH_TEST_IMAGE");
	int r = docker("create --network none --name '%s' '%s' true", new_name,
	    image && *image ? image : "porthole-test:busybox");
	ok(r == 0, "docker create %s", new_name);
	struct app_want cw = { a, new_name, "created", -1, 0 };
	ok(live_run_until(L, c_app_ctr, &cw, 3000), "it shows in the list, created");
	const struct ctr *cc = live_find_ctr(a, new_name, NULL);
	char *idc = xstrdup(cc ? cc->id : new_name);
	select_and_wait(a, idc, new_name);
	is_str(panel_value(a, "status"), "created", "never started: status created");
	is_str(panel_value(a, "exit code"), "-", "never started: exit code -");
	is_str(panel_value(a, "started"), "-", "never started: started -");
	is_str(panel_value(a, "finished"), "-", "never started: finished -");
	free(idc);
	docker("rm -f '%s'", new_name);
	app_free(a);
}

int main(int argc, char **argv)
{
	if (argc != 9) {
		fprintf(stderr, "usage: %s HOST A_NAME A_ID B_NAME B_ID STOPPED_NAME NEW_NAME NOSUCH_NAME\n",
		    argv[0]);
		return 2;
	}
	host = argv[1];
	a_name = argv[2];
	a_id = argv[3];
	b_name = argv[4];
	b_id = argv[5];
	stopped_name = argv[6];
	new_name = argv[7];
	nosuch_name = argv[8];
	signal(SIGPIPE, SIG_IGN); /* as the console and the CLI do */
	int64_t start = loop_now_ms();
	L = loop_new();
	if (connect_engine() == 0) {
		test_shell_session();
		test_commands();
		static const char *const sleep1234[] = { "sleep", "1234", NULL };
		test_stop(a_id, "stop sleep, container by id", sleep1234, "sleep 1234", "");
		test_stop(a_name, "stop sleep, container by name", sleep1234, "sleep 1234", "");
		test_stop(b_id, "stop a shell, container by id", NULL, "sh", "");
		/* By name: the stop must still find the process by the
		 * container's id (its cgroup names the id, never the name). */
		test_stop(b_name, "stop a shell, container by name", NULL, "sh", "");
		test_app();
		test_flood();
		test_typeahead();
		test_panel();
	}
	engine_free(E);
	loop_free(L);
	diag("%lld ms", (long long)(loop_now_ms() - start));
	return done_testing();
}
