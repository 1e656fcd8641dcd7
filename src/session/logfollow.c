/* logfollow.c: a logs tab's follower (see logfollow.h): inspect, ask the
 * log (engine/logs.h), read it into the book (session/logbook.h), and on
 * the answer's end inspect again to resume or wait. Called by
 * session/session.c for the tabs of kind logs. */
#include "config.h"
#include "session/logfollow.h"
#include "engine/logs.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

/* An answer that ends this soon after it was asked, while the container
 * runs, is asked again only after a pause that doubles each time up to
 * RETRY_MAX_MS: an engine that ends follow answers at once must not make
 * a loop of requests. */
#define SHORT_ANSWER_MS 500
#define RETRY_FIRST_MS 250
#define RETRY_MAX_MS 5000

struct logfollow {
	struct engine *e;
	char *container;            /* as given, then the full id */
	struct logfollow_opts o;
	char *prefix;
	struct logfollow_cb cb;
	void *arg;
	enum logfollow_state state;
	char *cause;
	char *ctr_state;
	int exit_code;
	int tty;
	int asked;                  /* the log was asked at least once */
	int removed;                /* the engine said the container is gone */
	struct engine_call *inspect;
	struct logs *logs;
	struct logbook book;
	struct buf out;
	int64_t opened_ms;
	int64_t retry_ms;
	struct loop_timer *retry;
	unsigned resumes;
};

static void inspect(struct logfollow *f);

static void changed(struct logfollow *f)
{
	if (f->cb.changed)
		f->cb.changed(f->arg);
}

static void set_state(struct logfollow *f, enum logfollow_state st, const char *cause)
{
	char *c = cause ? xstrdup(cause) : NULL; /* cause may be f->cause */
	free(f->cause);
	f->cause = c;
	f->state = st;
	changed(f);
}

static struct logbook_look look(const struct logfollow *f)
{
	struct logbook_look l = { f->o.timestamps, f->prefix };
	return l;
}

static void flush(struct logfollow *f, int reset)
{
	if (buf_used(&f->out) == 0 && !reset)
		return;
	f->cb.output(buf_ptr(&f->out), buf_used(&f->out), reset, f->arg);
	buf_reset(&f->out);
}

static void on_data(int stream, const char *p, size_t n, int frame_end, void *arg)
{
	struct logfollow *f = arg;
	struct logbook_look l = look(f);
	logbook_feed(&f->book, stream, p, n, frame_end, &l, &f->out);
	flush(f, 0);
}

static void on_end(const struct engine_error *err, void *arg)
{
	struct logfollow *f = arg;
	f->logs = NULL;
	struct logbook_look l = look(f);
	logbook_end(&f->book, &l, &f->out);
	flush(f, 0);
	if (err && err->status == 0) {
		/* The engine went away: wait for it to come back. */
		set_state(f, LOGFOLLOW_STOPPED, err->message);
		return;
	}
	if (err) {
		set_state(f, LOGFOLLOW_FAILED, f->removed && err->status == 404 ? "the container was removed" :
		    err->message);
		return;
	}
	if (f->removed) {
		set_state(f, LOGFOLLOW_FAILED, "the container was removed");
		return;
	}
	/* Short answers in a row while it runs: pause before the next. */
	if (loop_now_ms() - f->opened_ms < SHORT_ANSWER_MS)
		f->retry_ms = f->retry_ms ? (f->retry_ms * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : f->retry_ms * 2) :
		    RETRY_FIRST_MS;
	else
		f->retry_ms = 0;
	/* It stopped, or stopped and ran again already: ask. */
	inspect(f);
}

static void open_logs(struct logfollow *f)
{
	char since[32] = "";
	struct logs_opts o;
	memset(&o, 0, sizeof o);
	o.follow = 1;
	o.timestamps = 1;   /* to resume and to drop what comes twice */
	o.tail = -1;
	if (!f->asked)
		o.tail = f->o.tail;
	else if (logbook_resume(&f->book, since, sizeof since)) {
		o.since = since;
		f->resumes++;
	}
	f->asked = 1;
	f->opened_ms = loop_now_ms();
	f->logs = logs_open(f->e, f->container, &o, f->tty, on_data, on_end, f);
}

static void on_retry(void *arg)
{
	struct logfollow *f = arg;
	if (f->logs == NULL && f->state != LOGFOLLOW_FAILED)
		open_logs(f);
}

