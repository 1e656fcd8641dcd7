/* stream.c: a streamed GET with the engine's error handling (see stream.h),
 * over engine/http.c's streamed requests. */
#include "config.h"
#include "engine/stream.h"
#include "engine/http.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

/* An error answer bigger than this is cut: only its message is wanted. */
#define ERROR_BODY_MAX 65536

struct engine_stream {
	struct engine *e;
	struct http_req *req;
	engine_stream_data_cb data;
	engine_status_cb end;
	void *arg;
	struct buf errbody;    /* the body of an answer that is not 2xx */
};

static int on_chunk(const char *p, size_t n, void *arg)
{
	struct engine_stream *s = arg;
	int status = http_req_status(s->req);
	if (status >= 200 && status < 300) {
		s->data(p, n, s->arg); /* may close s */
		return 0;
	}
	if (buf_used(&s->errbody) < ERROR_BODY_MAX)
		buf_add(&s->errbody, p, n);
	return 0;
}

static void on_done(const struct http_result *res, void *arg)
{
	struct engine_stream *s = arg;
	struct http_result r = *res;
	s->req = NULL;
	if (r.status >= 300 || r.status < 200) {
		r.body = buf_ptr(&s->errbody);
		r.len = buf_used(&s->errbody);
	}
	struct engine_error err;
	memset(&err, 0, sizeof err);
	char *msg = engine_result_message(s->e, &r, &err.status, &err.timed_out);
	err.message = msg;
	engine_status_cb end = s->end;
	void *earg = s->arg;
	buf_free(&s->errbody);
	free(s);
	end(msg ? &err : NULL, earg);
	free(msg);
}

struct engine_stream *engine_stream_open(struct engine *e, char *path, engine_stream_data_cb data,
    engine_status_cb end, void *arg)
{
	struct engine_stream *s = xcalloc(1, sizeof *s);
	s->e = e;
	s->data = data;
	s->end = end;
	s->arg = arg;
	buf_init(&s->errbody);
	s->req = http_request(engine_http(e), "GET", path, NULL, 0, on_chunk, on_done, s);
	free(path);
	return s;
}

void engine_stream_close(struct engine_stream *s)
{
	if (s == NULL)
		return;
	http_req_cancel(s->req);
	buf_free(&s->errbody);
	free(s);
}
