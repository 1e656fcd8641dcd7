/* http.c: libcurl multi glued to the core loop (see http.h). Used by the
 * engine API calls, the events stream and the exec stream hijack.
 *
 * libcurl refuses multi calls (add, remove) from inside its own callbacks,
 * so no caller code runs there: streamed body data is only collected in the
 * write callback and handed to the caller from a zero timer, and completion
 * callbacks run after curl_multi_socket_action() has returned. */
#include "config.h"
#include "engine/http.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <curl/curl.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

struct http_req {
	struct http *http;
	CURL *easy;
	struct curl_slist *headers;
	char *url;
	char *reqbody;
	struct buf body;
	struct buf head;
	struct buf pending;   /* streamed data not yet handed to chunk */
	http_chunk_cb chunk;
	int too_big;          /* the body passed HTTP_BODY_MAX */
	http_done_cb done;
	http_conn_cb conn_done;
	void *arg;
	struct http_req *prev, *next;
	char errbuf[CURL_ERROR_SIZE];
};

struct http_conn {
	struct http *http;
	CURL *easy; /* stays in the multi: removing it would close the socket */
	int fd;
};

struct http {
	struct loop *loop;
	CURLM *multi;
	struct loop_timer *timer;
	struct loop_timer *deliver;   /* hands streamed data on, outside curl */
	struct endpoint ep;
	char *base;
	struct http_req *reqs;
};

static int curl_inited;

static void check_done(struct http *h);
static void deliver_all(void *arg);

static void sock_event(int fd, short revents, void *arg)
{
	struct http *h = arg;
	int mask = 0, running;
	if (revents & POLLIN)
		mask |= CURL_CSELECT_IN;
	if (revents & POLLOUT)
		mask |= CURL_CSELECT_OUT;
	if (revents & (POLLERR | POLLHUP | POLLNVAL))
		mask |= CURL_CSELECT_ERR;
	curl_multi_socket_action(h->multi, fd, mask, &running);
	check_done(h);
}

static int sock_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
	struct http *h = userp;
	struct loop_fd *f = socketp;
	if (what == CURL_POLL_REMOVE) {
		if (f != NULL) {
			loop_fd_del(f);
			curl_multi_assign(h->multi, s, NULL);
		}
		return 0;
	}
	short ev = 0;
	if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
		ev |= POLLIN;
	if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
		ev |= POLLOUT;
	if (f == NULL) {
		f = loop_fd_add(h->loop, s, ev, sock_event, h);
		curl_multi_assign(h->multi, s, f);
	} else
		loop_fd_set(f, ev);
	return 0;
}

static void timer_fired(void *arg)
{
	struct http *h = arg;
	int running;
	curl_multi_socket_action(h->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(h);
}

static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct http *h = userp;
	if (timeout_ms < 0)
		loop_timer_stop(h->timer);
	else
		loop_timer_start(h->timer, timeout_ms);
	return 0;
}

struct http *http_new(struct loop *loop, const struct endpoint *ep)
{
	if (!curl_inited) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		curl_inited = 1;
	}
	struct http *h = xcalloc(1, sizeof *h);
	h->loop = loop;
	endpoint_copy(&h->ep, ep);
	if (ep->kind == ENDPOINT_UNIX)
		h->base = xstrdup("http://localhost");
	else if (strchr(ep->host, ':'))
		h->base = xasprintf("%s://[%s]:%d", ep->tls ? "https" : "http", ep->host, ep->port);
	else
		h->base = xasprintf("%s://%s:%d", ep->tls ? "https" : "http", ep->host, ep->port);
	h->multi = curl_multi_init();
	h->timer = loop_timer_new(loop, timer_fired, h);
	h->deliver = loop_timer_new(loop, deliver_all, h);
	curl_multi_setopt(h->multi, CURLMOPT_SOCKETFUNCTION, sock_cb);
	curl_multi_setopt(h->multi, CURLMOPT_SOCKETDATA, h);
	curl_multi_setopt(h->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(h->multi, CURLMOPT_TIMERDATA, h);
	/* Idle keep-alive connections kept for reuse: enough for a burst of
	 * API calls, not one per tab ever opened. */
	curl_multi_setopt(h->multi, CURLMOPT_MAXCONNECTS, 16L);
	return h;
}

