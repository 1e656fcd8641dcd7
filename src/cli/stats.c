/* stats.c: `porthole stats [--no-stream] [--json] [-a] [CONTAINER...]`:
 * the containers' CPU, memory, network and block I/O and PIDs as `docker
 * stats` shows them (engine/stats.h): a table redrawn as the figures come,
 * or once with --no-stream; --json prints one object a line for each
 * container and sample instead. With no container named: every running
 * one (every one with -a), and while streaming those that start later
 * join and those that stop leave, as with docker stats. */
#include "config.h"
#include "cli/cli.h"
#include "engine/statstream.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char stats_usage[] =
    "usage: porthole stats [OPTIONS] [CONTAINER...]\n"
    "Show containers' CPU %, memory, network and block I/O and PIDs, as docker\n"
    "stats does (every running container when none is named).\n"
    "  -a, --all         every container, not only the running ones\n"
    "      --no-stream   print the figures once and exit\n"
    "      --json        one JSON object a line for each container and sample\n";

/* The table is drawn at most this often while streaming. */
#define REDRAW_MS 500

struct ref;
struct target {
	char *name;                 /* as asked, or the id from the list */
	struct stats_stream *stream;
	struct ref *ref;            /* the stream's callback argument */
	struct stats last;
	int have, ended;
};

struct stats_state {
	struct engine *e;
	struct loop *loop;
	int done, rc, json, stream, all, tty;
	int named;                  /* containers named: names[0..named-1] */
	char **names;
	struct target *t;
	size_t n;
	size_t open;                /* streams not ended */
	struct engine_call *list, *events;
	struct loop_timer *redraw;
};

static void on_sample(const struct stats *s, void *arg);
static void on_end(const struct engine_error *err, void *arg);

/* Each callback knows its state and its target by this pair. */
struct ref { struct stats_state *st; char *name; };

static struct target *find(struct stats_state *st, const char *name)
{
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->t[i].name, name) == 0)
			return &st->t[i];
	return NULL;
}

static void open_one(struct stats_state *st, const char *name)
{
	if (find(st, name))
		return;
	st->t = xreallocarray(st->t, st->n + 1, sizeof *st->t);
	struct target *t = &st->t[st->n++];
	memset(t, 0, sizeof *t);
	t->name = xstrdup(name);
	struct ref *r = xmalloc(sizeof *r);
	r->st = st;
	r->name = xstrdup(name);
	t->ref = r;
	t->stream = stats_stream_open(st->e, name, st->stream, on_sample, on_end, r);
	st->open++;
}

static void remove_one(struct stats_state *st, const char *id)
{
	for (size_t i = 0; i < st->n; i++) {
		struct target *t = &st->t[i];
		if (strcmp(t->name, id) != 0 && !(t->have && strcmp(t->last.id, id) == 0))
			continue;
		/* Closing calls nothing: its ref goes here. */
		if (t->stream) {
			stats_stream_close(t->stream);
			free(t->ref->name);
			free(t->ref);
			st->open--;
		}
		free(t->name);
		stats_clear(&t->last);
		memmove(t, t + 1, (st->n - i - 1) * sizeof *t);
		st->n--;
		return;
	}
}

/* go's text/tabwriter as docker stats sets it up: cells padded to the
 * widest of their column plus 3, at least 10; the last not padded. */
static size_t width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		w += (*p & 0xc0) != 0x80;
	return w;
}

