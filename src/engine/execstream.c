/* execstream.c: the hijacked exec stream of execstream.h over engine/http.c's
 * connect-only connections. States: connecting, sending the start request,
 * reading the answer head, streaming, closed. A stream freed from inside one
 * of its own callbacks becomes a zombie (no more callbacks) and is freed
 * when the loop callback that led there returns. */
#include "config.h"
#include "engine/execstream.h"
#include "engine/demux.h"
#include "engine/http.h"
#include "engine/httphead.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

enum xs_state { XS_CONNECTING, XS_HEAD, XS_ERRBODY, XS_STREAM, XS_CLOSED };

/* Most bytes read from one stream in one loop turn: then the stream waits
 * for the next turn, so the keyboard and the other streams take turns. */
#define XS_TURN_MAX (1u << 20)

struct exec_stream {
	struct engine *engine;
	struct exec_stream_cb cb;
	void *arg;
	int tty;
	enum xs_state state;
	struct http_req *connecting;
	struct http_conn *conn;
	struct loop_fd *watch;
	struct loop_timer *again;   /* resume reading after a full turn or a pause */
	struct loop_timer *deadline; /* the answer to exec start must come */
	struct buf out;             /* bytes to send (request, then stdin) */
	struct buf in;              /* answer head / error body */
	struct http_head head;
	struct demux demux;
	int stdin_close;            /* half-close once out is empty */
	int stdin_closed;
	int paused;
	int rest_ms;                /* after draining the socket, wait this long */
	int resting;                /* not reading until the again timer */
	unsigned long long bytes;
	int depth;                  /* loop callbacks in progress on this stream */
	int zombie;                 /* freed from inside a callback: free on the way out */
};

static void xs_close(struct exec_stream *s, const char *error);

static void update_watch(struct exec_stream *s)
{
	if (s->watch == NULL)
		return;
	short ev = 0;
	if (!s->paused && !s->resting && s->state != XS_CLOSED)
		ev |= POLLIN;
	if (buf_used(&s->out) > 0 || (s->stdin_close && !s->stdin_closed && s->state == XS_STREAM))
		ev |= POLLOUT;
	loop_fd_set(s->watch, ev);
}

static void demux_out(int stream, const char *p, size_t n, void *arg)
{
	struct exec_stream *s = arg;
	if (stream == DEMUX_STDIN || s->zombie || s->state == XS_CLOSED)
		return;
	s->bytes += n;
	if (s->cb.data)
		s->cb.data(stream == DEMUX_SYSERR ? DEMUX_STDERR : stream, p, n, s->arg);
}

/* Hand stream bytes on. 0, or -1 when the stream was freed or closed. */
static int deliver(struct exec_stream *s, const char *p, size_t n)
{
	if (s->tty) {
		s->bytes += n;
		if (s->cb.data)
			s->cb.data(1, p, n, s->arg);
	} else if (demux_feed(&s->demux, p, n, demux_out, s) != 0 && !s->zombie) {
		xs_close(s, "broken stream frame from the engine");
		return -1;
	}
	return s->zombie || s->state == XS_CLOSED ? -1 : 0;
}

/* The answer head is in s->in: decide what follows. */
static int on_head(struct exec_stream *s)
{
	const char *cause = NULL;
	long hl = httphead_parse(buf_ptr(&s->in), buf_used(&s->in), &s->head, &cause);
	if (hl == 0)
		return 0;
	if (hl < 0) {
		char *m = xasprintf("bad answer to exec start: %s", cause);
		xs_close(s, m);
		free(m);
		return -1;
	}
	buf_consume(&s->in, (size_t)hl);
	if (s->head.status == 101 || s->head.status == 200) {
		s->state = XS_STREAM;
		loop_timer_stop(s->deadline);
		if (s->cb.started)
			s->cb.started(s->arg);
		if (s->zombie || s->state == XS_CLOSED)
			return -1;
		size_t n = buf_used(&s->in);
		if (n > 0) {
			struct buf rest = s->in;
			buf_init(&s->in);
			int r = deliver(s, buf_ptr(&rest), n);
			buf_free(&rest);
			if (r != 0)
				return -1;
		}
		update_watch(s);
		return 0;
	}
	s->state = XS_ERRBODY;
	return 0;
}

static void errbody_done(struct exec_stream *s)
{
	char *m = error_message_parse(buf_ptr(&s->in));
	if (m == NULL)
		m = xstrndup(buf_ptr(&s->in), 200);
	size_t l = strlen(m);
	while (l && (m[l - 1] == '\n' || m[l - 1] == '\r'))
		m[--l] = '\0';
	char *inert = str_inert(m);
	char *full = xasprintf("exec start failed (HTTP %d): %s", s->head.status,
	    *inert ? inert : "no message");
	xs_close(s, full);
	free(full);
	free(inert);
	free(m);
}