const struct endpoint *http_endpoint(const struct http *h) { return &h->ep; }

static void req_unlink_free(struct http_req *r)
{
	struct http *h = r->http;
	if (r->prev)
		r->prev->next = r->next;
	else
		h->reqs = r->next;
	if (r->next)
		r->next->prev = r->prev;
	if (r->easy) {
		curl_multi_remove_handle(h->multi, r->easy);
		curl_easy_cleanup(r->easy);
	}
	curl_slist_free_all(r->headers);
	free(r->url);
	free(r->reqbody);
	buf_free(&r->body);
	buf_free(&r->head);
	buf_free(&r->pending);
	free(r);
}

void http_free(struct http *h)
{
	if (h == NULL)
		return;
	while (h->reqs)
		req_unlink_free(h->reqs);
	curl_multi_cleanup(h->multi);
	loop_timer_free(h->timer);
	loop_timer_free(h->deliver);
	endpoint_clear(&h->ep);
	free(h->base);
	free(h);
}

static size_t write_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	struct http_req *r = arg;
	size_t n = size * nmemb;
	if (r->chunk) {
		buf_add(&r->pending, p, n);
		loop_timer_start(r->http->deliver, 0);
		return n;
	}
	if (buf_used(&r->body) + n > HTTP_BODY_MAX) {
		r->too_big = 1;
		return 0; /* abort the transfer */
	}
	buf_add(&r->body, p, n);
	return n;
}

static size_t header_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	struct http_req *r = arg;
	size_t n = size * nmemb;
	if (n >= 5 && strncmp(p, "HTTP/", 5) == 0)
		buf_reset(&r->head); /* a new response (after 100 Continue) */
	if (buf_used(&r->head) < 65536)
		buf_add(&r->head, p, n);
	return n;
}

char *http_header(const char *headers, const char *name)
{
	size_t k = strlen(name);
	const char *line = headers;
	while (line && *line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		if (n > k && strncasecmp(line, name, k) == 0 && line[k] == ':') {
			const char *v = line + k + 1, *e = line + n;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			while (e > v && (e[-1] == '\r' || e[-1] == ' '))
				e--;
			return xstrndup(v, (size_t)(e - v));
		}
		line = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* Say what is wrong with a unix socket better than curl's "Failed to
 * connect to localhost port 80". */
static char *unix_error(const char *path, CURLcode rc, const char *curl_text)
{
	struct stat st;
	if (rc != CURLE_COULDNT_CONNECT)
		return xstrdup(curl_text);
	if (stat(path, &st) != 0)
		return xasprintf("no socket at %s (%s)", path, strerror(errno));
	if (!S_ISSOCK(st.st_mode))
		return xasprintf("%s is not a socket", path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strncpy(sa.sun_path, path, sizeof sa.sun_path - 1);
	int e = 0;
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0)
		e = errno;
	if (fd >= 0)
		close(fd);
	if (e == ECONNREFUSED)
		return xasprintf("nothing listens on %s (connection refused)", path);
	if (e != 0)
		return xasprintf("cannot connect to %s: %s", path, strerror(e));
	return xstrdup(curl_text);
}

static struct http_req *req_new(struct http *h, const char *path, long timeout_ms, void *arg)
{
	struct http_req *r = xcalloc(1, sizeof *r);
	r->http = h;
	r->arg = arg;
	buf_init(&r->body);
	buf_init(&r->head);
	buf_init(&r->pending);
	r->easy = curl_easy_init();
	r->url = xasprintf("%s%s", h->base, path);
	CURL *e = r->easy;
	curl_easy_setopt(e, CURLOPT_URL, r->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, r);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms > 0 && timeout_ms < 10000 ? timeout_ms : 10000L);
	if (timeout_ms > 0)
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout_ms);
	if (h->ep.kind == ENDPOINT_UNIX)
		curl_easy_setopt(e, CURLOPT_UNIX_SOCKET_PATH, h->ep.path);
	if (h->ep.tls) {
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, h->ep.tls_verify ? 1L : 0L);
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, h->ep.tls_verify ? 2L : 0L);
		if (h->ep.ca)
			curl_easy_setopt(e, CURLOPT_CAINFO, h->ep.ca);
		if (h->ep.cert)
			curl_easy_setopt(e, CURLOPT_SSLCERT, h->ep.cert);
		if (h->ep.key)
			curl_easy_setopt(e, CURLOPT_SSLKEY, h->ep.key);
	}
	r->next = h->reqs;
	if (h->reqs)
		h->reqs->prev = r;
	h->reqs = r;
	return r;
}