#define NCOLS 8
static void table(struct stats_state *st)
{
	static const char *const head[NCOLS] = { "CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT",
		"MEM %", "NET I/O", "BLOCK I/O", "PIDS" };
	size_t n = 0;
	struct stats_row *rows = xcalloc(st->n + 1, sizeof *rows);
	char **names = xcalloc(st->n + 1, sizeof *names);
	for (size_t i = 0; i < st->n; i++)
		if (st->t[i].have) {
			stats_row(&st->t[i].last, &rows[n]);
			names[n] = str_inert(rows[n].name);
			n++;
		}
	size_t w[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		w[c] = width(head[c]);
	for (size_t i = 0; i < n; i++) {
		const char *cells[NCOLS] = { rows[i].id, names[i], rows[i].cpu, rows[i].mem, rows[i].memp,
			rows[i].net, rows[i].blk, rows[i].pids };
		for (int c = 0; c < NCOLS; c++)
			if (width(cells[c]) > w[c])
				w[c] = width(cells[c]);
	}
	if (st->tty && st->stream)
		fputs("\033[2J\033[H", stdout);
	for (size_t i = 0; i <= n; i++) {
		const char *cells[NCOLS];
		if (i == 0)
			memcpy(cells, head, sizeof cells);
		else {
			const struct stats_row *r = &rows[i - 1];
			const char *v[NCOLS] = { r->id, names[i - 1], r->cpu, r->mem, r->memp, r->net, r->blk, r->pids };
			memcpy(cells, v, sizeof cells);
		}
		for (int c = 0; c < NCOLS; c++) {
			fputs(cells[c], stdout);
			if (c < NCOLS - 1) {
				size_t pad = (w[c] + 3 < 10 ? 10 : w[c] + 3) - width(cells[c]);
				printf("%*s", (int)pad, "");
			}
		}
		putchar('\n');
	}
	fflush(stdout);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(rows);
}

static void on_redraw(void *arg)
{
	table(arg);
}

static void finish_if_done(struct stats_state *st)
{
	/* Streaming without names goes on for containers still to come. */
	if (st->open > 0 || (st->stream && !st->named && st->events))
		return;
	if (!st->json && (!st->stream || !loop_timer_pending(st->redraw)))
		table(st);
	st->done = 1;
}

static void on_sample(const struct stats *s, void *arg)
{
	struct ref *r = arg;
	struct stats_state *st = r->st;
	struct target *t = find(st, r->name);
	if (t == NULL)
		return;
	if (st->json) {
		char *j = stats_json(s);
		puts(j);
		fflush(stdout);
		free(j);
	}
	stats_clear(&t->last);
	t->last = *s;
	t->last.id = xstrdup(s->id);
	t->last.name = xstrdup(s->name);
	t->last.read = xstrdup(s->read);
	t->have = 1;
	if (st->stream && !st->json && !loop_timer_pending(st->redraw))
		loop_timer_start(st->redraw, REDRAW_MS);
}

static void on_end(const struct engine_error *err, void *arg)
{
	struct ref *r = arg;
	struct stats_state *st = r->st;
	struct target *t = find(st, r->name);
	if (t) {
		t->stream = NULL;
		t->ref = NULL;
		t->ended = 1;
		st->open--;
		if (err) {
			cli_error("%s: %s", r->name, err->message);
			st->rc = 1;
		}
	}
	free(r->name);
	free(r);
	finish_if_done(st);
}

/* While streaming every container: the ones that start join, the ones
 * that stop leave. */
static void on_event(const struct event *ev, void *arg)
{
	struct stats_state *st = arg;
	if (strcmp(ev->type, "container") != 0)
		return;
	if (strcmp(ev->action, "start") == 0)
		open_one(st, ev->id);
	else if (strcmp(ev->action, "die") == 0 && !st->all)
		remove_one(st, ev->id);
	else if (strcmp(ev->action, "destroy") == 0)
		remove_one(st, ev->id);
	else
		return;
	if (!st->json && !loop_timer_pending(st->redraw))
		loop_timer_start(st->redraw, REDRAW_MS);
}

static void on_events_end(const struct engine_error *err, void *arg)
{
	struct stats_state *st = arg;
	st->events = NULL;
	if (err) {
		cli_error("%s", err->message);
		st->rc = 1;
	}
	finish_if_done(st);
}

static void on_list(const struct engine_error *err, const struct container_list *l, void *arg)
{
	struct stats_state *st = arg;
	st->list = NULL;
	if (err) {
		cli_error("%s", err->message);
		st->rc = 1;
		st->done = 1;
		return;
	}
	for (size_t i = 0; i < l->n; i++)
		open_one(st, l->v[i].id);
	finish_if_done(st);
}

static void stats_start(struct engine *e, void *arg)
{
	struct stats_state *st = arg;
	st->e = e;
	st->loop = engine_loop(e);
	st->redraw = loop_timer_new(st->loop, on_redraw, st);
	for (int i = 0; i < st->named; i++)
		open_one(st, st->names[i]);
	if (st->named) {
		finish_if_done(st);
		return;
	}
	if (st->stream)
		st->events = engine_events(e, on_event, on_events_end, st);
	st->list = engine_container_list(e, st->all, on_list, st);
}

static void stats_end(void *arg)
{
	struct stats_state *st = arg;
	for (size_t i = 0; i < st->n; i++) {
		if (st->t[i].stream) {
			stats_stream_close(st->t[i].stream);
			free(st->t[i].ref->name);
			free(st->t[i].ref);
		}
		free(st->t[i].name);
		stats_clear(&st->t[i].last);
	}
	free(st->t);
	engine_call_cancel(st->list);
	engine_call_cancel(st->events);
	loop_timer_free(st->redraw);
}

int cmd_stats(const struct cli_global *g, int argc, char **argv)
{
	enum { O_NOSTREAM = 256, O_JSON };
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "no-stream", no_argument, NULL, O_NOSTREAM },
		{ "json", no_argument, NULL, O_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct stats_state st;
	int c;
	memset(&st, 0, sizeof st);
	st.stream = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+ah", opts, NULL)) != -1) {
		switch (c) {
		case 'a': st.all = 1; break;
		case O_NOSTREAM: st.stream = 0; break;
		case O_JSON: st.json = 1; break;
		case 'h': fputs(stats_usage, stdout); return 0;
		default: fputs(stats_usage, stderr); return 2;
		}
	}
	for (int i = optind; i < argc; i++)
		if (*argv[i] == '\0') {
			cli_error("empty container name");
			return 2;
		}
	st.named = argc - optind;
	st.names = argv + optind;
	st.tty = isatty(STDOUT_FILENO);
	if (cli_multi(g)) {
		cli_error("stats works on one engine: give one -H or --context");
		return 2;
	}
	if (cli_with_engine(g, stats_start, stats_end, &st, &st.done, NULL) != 0)
		return 1;
	return st.rc;
}
