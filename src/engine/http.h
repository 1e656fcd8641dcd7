/* http.h: asynchronous HTTP to one engine endpoint over libcurl's multi
 * interface, driven by the core loop (curl's sockets and timer are watched by
 * the loop; nothing here blocks).
 *
 * A struct http owns its curl multi handle and every request in flight; a
 * request's callbacks are called exactly once for done (never after
 * http_req_cancel() or http_free()). The http_result handed to done is only
 * valid during the callback (copy what you keep).
 *
 * http_connect() gives a raw connection (curl's connect-only mode) for the
 * exec stream hijack: the connection lives in the handle returned to the
 * callback and is used through http_conn_send/recv until http_conn_close. */
#ifndef PH_HTTP_H
#define PH_HTTP_H
#include <stddef.h>
#include <sys/types.h>
#include "core/loop.h"
#include "engine/endpoint.h"

struct http;
struct http_req;
struct http_conn;

/* A response body (not streamed) larger than this is refused. */
#define HTTP_BODY_MAX (64 << 20)

struct http_result {
	int status;        /* HTTP status; 0 when the transfer failed */
	const char *body;  /* response body (NUL-terminated), "" when none */
	size_t len;
	const char *error; /* transport error text when status is 0, else NULL */
	int timed_out;     /* the transport error was a timeout */
	const char *headers; /* the response head, "" when none */
};

/* The value of header name in a response head (a copy, caller frees), or
 * NULL. */
char *http_header(const char *headers, const char *name);

typedef void (*http_done_cb)(const struct http_result *res, void *arg);
/* Streaming body data; return -1 to abort the transfer. */
typedef int (*http_chunk_cb)(const char *data, size_t len, void *arg);

struct http *http_new(struct loop *loop, const struct endpoint *ep);
void http_free(struct http *h);
const struct endpoint *http_endpoint(const struct http *h);

/* method "GET"/"POST"/"DELETE"; path includes the query and any version
 * prefix; body is JSON (sent with Content-Type: application/json) or NULL.
 * timeout_ms 0 means no overall limit (the connect still times out). With
 * chunk set, the body is streamed to it instead of collected. */
struct http_req *http_request(struct http *h, const char *method, const char *path,
    const char *body, long timeout_ms, http_chunk_cb chunk, http_done_cb done, void *arg);
void http_req_cancel(struct http_req *r);
/* The HTTP status of a request once its response head has come (from a
 * chunk callback on, a streamed body's status is known), else 0. */
int http_req_status(const struct http_req *r);

/* Raw connection: done is called with conn != NULL once connected, or with
 * NULL and an error. */
typedef void (*http_conn_cb)(struct http_conn *conn, const char *error, void *arg);
struct http_req *http_connect(struct http *h, long timeout_ms, http_conn_cb done, void *arg);
int http_conn_fd(const struct http_conn *c);
/* Like send(2)/recv(2) on a non-blocking socket: bytes moved, 0 for EOF
 * (recv), -1 with errno EAGAIN when it would block, -1 with *error set on
 * failure. TLS data buffered inside curl is returned by recv without a
 * poll wakeup, so read until EAGAIN. */
ssize_t http_conn_send(struct http_conn *c, const void *p, size_t n, const char **error);
ssize_t http_conn_recv(struct http_conn *c, void *p, size_t n, const char **error);
void http_conn_close(struct http_conn *c);

#endif