static void on_inspect(const struct engine_error *err, const struct container_info *c, void *arg)
{
	struct logfollow *f = arg;
	f->inspect = NULL;
	if (err && err->status == 0) {
		set_state(f, LOGFOLLOW_STOPPED, err->message);
		return;
	}
	if (err) {
		set_state(f, LOGFOLLOW_FAILED, f->asked && err->status == 404 ? "the container was removed" :
		    err->message);
		return;
	}
	free(f->container);
	f->container = xstrdup(c->id);
	free(f->ctr_state);
	f->ctr_state = xstrdup(c->status ? c->status : "?");
	f->exit_code = c->running ? -1 : c->exit_code;
	f->tty = c->tty;
	int running = c->running || c->restarting;
	if (f->logs == NULL && (running || !f->asked)) {
		/* A stopped container's log so far, once; a running one's
		 * for as long as it runs. */
		if (running && f->retry_ms > 0)
			loop_timer_start(f->retry, f->retry_ms);
		else
			open_logs(f);
	}
	if (running)
		set_state(f, LOGFOLLOW_FOLLOWING, NULL);
	else
		set_state(f, LOGFOLLOW_STOPPED, NULL);
}

static void inspect(struct logfollow *f)
{
	if (f->inspect == NULL)
		f->inspect = engine_container_inspect(f->e, f->container, on_inspect, f);
}

struct logfollow *logfollow_new(struct engine *e, const char *container, const struct logfollow_opts *o,
    const struct logfollow_cb *cb, void *arg)
{
	struct logfollow *f = xcalloc(1, sizeof *f);
	f->e = e;
	f->container = xstrdup(container);
	f->o = *o;
	f->prefix = xstrdup(o->stderr_prefix ? o->stderr_prefix : "");
	f->o.stderr_prefix = f->prefix;
	f->cb = *cb;
	f->arg = arg;
	f->exit_code = -1;
	f->state = LOGFOLLOW_STARTING;
	logbook_init(&f->book, o->keep);
	buf_init(&f->out);
	f->retry = loop_timer_new(engine_loop(e), on_retry, f);
	inspect(f);
	return f;
}

void logfollow_free(struct logfollow *f)
{
	if (f == NULL)
		return;
	engine_call_cancel(f->inspect);
	logs_close(f->logs);
	loop_timer_free(f->retry);
	logbook_free(&f->book);
	buf_free(&f->out);
	free(f->container);
	free(f->prefix);
	free(f->cause);
	free(f->ctr_state);
	free(f);
}

void logfollow_note_started(struct logfollow *f)
{
	f->retry_ms = 0;
	if (f->state != LOGFOLLOW_FAILED && f->logs == NULL && !loop_timer_pending(f->retry))
		inspect(f);
}

void logfollow_note_removed(struct logfollow *f)
{
	f->removed = 1;
	if (f->logs == NULL && f->inspect == NULL && f->state != LOGFOLLOW_FAILED) {
		loop_timer_stop(f->retry);
		set_state(f, LOGFOLLOW_FAILED, "the container was removed");
	}
}

void logfollow_note_engine_back(struct logfollow *f)
{
	if (f->state == LOGFOLLOW_STOPPED && f->logs == NULL)
		inspect(f);
}

int logfollow_retry(struct logfollow *f)
{
	if (f->state != LOGFOLLOW_FAILED || f->removed)
		return -1;
	f->retry_ms = 0;
	set_state(f, LOGFOLLOW_STARTING, NULL);
	inspect(f);
	return 0;
}

void logfollow_set_timestamps(struct logfollow *f, int on)
{
	f->o.timestamps = on ? 1 : 0;
	struct logbook_look l = look(f);
	buf_reset(&f->out);
	logbook_render_all(&f->book, &l, &f->out);
	flush(f, 1);
}

int logfollow_timestamps(const struct logfollow *f) { return f->o.timestamps; }
enum logfollow_state logfollow_state(const struct logfollow *f) { return f->state; }
const char *logfollow_cause(const struct logfollow *f) { return f->cause; }
const char *logfollow_container_state(const struct logfollow *f) { return f->ctr_state ? f->ctr_state : "?"; }
int logfollow_exit_code(const struct logfollow *f) { return f->exit_code; }
unsigned logfollow_resumes(const struct logfollow *f) { return f->resumes; }
const struct logbook *logfollow_book(const struct logfollow *f) { return &f->book; }