static void do_read(struct exec_stream *s)
{
	char tmp[65536];
	size_t used = 0;
	for (;;) {
		if (s->paused || s->zombie || s->state == XS_CLOSED)
			return;
		if (used >= XS_TURN_MAX && s->state == XS_STREAM) {
			loop_timer_start(s->again, 0);
			return;
		}
		const char *err = NULL;
		ssize_t n = http_conn_recv(s->conn, tmp, sizeof tmp, &err);
		if (n < 0 && errno == EAGAIN) {
			/* Resting lets the next output gather in the socket, to be
			 * read at once rather than a few bytes at each wakeup. */
			if (used > 0 && s->rest_ms > 0 && s->state == XS_STREAM) {
				s->resting = 1;
				update_watch(s);
				loop_timer_start(s->again, s->rest_ms);
			}
			return;
		}
		if (n < 0) {
			char *m = xasprintf("exec stream read failed: %s", err ? err : "error");
			xs_close(s, m);
			free(m);
			return;
		}
		if (n == 0) {
			if (s->state == XS_STREAM) {
				if (!s->tty && !demux_at_boundary(&s->demux))
					xs_close(s, "exec stream ended inside a frame");
				else
					xs_close(s, NULL);
			} else if (s->state == XS_ERRBODY)
				errbody_done(s);
			else
				xs_close(s, "the engine closed the connection before answering exec start");
			return;
		}
		used += (size_t)n;
		switch (s->state) {
		case XS_STREAM:
			if (deliver(s, tmp, (size_t)n) != 0)
				return;
			break;
		case XS_HEAD:
			buf_add(&s->in, tmp, (size_t)n);
			if (on_head(s) != 0)
				return;
			if (s->state == XS_ERRBODY && s->head.content_length >= 0 &&
			    (long long)buf_used(&s->in) >= s->head.content_length) {
				errbody_done(s);
				return;
			}
			break;
		case XS_ERRBODY:
			buf_add(&s->in, tmp, (size_t)n);
			if ((s->head.content_length >= 0 &&
			    (long long)buf_used(&s->in) >= s->head.content_length) ||
			    buf_used(&s->in) > 65536) {
				errbody_done(s);
				return;
			}
			break;
		default:
			return;
		}
	}
}

static int do_write(struct exec_stream *s)
{
	while (buf_used(&s->out) > 0) {
		const char *err = NULL;
		ssize_t n = http_conn_send(s->conn, buf_ptr(&s->out), buf_used(&s->out), &err);
		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0) {
			char *m = xasprintf("exec stream write failed: %s", err ? err : "error");
			xs_close(s, m);
			free(m);
			return -1;
		}
		buf_consume(&s->out, (size_t)n);
	}
	if (buf_used(&s->out) == 0 && s->stdin_close && !s->stdin_closed && s->state == XS_STREAM) {
		shutdown(http_conn_fd(s->conn), SHUT_WR);
		s->stdin_closed = 1;
	}
	update_watch(s);
	return 0;
}

static void xs_destroy(struct exec_stream *s);

static void leave(struct exec_stream *s)
{
	if (--s->depth == 0 && s->zombie)
		xs_destroy(s);
}

static void on_fd(int fd, short revents, void *arg)
{
	struct exec_stream *s = arg;
	s->depth++;
	if ((revents & POLLOUT) && do_write(s) != 0) {
		leave(s);
		return;
	}
	if (!s->zombie && (revents & (POLLIN | POLLHUP | POLLERR)))
		do_read(s);
	leave(s);
}

static void on_deadline(void *arg)
{
	struct exec_stream *s = arg;
	s->depth++;
	if (s->state != XS_STREAM) {
		char *m = xasprintf("the engine at %s did not answer exec start in time",
		    engine_endpoint(s->engine)->display);
		xs_close(s, m);
		free(m);
	}
	leave(s);
}

static void on_again(void *arg)
{
	struct exec_stream *s = arg;
	s->depth++;
	if (s->resting) {
		s->resting = 0;
		update_watch(s);
	}
	do_read(s);
	leave(s);
}

static void on_connected(struct http_conn *conn, const char *error, void *arg)
{
	struct exec_stream *s = arg;
	s->connecting = NULL;
	s->depth++;
	if (conn == NULL) {
		char *m = engine_unreachable_text(s->engine, error);
		xs_close(s, m);
		free(m);
	} else {
		s->conn = conn;
		s->state = XS_HEAD;
		s->watch = loop_fd_add(engine_loop(s->engine), http_conn_fd(conn), POLLIN | POLLOUT, on_fd, s);
		do_write(s);
	}
	leave(s);
}

