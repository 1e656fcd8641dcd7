/* bench-flood.c: key latency under flood, in the console model
 * (session/app.c) against a real engine, without a screen. Run by
 * bench/flood.sh:
 *
 *   bench-flood HOST CONTAINER [PROBES]
 *
 * Tab B runs `sh` (TTY). A probe types `echo tN` and Enter into B and times
 * how long until a row of B's terminal model reads exactly "tN" (the echo of
 * the command line reads "... echo tN", so only the output matches). Probes
 * go every 100 ms, PROBES of them (default 50), each timed on its own.
 *
 * First without a flood; then tab A runs `yes` (TTY) in the same container
 * while the same probes run again. Printed: median and max latency of both
 * runs, the bytes per second A received meanwhile (and alone, without
 * probes, with the CPU time porthole used on it), and its resident memory after the flood (now and peak). */
#include "config.h"
#include "core/loop.h"
#include "core/xmalloc.h"
#include "engine/api.h"
#include "session/app.h"
#include "session/session.h"
#include "session/term.h"
#include "../tests/engine/live.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define PROBE_EVERY_US 100000
#define PROBE_TIMEOUT_US 5000000
/* Past the stop's grace period (a shell ignores SIGTERM). */
#define STOP_WAIT_MS 10000
#define FLOOD_ALONE_MS 3000
/* A probe's answer counts in the newest scrollback lines too. */
#define PROBE_SCROLLBACK 20

static struct loop *L;
static struct engine *E;

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static double cpu_s(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	    ru.ru_stime.tv_usec / 1e6;
}

static const char *want_name;

static int c_listed(void *arg)
{
	return app_conn(arg) == APP_CONNECTED && live_find_ctr(arg, want_name, NULL) != NULL;
}

static int c_prompt(void *arg)
{
	struct session *s = arg;
	return live_ended(s) || (session_state(s) == SESSION_RUNNING && !live_screen_blank(session_term(s)));
}

static int c_flowing(void *arg)
{
	struct session *s = arg;
	return live_ended(s) || (session_state(s) == SESSION_RUNNING && session_bytes(s) > 64 * 1024);
}

/* Both host pids have ended (gone, or a zombie). */
static int c_pids_gone(void *arg)
{
	const int *pids = arg;
	for (int i = 0; i < 2; i++)
		if (live_proc_start(pids[i]) != 0)
			return 0;
	return 1;
}

struct probe {
	char text[16];
	int64_t sent, seen; /* us; seen 0: not yet */
};

/* PROBES probes into s, every PROBE_EVERY_US; latencies (us, -1 for one
 * that never showed) into lat, sorted. serial numbers the probes across
 * runs. Returns how many showed. */
static int64_t longest_turn; /* CPU us, of the loop turns in probe_run */

static int probe_run(struct session *s, int probes, int *serial, int64_t *lat)
{
	longest_turn = 0;
	struct probe *p = xcalloc((size_t)probes, sizeof *p);
	int sent = 0, seen = 0, first_open = 0;
	int64_t next = now_us();
	while (seen < probes) {
		int64_t t = now_us();
		if (sent < probes && t >= next) {
			snprintf(p[sent].text, sizeof p[sent].text, "t%d", ++*serial);
			char cmd[32];
			int n = snprintf(cmd, sizeof cmd, "echo %s\r", p[sent].text);
			p[sent].sent = now_us();
			session_send(s, cmd, (size_t)n);
			sent++;
			next += PROBE_EVERY_US;
		}
		if (sent > 0 && t - p[sent - 1].sent > PROBE_TIMEOUT_US && sent == probes)
			break;
		if (session_state(s) != SESSION_RUNNING)
			break;
		int64_t wait_ms = sent < probes ? (next - now_us()) / 1000 : 10;
		if (wait_ms > 10)
			wait_ms = 10;
		int64_t before = cpu_us();
		loop_run_once(L, wait_ms > 0 ? wait_ms : 0);
		int64_t after = now_us();
		/* CPU time: the work of the turn, not its wait in poll. */
		if (cpu_us() - before > longest_turn)
			longest_turn = cpu_us() - before;
		for (int i = first_open; i < sent; i++)
			if (p[i].seen == 0 && live_screen_has(session_term(s), p[i].text, 1, PROBE_SCROLLBACK)) {
				p[i].seen = after;
				seen++;
			}
		while (first_open < sent && p[first_open].seen)
			first_open++;
	}
	for (int i = 0; i < probes; i++)
		lat[i] = p[i].seen ? p[i].seen - p[i].sent : -1;
	qsort(lat, (size_t)probes, sizeof *lat, live_cmp_i64);
	free(p);
	return seen;
}

static void report(const char *what, const int64_t *lat, int probes, int seen)
{
	int missing = probes - seen;
	/* Missing ones sort first (-1): the median and max are of the rest. */
	const int64_t *ok = lat + missing;
	if (seen == 0) {
		printf("%-28s no probe answered\n", what);
		return;
	}
	printf("%-28s median %6.1f ms  p90 %6.1f ms  max %6.1f ms  (%d of %d; longest loop turn %.1f ms CPU)\n",
	    what, ok[seen / 2] / 1000.0, ok[(seen * 9) / 10 < seen ? (seen * 9) / 10 : seen - 1] / 1000.0,
	    ok[seen - 1] / 1000.0, seen, probes, longest_turn / 1000.0);
}

