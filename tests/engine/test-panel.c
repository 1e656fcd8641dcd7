/* test-panel.c: the side panel's live figures (session/statsfollow.c
 * through session/app.c and the console state, ui/state.c) against a real
 * engine, without a screen. Run by tests/engine/panel.sh, which starts the
 * containers and passes:
 *
 *   test-panel HOST BUSY_NAME IDLE_NAME
 *
 * BUSY runs a busy loop, IDLE `sleep`. Checked: only the selected running
 * container is streamed, its busy loop shows above 50 % and its rows and
 * sparklines come; a new selection closes the stream and opens one with an
 * empty history; hiding the panel closes it; a stop closes it and a start
 * opens a new one; and with the panel hidden and no tab the console's loop
 * does not wake over 10 s of idleness, but for what the engine's events
 * bring (each event may cost a few wakeups: its read, the list call it
 * causes and the inspect after it; other tests may share the engine). */
#include "config.h"
#include "core/loop.h"
#include "core/xmalloc.h"
#include "session/app.h"
#include "session/statsfollow.h"
#include "ui/config.h"
#include "ui/prompt.h"
#include "ui/selection.h"
#include "ui/state.h"
#include "live.h"
#include "../tap.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The idle period, and the wakeups one engine event may cost at most. */
#define IDLE_MS 10000
#define WAKEUPS_PER_EVENT 12

static struct loop *L;
static const char *host, *busy_name, *idle_name;

static int docker(const char *verb, const char *name)
{
	char *cmd = xasprintf("docker -H '%s' %s '%s' >/dev/null 2>&1", host, verb, name);
	int r = system(cmd);
	free(cmd);
	return r;
}

struct want_ctrs { const struct app *a; const char *state; };
static int c_both(void *arg)
{
	struct want_ctrs *w = arg;
	return live_find_ctr(w->a, busy_name, w->state) && live_find_ctr(w->a, idle_name, w->state);
}

struct want_samples { const struct statsfollow *f; const char *id; unsigned long n; };
static int c_samples(void *arg)
{
	struct want_samples *w = arg;
	return statsfollow_id(w->f) && strcmp(statsfollow_id(w->f), w->id) == 0 &&
	    statsfollow_samples(w->f) >= w->n;
}

static int c_busy(void *arg)
{
	const struct stats *s = statsfollow_last(arg);
	return s && s->cpu_percent > 50;
}

static int c_closed(void *arg)
{
	return statsfollow_id(arg) == NULL && !statsfollow_streaming(arg);
}

/* The value of key in the resources rows, NULL when there is none. */
static const char *row(const struct kvlist *kv, const char *key)
{
	for (size_t i = 0; i < kv->n; i++)
		if (strcmp(kv->v[i].k, key) == 0)
			return kv->v[i].v;
	return NULL;
}

static void run_line(struct ui *u, const char *line)
{
	char *cause = NULL;
	if (ui_run_line(u, line, &cause) != 0)
		diag("%s: %s", line, cause ? cause : "failed");
	free(cause);
}