struct http_req *http_request(struct http *h, const char *method, const char *path,
    const char *body, long timeout_ms, http_chunk_cb chunk, http_done_cb done, void *arg)
{
	struct http_req *r = req_new(h, path, timeout_ms, arg);
	CURL *e = r->easy;
	r->chunk = chunk;
	r->done = done;
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "porthole/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "POST") == 0) {
		r->reqbody = xstrdup(body ? body : "");
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->reqbody);
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)strlen(r->reqbody));
		if (body)
			r->headers = curl_slist_append(r->headers, "Content-Type: application/json");
		r->headers = curl_slist_append(r->headers, "Expect:");
	}
	if (r->headers)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers);
	curl_multi_add_handle(h->multi, e);
	return r;
}

struct http_req *http_connect(struct http *h, long timeout_ms, http_conn_cb done, void *arg)
{
	struct http_req *r = req_new(h, "/", timeout_ms, arg);
	r->conn_done = done;
	curl_easy_setopt(r->easy, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(r->easy, CURLOPT_TIMEOUT_MS, 0L);
	curl_multi_add_handle(h->multi, r->easy);
	return r;
}

void http_req_cancel(struct http_req *r)
{
	if (r != NULL)
		req_unlink_free(r);
}

int http_req_status(const struct http_req *r)
{
	long code = 0;
	if (r->easy == NULL || curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code) != CURLE_OK)
		return 0;
	return (int)code;
}

/* Hand one request's streamed data to its chunk callback. Returns 0, or -1
 * when the request was cancelled or freed meanwhile (r is gone). */
static int deliver_one(struct http_req *r)
{
	struct http *h = r->http;
	while (buf_used(&r->pending) > 0) {
		struct buf data = r->pending;
		buf_init(&r->pending);
		int rc = r->chunk(buf_ptr(&data), buf_used(&data), r->arg);
		buf_free(&data);
		/* The callback may have cancelled this request. */
		struct http_req *q;
		for (q = h->reqs; q && q != r; q = q->next)
			;
		if (q == NULL)
			return -1;
		if (rc != 0) {
			http_done_cb cb = r->done;
			void *arg = r->arg;
			req_unlink_free(r);
			struct http_result res;
			memset(&res, 0, sizeof res);
			res.error = "stopped by its reader";
			res.body = res.headers = "";
			if (cb)
				cb(&res, arg);
			return -1;
		}
	}
	return 0;
}

static void deliver_all(void *arg)
{
	struct http *h = arg;
	struct http_req *r;
again:
	for (r = h->reqs; r; r = r->next)
		if (r->chunk && buf_used(&r->pending) > 0) {
			deliver_one(r);
			goto again; /* the list may have changed */
		}
}