static struct session *open_cmd(struct app *a, const char *id, const char *name, const char *cmd)
{
	const char *const cmdv[] = { cmd, NULL };
	return app_tab(a, (size_t)live_open_tab(a, id, name, cmdv));
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: %s HOST CONTAINER [PROBES]\n", argv[0]);
		return 2;
	}
	const char *host = argv[1];
	want_name = argv[2];
	int probes = argc > 3 ? atoi(argv[3]) : 50;
	if (probes < 1)
		probes = 50;
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	L = loop_new();
	char *cause = NULL;
	E = live_engine_new(L, host, &cause);
	if (E == NULL) {
		fprintf(stderr, "bench-flood: %s: %s\n", host, cause);
		return 1;
	}
	if (live_negotiate(L, E, 10000, &cause) != 0) {
		fprintf(stderr, "bench-flood: the engine at %s does not answer: %s\n", host, cause ? cause : "timeout");
		return 1;
	}
	struct app *a = app_new(L, E, live_app_ignore, NULL);
	if (!live_run_until(L, c_listed, a, 10000)) {
		fprintf(stderr, "bench-flood: %s is not in the container list\n", want_name);
		return 1;
	}
	char *id = xstrdup(live_find_ctr(a, want_name, NULL)->id);
	int rows, cols, rc = 0, serial = 0, seen;
	int64_t *lat = xcalloc((size_t)probes, sizeof *lat);
	struct session *y = NULL;
	app_pane_size(a, &rows, &cols);

	struct session *b = open_cmd(a, id, want_name, "sh");
	if (!live_run_until(L, c_prompt, b, 10000) || session_state(b) != SESSION_RUNNING) {
		fprintf(stderr, "bench-flood: sh did not start: %s\n", session_cause(b) ? session_cause(b) : "timeout");
		rc = 1;
		goto out;
	}
	/* A few unmeasured probes first: the shell's first commands. */
	probe_run(b, 3, &serial, lat);

	printf("engine %s (API %s), container %s, pane %dx%d, %d probes every %d ms\n", host, engine_api_version(E),
	    want_name, cols, rows, probes, PROBE_EVERY_US / 1000);
	long rss_idle = live_status_kb("VmRSS");
	seen = probe_run(b, probes, &serial, lat);
	report("no flood:", lat, probes, seen);
	rc |= seen != probes;

	y = open_cmd(a, id, want_name, "yes");
	app_select_tab(a, 0); /* B in front, as the person typing sees it */
	if (!live_run_until(L, c_flowing, y, 10000) || session_state(y) != SESSION_RUNNING) {
		fprintf(stderr, "bench-flood: yes did not start: %s\n", session_cause(y) ? session_cause(y) : "timeout");
		rc = 1;
		goto out;
	}
	/* The flood alone first: what porthole spends on it without the
	 * probes reading the screen. */
	unsigned long long b0 = session_bytes(y);
	int64_t t0 = now_us();
	double c0 = cpu_s();
	live_run_for(L, FLOOD_ALONE_MS);
	int64_t t1 = now_us();
	double c1 = cpu_s();
	unsigned long long b1 = session_bytes(y);
	double secs = (t1 - t0) / 1e6;
	printf("%-28s %.2f MB/s (%.2f MB in %.1f s); porthole CPU %.0f%% of one core\n", "tab A (yes), flood alone:",
	    (b1 - b0) / secs / 1e6, (b1 - b0) / 1e6, secs, (c1 - c0) / secs * 100);

	b0 = session_bytes(y);
	t0 = now_us();
	c0 = cpu_s();
	seen = probe_run(b, probes, &serial, lat);
	t1 = now_us();
	c1 = cpu_s();
	b1 = session_bytes(y);
	report("flood (yes in another tab):", lat, probes, seen);
	rc |= seen != probes;
	secs = (t1 - t0) / 1e6;
	printf("%-28s %.2f MB/s (%.2f MB in %.1f s); CPU %.0f%% of one core with the probes\n",
	    "tab A (yes) received:", (b1 - b0) / secs / 1e6, (b1 - b0) / 1e6, secs, (c1 - c0) / secs * 100);
	printf("%-28s %ld kB before the flood, %ld kB after (peak %ld kB)\n", "porthole VmRSS:", rss_idle,
	    live_status_kb("VmRSS"), live_status_kb("VmHWM"));

out:;
	/* Close both: the stop ends yes and the shell (after the grace
	 * period: a shell ignores SIGTERM). */
	int pids[2] = { 0, 0 };
	if (session_info(b))
		pids[0] = session_info(b)->pid;
	if (y && session_info(y))
		pids[1] = session_info(y)->pid;
	while (app_ntabs(a) > 0)
		app_close_tab(a, 0);
	int64_t t_close = loop_now_ms();
	if (!live_run_until(L, c_pids_gone, pids, STOP_WAIT_MS)) {
		fprintf(stderr, "bench-flood: closing the tabs left pid %d or %d running\n", pids[0], pids[1]);
		rc = 1;
	}
	printf("%-28s %lld ms\n", "closing both tabs took:", (long long)(loop_now_ms() - t_close));
	/* Let the app reap the closed sessions. */
	live_run_for(L, 500);
	printf("%-28s %ld kB\n", "porthole VmRSS, tabs closed:", live_status_kb("VmRSS"));
	app_free(a);
	engine_free(E);
	loop_free(L);
	free(id);
	free(lat);
	return rc;
}
