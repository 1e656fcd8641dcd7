/* statstream.c: the stats request (see statstream.h): its answer cut into
 * lines over engine/stream.c, each line parsed by engine/stats.c. */
#include "config.h"
#include "engine/statstream.h"
#include "engine/stream.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

/* A stats object is about 2 kB; a line longer than this is garbage. */
#define LINE_MAX_BYTES (1 << 20)

struct stats_stream {
	struct engine_stream *stream;
	stats_sample_cb sample;
	engine_status_cb end;
	void *arg;
	struct buf line;
	unsigned long bad;
	int delivering;   /* inside sample(): a close waits for its return */
	int closed;
};

static void free_stream(struct stats_stream *s)
{
	buf_free(&s->line);
	free(s);
}

/* Each complete line to sample(); 0, or -1 when the reader closed s. */
static int cut_lines(struct stats_stream *s)
{
	for (;;) {
		const char *p = buf_ptr(&s->line);
		size_t n = buf_used(&s->line);
		const char *nl = memchr(p, '\n', n);
		if (nl == NULL) {
			if (n > LINE_MAX_BYTES) {
				s->bad++;
				buf_reset(&s->line);
			}
			return 0;
		}
		size_t ll = (size_t)(nl - p);
		struct stats st;
		char *cause = NULL;
		if (ll > 0 && stats_parse(p, ll, &st, &cause) == 0) {
			s->delivering = 1;
			s->sample(&st, s->arg);
			s->delivering = 0;
			stats_clear(&st);
			if (s->closed)
				return -1;
		} else if (ll > 0) {
			s->bad++;
			free(cause);
		}
		buf_consume(&s->line, ll + 1);
	}
}

static void on_data(const char *p, size_t n, void *arg)
{
	struct stats_stream *s = arg;
	buf_add(&s->line, p, n);
	if (cut_lines(s) != 0)
		stats_stream_close(s);
}

static void on_end(const struct engine_error *err, void *arg)
{
	struct stats_stream *s = arg;
	s->stream = NULL;
	/* The last object may come without its newline. */
	buf_add(&s->line, "\n", 1);
	if (cut_lines(s) != 0) {
		free_stream(s);
		return;
	}
	engine_status_cb end = s->end;
	void *earg = s->arg;
	free_stream(s);
	end(err, earg);
}

struct stats_stream *stats_stream_open(struct engine *e, const char *id, int stream,
    stats_sample_cb sample, engine_status_cb end, void *arg)
{
	struct stats_stream *s = xcalloc(1, sizeof *s);
	s->sample = sample;
	s->end = end;
	s->arg = arg;
	buf_init(&s->line);
	char *cid = engine_escape(id);
	s->stream = engine_stream_open(e, engine_path(e, "/containers/%s/stats?stream=%d", cid, stream ? 1 : 0),
	    on_data, on_end, s);
	free(cid);
	return s;
}

void stats_stream_close(struct stats_stream *s)
{
	if (s == NULL)
		return;
	if (s->delivering) {
		s->closed = 1;
		return;
	}
	engine_stream_close(s->stream);
	free_stream(s);
}

unsigned long stats_stream_bad(const struct stats_stream *s) { return s->bad; }