static void finish(struct http_req *r, CURLcode rc)
{
	struct http_result res;
	memset(&res, 0, sizeof res);
	if (r->conn_done) {
		if (rc != CURLE_OK) {
			const char *err = r->errbuf[0] ? r->errbuf : curl_easy_strerror(rc);
			char *copy = r->http->ep.kind == ENDPOINT_UNIX ?
			    unix_error(r->http->ep.path, rc, err) : xstrdup(err);
			http_conn_cb cb = r->conn_done;
			void *arg = r->arg;
			req_unlink_free(r);
			cb(NULL, copy, arg);
			free(copy);
			return;
		}
		struct http_conn *c = xcalloc(1, sizeof *c);
		curl_socket_t s = CURL_SOCKET_BAD;
		curl_easy_getinfo(r->easy, CURLINFO_ACTIVESOCKET, &s);
		c->http = r->http;
		c->easy = r->easy;
		c->fd = (int)s;
		/* The error buffer lives in the request, freed below; curl
		 * would write send/recv errors into it. */
		curl_easy_setopt(c->easy, CURLOPT_ERRORBUFFER, NULL);
		curl_easy_setopt(c->easy, CURLOPT_PRIVATE, NULL);
		r->easy = NULL; /* the connection owns it now */
		http_conn_cb cb = r->conn_done;
		void *arg = r->arg;
		req_unlink_free(r);
		cb(c, NULL, arg);
		return;
	}
	if (r->chunk && deliver_one(r) != 0)
		return;
	long code = 0;
	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
	char *err = NULL;
	if (rc != CURLE_OK && r->too_big) {
		err = xasprintf("the engine's answer is too large (over %d MiB): refused", HTTP_BODY_MAX >> 20);
		res.status = 0;
	} else if (rc != CURLE_OK) {
		const char *t = r->errbuf[0] ? r->errbuf : curl_easy_strerror(rc);
		err = r->http->ep.kind == ENDPOINT_UNIX ? unix_error(r->http->ep.path, rc, t) : xstrdup(t);
		res.status = 0;
		res.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
	} else
		res.status = (int)code;
	res.error = err;
	res.body = buf_ptr(&r->body);
	res.len = buf_used(&r->body);
	http_done_cb cb = r->done;
	void *arg = r->arg;
	/* Unlink first so the callback may free the http or start new ones;
	 * keep the body alive across the call. */
	struct buf body = r->body, head = r->head;
	buf_init(&r->body);
	buf_init(&r->head);
	req_unlink_free(r);
	res.body = buf_ptr(&body);
	res.headers = buf_ptr(&head);
	if (cb)
		cb(&res, arg);
	buf_free(&body);
	buf_free(&head);
	free(err);
}

static void check_done(struct http *h)
{
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(h->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		struct http_req *r = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&r);
		CURLcode rc = m->data.result;
		if (r != NULL && r->easy == m->easy_handle)
			finish(r, rc);
	}
}

int http_conn_fd(const struct http_conn *c) { return c->fd; }

/* send/recv results in the manner of send(2)/recv(2). */
static ssize_t conn_result(CURLcode rc, size_t n, const char **error)
{
	if (rc == CURLE_OK)
		return (ssize_t)n;
	if (rc == CURLE_AGAIN) {
		errno = EAGAIN;
		return -1;
	}
	if (error)
		*error = curl_easy_strerror(rc);
	errno = EIO;
	return -1;
}

ssize_t http_conn_send(struct http_conn *c, const void *p, size_t n, const char **error)
{
	size_t sent = 0;
	CURLcode rc = curl_easy_send(c->easy, p, n, &sent);
	return conn_result(rc, sent, error);
}

ssize_t http_conn_recv(struct http_conn *c, void *p, size_t n, const char **error)
{
	size_t got = 0;
	CURLcode rc = curl_easy_recv(c->easy, p, n, &got);
	return conn_result(rc, got, error);
}

void http_conn_close(struct http_conn *c)
{
	if (c == NULL)
		return;
	curl_multi_remove_handle(c->http->multi, c->easy);
	curl_easy_cleanup(c->easy);
	free(c);
}