static void test_panel(struct engine *e)
{
	int64_t app_start = loop_now_ms();
	struct app *a = app_new(L, e, live_app_ignore, NULL);
	const struct statsfollow *f = app_stats(a);
	struct want_ctrs wc = { a, "running" };
	if (!ok(live_run_until(L, c_both, &wc, 10000), "both containers are listed, running")) {
		app_free(a);
		return;
	}
	char *busy = xstrdup(live_find_ctr(a, busy_name, NULL)->id);
	char *idle = xstrdup(live_find_ctr(a, idle_name, NULL)->id);
	ok(statsfollow_id(f) == NULL && statsfollow_opened(f) == 0, "no stream before the panel wants one");

	struct ui_config conf;
	ui_config_init(&conf);
	struct ui u;
	ui_state_init(&u, a, &conf, 45, 160);
	ok(u.lay.panel.w > 0, "the panel shows (160 columns)");
	ui_select(&u, NULL, busy);
	struct want_samples ws = { f, busy, 3 };
	ok(live_run_until(L, c_samples, &ws, 10000), "the selected busy container is streamed: 3 samples");
	ok(statsfollow_opened(f) == 1, "one stream opened (%lu)", statsfollow_opened(f));
	ok(live_run_until(L, c_busy, (void *)f, 5000), "its busy loop shows above 50 %% (%.1f %%)",
	    statsfollow_last(f) ? statsfollow_last(f)->cpu_percent : -1.0);

	struct kvlist kv = { 0 };
	app_stats_panel(a, 20, SAMPLES_ASCII, &kv);
	const char *cpu = row(&kv, "cpu"), *g = row(&kv, "cpu 60s"), *mem = row(&kv, "memory");
	ok(cpu && strchr(cpu, '%'), "the panel's cpu row: %s", cpu ? cpu : "(none)");
	ok(mem && strstr(mem, " / "), "memory used / limit: %s", mem ? mem : "(none)");
	ok(row(&kv, "memory %") && row(&kv, "net rx/tx") && row(&kv, "block r/w") && row(&kv, "pids"),
	    "memory %%, net, block I/O and PIDs rows");
	unsigned long n = statsfollow_samples(f);
	ok(g && strlen(g) == (n < 20 ? n : 20) && strspn(g, "_.-=#") == strlen(g),
	    "a CPU sparkline, a glyph a sample (%lu): %s", n, g ? g : "(none)");
	ok(g && strpbrk(g, "=#"), "the sample above 50 %% shows at half height or more");
	kvlist_clear(&kv);

	ui_select(&u, NULL, idle);
	ok(statsfollow_id(f) == NULL || strcmp(statsfollow_id(f), busy) != 0,
	    "a new selection closes the busy one's stream at once");
	/* The busy loop has done its part: on a small machine it would slow
	 * the tests that run beside this one. */
	docker("kill", busy_name);
	ok(statsfollow_samples(f) == 0 && samples_count(statsfollow_cpu(f)) == 0, "and empties the history");
	ws.id = idle;
	ws.n = 2;
	ok(live_run_until(L, c_samples, &ws, 10000), "the new selection is streamed");
	ok(statsfollow_opened(f) == 2, "a second stream (%lu)", statsfollow_opened(f));
	ok(statsfollow_last(f)->cpu_percent < 50, "the idle one's figures (%.1f %%)", statsfollow_last(f)->cpu_percent);

	run_line(&u, "panel");
	ok(u.lay.panel.w == 0, "panel hides the panel");
	ok(c_closed((void *)f), "and closes the stream");
	kvlist_clear(&kv);
	app_stats_panel(a, 20, SAMPLES_UTF8, &kv);
	is_int((long long)kv.n, 0, "no resources rows then");

	/* Idle: panel hidden, no tab. The loop is turned with the period's
	 * deadline as its only limit: a turn that returns at that deadline
	 * (poll's own timeout, rounded to milliseconds) with nothing to run is
	 * the test's, not a wakeup of the console; every other one is. */
	live_run_for(L, 500); /* what the close left in flight */
	/* libcurl wakes a transfer once when its connect timeout (10 s) would
	 * have run out, even after it connected: the event stream, opened
	 * with the app, does so once. That one is not idleness's: the period
	 * starts after it. */
	int64_t after = app_start + 10500 - loop_now_ms();
	if (after > 0)
		live_run_for(L, (int)after);
	uint64_t w0 = loop_wakeups(L);
	unsigned long long e0 = app_events(a);
	int64_t end = loop_now_ms() + IDLE_MS;
	long long deadline_turns = 0;
	for (int64_t left; (left = end - loop_now_ms()) > 0;)
		if (loop_run_once(L, left) == 0 && loop_now_ms() >= end - 2)
			deadline_turns++;
	long long woke = (long long)(loop_wakeups(L) - w0) - deadline_turns;
	long long events = (long long)(app_events(a) - e0);
	diag("idle %d s with the panel hidden: %lld wakeups, %lld engine events", IDLE_MS / 1000, woke, events);
	if (events == 0)
		is_int(woke, 0, "idle with the panel hidden: no wakeups at all");
	else
		ok(woke <= events * WAKEUPS_PER_EVENT, "idle with the panel hidden: only the events' wakeups (%lld for %lld)",
		    woke, events);
	ok(statsfollow_opened(f) == 2, "no stream opened meanwhile");

	run_line(&u, "panel");
	ok(u.lay.panel.w > 0, "panel shows it again");
	ws.n = 1;
	ok(live_run_until(L, c_samples, &ws, 10000), "and the selection is streamed again");
	ok(statsfollow_opened(f) == 3, "a new stream (%lu)", statsfollow_opened(f));

	docker("stop -t 1", idle_name);
	ok(live_run_until(L, c_closed, (void *)f, 10000), "the container stops: its stream is closed");
	docker("start", idle_name);
	ws.n = 1;
	ok(live_run_until(L, c_samples, &ws, 10000), "it starts again: streamed again");
	ok(statsfollow_opened(f) == 4, "with a new stream (%lu)", statsfollow_opened(f));

	ui_state_clear(&u);
	app_free(a);
	free(busy);
	free(idle);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s HOST BUSY_NAME IDLE_NAME\n", argv[0]);
		return 2;
	}
	host = argv[1];
	busy_name = argv[2];
	idle_name = argv[3];
	signal(SIGPIPE, SIG_IGN);
	L = loop_new();
	char *cause = NULL;
	struct engine *e = live_engine_new(L, host, &cause);
	if (e == NULL) {
		ok(0, "endpoint %s parses: %s", host, cause);
		free(cause);
	} else if (live_negotiate(L, e, 10000, &cause) != 0) {
		ok(0, "the engine at %s answers: %s", host, cause ? cause : "no answer");
		free(cause);
	} else
		test_panel(e);
	engine_free(e);
	loop_free(L);
	return done_testing();
}
