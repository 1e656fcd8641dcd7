/* httphead.h: parser for an HTTP/1.x response head (status line and
 * headers), used by the exec stream after its hand-written upgrade request.
 * Pure and incremental-friendly: call it again with more bytes until it stops
 * answering 0. */
#ifndef PH_HTTPHEAD_H
#define PH_HTTPHEAD_H
#include <stddef.h>

#define HTTPHEAD_MAX 65536  /* a longer head is refused */

struct http_head {
	int status;            /* 100..599 */
	long long content_length; /* -1 when absent */
	int chunked;
	int upgrade;           /* Upgrade: header present */
	int multiplexed;       /* Content-Type says vnd.docker.multiplexed-stream */
};

/* 0: incomplete, read more; >0: the head's length in bytes (body follows);
 * -1: malformed or longer than HTTPHEAD_MAX (*cause says which, static). */
long httphead_parse(const char *p, size_t len, struct http_head *h, const char **cause);

#endif
