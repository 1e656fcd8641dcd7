/* logs.c: the logs request (see logs.h): its query, then the answer through
 * the demultiplexer (engine/demux.h) or as it is. */
#include "config.h"
#include "engine/logs.h"
#include "engine/demux.h"
#include "engine/stream.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

struct logs {
	struct engine_stream *stream;
	int tty;
	struct demux demux;
	logs_data_cb data;
	engine_status_cb end;
	void *arg;
	int feeding;    /* inside demux_feed: a close waits for its end */
	int closed;
};

char *logs_path(struct engine *e, const char *id, const struct logs_opts *o)
{
	struct buf q;
	buf_init(&q);
	int both = !o->out && !o->err;
	buf_addf(&q, "stdout=%d&stderr=%d", both || o->out, both || o->err);
	if (o->follow)
		buf_adds(&q, "&follow=1");
	if (o->timestamps)
		buf_adds(&q, "&timestamps=1");
	if (o->tail >= 0)
		buf_addf(&q, "&tail=%ld", o->tail);
	if (o->since && *o->since) {
		char *v = engine_escape(o->since);
		buf_addf(&q, "&since=%s", v);
		free(v);
	}
	if (o->until && *o->until) {
		char *v = engine_escape(o->until);
		buf_addf(&q, "&until=%s", v);
		free(v);
	}
	char *cid = engine_escape(id);
	char *path = engine_path(e, "/containers/%s/logs?%s", cid, buf_ptr(&q));
	free(cid);
	buf_free(&q);
	return path;
}

static void on_frame(int stream, const char *p, size_t n, void *arg)
{
	struct logs *l = arg;
	if (l->closed)
		return;
	/* demux_feed() lowers remain after this call: equal means the piece
	 * ends the frame. */
	int end = l->demux.remain == n;
	if (stream == DEMUX_STDOUT || stream == DEMUX_STDERR)
		l->data(stream, p, n, end, l->arg);
}

static void on_data(const char *p, size_t n, void *arg)
{
	struct logs *l = arg;
	if (l->tty) {
		l->data(DEMUX_STDOUT, p, n, 0, l->arg);
		return;
	}
	l->feeding = 1;
	int rc = demux_feed(&l->demux, p, n, on_frame, l);
	l->feeding = 0;
	if (l->closed) {
		logs_close(l);
		return;
	}
	if (rc != 0) {
		struct engine_error err = { 0, 0, "the engine's log stream is garbled (a bad frame header)" };
		engine_status_cb end = l->end;
		void *earg = l->arg;
		logs_close(l);
		end(&err, earg);
	}
}

static void on_end(const struct engine_error *err, void *arg)
{
	struct logs *l = arg;
	l->stream = NULL;
	engine_status_cb end = l->end;
	void *earg = l->arg;
	free(l);
	end(err, earg);
}

struct logs *logs_open(struct engine *e, const char *id, const struct logs_opts *o, int tty,
    logs_data_cb data, engine_status_cb end, void *arg)
{
	struct logs *l = xcalloc(1, sizeof *l);
	l->tty = tty;
	l->data = data;
	l->end = end;
	l->arg = arg;
	demux_init(&l->demux);
	l->stream = engine_stream_open(e, logs_path(e, id, o), on_data, on_end, l);
	return l;
}

void logs_close(struct logs *l)
{
	if (l == NULL)
		return;
	if (l->feeding) {
		l->closed = 1;
		return;
	}
	engine_stream_close(l->stream);
	free(l);
}