struct exec_stream *exec_stream_open(struct engine *e, const char *exec_id, int tty,
    int rows, int cols, const struct exec_stream_cb *cb, void *arg)
{
	struct exec_stream *s = xcalloc(1, sizeof *s);
	s->engine = e;
	s->cb = *cb;
	s->arg = arg;
	s->tty = tty;
	buf_init(&s->out);
	buf_init(&s->in);
	demux_init(&s->demux);
	s->again = loop_timer_new(engine_loop(e), on_again, s);
	s->deadline = loop_timer_new(engine_loop(e), on_deadline, s);
	loop_timer_start(s->deadline, engine_timeout(e));
	char *body = tty && rows > 0 && cols > 0 ?
	    xasprintf("{\"Detach\":false,\"Tty\":true,\"h\":%d,\"w\":%d}", rows, cols) :
	    xasprintf("{\"Detach\":false,\"Tty\":%s}", tty ? "true" : "false");
	char *path = engine_path(e, "/exec/%s/start", exec_id);
	const struct endpoint *ep = engine_endpoint(e);
	buf_addf(&s->out, "POST %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: porthole/%s\r\n"
	    "Content-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
	    "Content-Length: %zu\r\n\r\n%s",
	    path, ep->kind == ENDPOINT_UNIX ? "localhost" : ep->host, PACKAGE_VERSION,
	    strlen(body), body);
	free(path);
	free(body);
	s->connecting = http_connect(engine_http(e), ENGINE_TIMEOUT_MS, on_connected, s);
	return s;
}

static void xs_release(struct exec_stream *s)
{
	if (s->connecting) {
		http_req_cancel(s->connecting);
		s->connecting = NULL;
	}
	if (s->watch) {
		loop_fd_del(s->watch);
		s->watch = NULL;
	}
	if (s->conn) {
		http_conn_close(s->conn);
		s->conn = NULL;
	}
	loop_timer_stop(s->again);
	loop_timer_stop(s->deadline);
}

static void xs_close(struct exec_stream *s, const char *error)
{
	if (s->state == XS_CLOSED || s->zombie)
		return;
	s->state = XS_CLOSED;
	xs_release(s);
	if (s->cb.closed)
		s->cb.closed(error, s->arg);
}

static void xs_destroy(struct exec_stream *s)
{
	xs_release(s);
	loop_timer_free(s->again);
	loop_timer_free(s->deadline);
	buf_free(&s->out);
	buf_free(&s->in);
	free(s);
}

void exec_stream_free(struct exec_stream *s)
{
	if (s == NULL)
		return;
	if (s->depth > 0) {
		s->zombie = 1;
		memset(&s->cb, 0, sizeof s->cb);
		xs_release(s);
		return;
	}
	xs_destroy(s);
}

void exec_stream_write(struct exec_stream *s, const void *p, size_t n)
{
	if (s->state == XS_CLOSED || s->stdin_close)
		return;
	int was_empty = buf_used(&s->out) == 0;
	buf_add(&s->out, p, n);
	/* A key goes out now rather than at the next poll, a loop turn (and
	 * that turn's output work) later. A failure is left to on_fd, which
	 * sees it at the next poll and closes the stream from there. */
	if (was_empty && s->state == XS_STREAM && s->conn) {
		const char *err = NULL;
		ssize_t w = http_conn_send(s->conn, buf_ptr(&s->out), buf_used(&s->out), &err);
		if (w > 0)
			buf_consume(&s->out, (size_t)w);
	}
	update_watch(s);
}

size_t exec_stream_pending(const struct exec_stream *s) { return buf_used(&s->out); }

void exec_stream_close_stdin(struct exec_stream *s)
{
	s->stdin_close = 1;
	update_watch(s);
}

void exec_stream_pause(struct exec_stream *s, int paused)
{
	s->paused = paused;
	update_watch(s);
	if (!paused && s->state == XS_STREAM)
		loop_timer_start(s->again, 0);
}

void exec_stream_set_rest(struct exec_stream *s, int ms)
{
	s->rest_ms = ms > 0 ? ms : 0;
	if (s->rest_ms == 0 && s->resting) {
		s->resting = 0;
		update_watch(s);
		loop_timer_start(s->again, 0);
	}
}

unsigned long long exec_stream_bytes(const struct exec_stream *s) { return s->bytes; }
