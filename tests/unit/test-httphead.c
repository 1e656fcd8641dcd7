/* test-httphead.c: the HTTP/1.x response head parser (engine/httphead.c)
 * on the answers dockerd gives to an exec start (101 upgrade, 200 with a
 * raw stream, 404 with a JSON body), on every incomplete prefix, and on
 * things that are not HTTP at all. */
#include "config.h"
#include "engine/httphead.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char upgrade_101[] =
	"HTTP/1.1 101 UPGRADED\r\n"
	"Content-Type: application/vnd.docker.raw-stream\r\n"
	"Connection: Upgrade\r\n"
	"Upgrade: tcp\r\n"
	"\r\n";

static const char upgrade_101_mux[] =
	"HTTP/1.1 101 UPGRADED\r\n"
	"Content-Type: application/vnd.docker.multiplexed-stream\r\n"
	"Connection: Upgrade\r\n"
	"Upgrade: tcp\r\n"
	"\r\n";

static const char body_404[] = "{\"message\":\"No such exec instance: 4f1e\"}\n";
static const char head_404[] =
	"HTTP/1.1 404 Not Found\r\n"
	"Api-Version: 1.41\r\n"
	"Content-Type: application/json\r\n"
	"Docker-Experimental: false\r\n"
	"Ostype: linux\r\n"
	"Server: Docker/20.10.24 (linux)\r\n"
	"Date: Tue, 14 Nov 2023 22:13:20 GMT\r\n"
	"Content-Length: 42\r\n"
	"\r\n";

/* Parses an exact-size heap copy, so that a read past len shows under ASan. */
static long parse(const char *p, size_t len, struct http_head *h, const char **cause)
{
	char *copy = xmalloc(len ? len : 1);
	memcpy(copy, p, len);
	*cause = NULL;
	long r = httphead_parse(copy, len, h, cause);
	free(copy);
	return r;
}

static void test_101(void)
{
	struct http_head h;
	const char *cause;
	struct buf b;
	buf_init(&b);
	buf_adds(&b, upgrade_101);
	buf_add(&b, "\x01\0\0\0\0\0\0\x02hi", 10); /* stream bytes right after the head */
	long r = parse(b.data, b.len, &h, &cause);
	is_int(r, (long long)strlen(upgrade_101), "101: the head's length, not counting the stream after it");
	is_int(h.status, 101, "101: status");
	is_int(h.upgrade, 1, "101: Upgrade header seen");
	is_int(h.multiplexed, 0, "101: a raw stream is not multiplexed");
	is_int(h.content_length, -1, "101: no Content-Length is -1");
	is_int(h.chunked, 0, "101: not chunked");
	ok(cause == NULL, "101: no cause on success");
	buf_free(&b);

	r = parse(upgrade_101_mux, strlen(upgrade_101_mux), &h, &cause);
	is_int(r, (long long)strlen(upgrade_101_mux), "101 multiplexed: whole head");
	is_int(h.multiplexed, 1, "101: Content-Type vnd.docker.multiplexed-stream detected");
	is_int(h.upgrade, 1, "101 multiplexed: Upgrade header seen");
}

static void test_404(void)
{
	struct http_head h;
	const char *cause;
	is_int((long long)strlen(body_404), 42, "the 404 body is 42 bytes (fixture check)");
	struct buf b;
	buf_init(&b);
	buf_adds(&b, head_404);
	buf_adds(&b, body_404);
	long r = parse(b.data, b.len, &h, &cause);
	is_int(r, (long long)strlen(head_404), "404: the head's length");
	is_int(h.status, 404, "404: status");
	is_int(h.content_length, 42, "404: Content-Length");
	is_int(h.upgrade, 0, "404: no upgrade");
	is_int(h.multiplexed, 0, "404: application/json is not multiplexed");
	ok(r > 0 && (size_t)r + 42 == b.len && memcmp(b.data + r, body_404, 42) == 0,
	    "404: the body starts right after the head");
	buf_free(&b);

	static const char chunked[] =
		"HTTP/1.1 200 OK\r\ncontent-type: application/vnd.docker.multiplexed-stream\r\n"
		"transfer-encoding: chunked\r\n\r\n";
	r = parse(chunked, strlen(chunked), &h, &cause);
	is_int(r, (long long)strlen(chunked), "200 chunked: whole head");
	is_int(h.status, 200, "200 chunked: status");
	is_int(h.chunked, 1, "200 chunked: lower-case Transfer-Encoding chunked");
	is_int(h.multiplexed, 1, "200 chunked: lower-case content-type multiplexed");

	static const char http10[] = "HTTP/1.0 500 Internal Server Error\r\nContent-Length:  0 \r\n\r\n";
	r = parse(http10, strlen(http10), &h, &cause);
	is_int(r, (long long)strlen(http10), "HTTP/1.0 500: whole head");
	is_int(h.status, 500, "HTTP/1.0 500: status");
	is_int(h.content_length, 0, "Content-Length with spaces around 0");

	static const char no_length[] = "HTTP/1.1 204 No Content\r\nX-A: 1\r\nServer: x\r\n\r\n";
	r = parse(no_length, strlen(no_length), &h, &cause);
	is_int(h.status, 204, "204: status");
	is_int(h.content_length, -1, "204: no Content-Length");

	/* A header whose name only starts like a known one is ignored. */
	static const char lookalike[] = "HTTP/1.1 200 OK\r\nContent-Length-X: 5\r\nUpgraded: yes\r\n\r\n";
	r = parse(lookalike, strlen(lookalike), &h, &cause);
	ok(r > 0 && h.content_length == -1 && h.upgrade == 0, "look-alike header names are not taken");
}

static void test_prefixes(void)
{
	static const char *const heads[] = { upgrade_101, upgrade_101_mux, head_404 };
	for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
		size_t n = strlen(heads[k]);
		size_t bad = 0, first = 0;
		for (size_t len = 0; len < n; len++) {
			struct http_head h;
			const char *cause;
			long r = parse(heads[k], len, &h, &cause);
			if (r != 0 && bad++ == 0)
				first = len;
		}
		if (!ok(bad == 0, "head %zu: every one of its %zu proper prefixes is incomplete (0)", k, n))
			diag("%zu wrong, first at length %zu", bad, first);
		struct http_head h;
		const char *cause;
		is_int(parse(heads[k], n, &h, &cause), (long long)n, "head %zu: complete at its full length", k);
	}
}

static void bad(const char *p, size_t len, const char *why)
{
	struct http_head h;
	const char *cause;
	long r = parse(p, len, &h, &cause);
	is_int(r, -1, "%s: -1", why);
	ok(cause != NULL && *cause != '\0', "%s: cause (%s)", why, cause ? cause : "none");
}

static void test_garbage(void)
{
	/* len 0: the whole string. */
	static const struct { const char *p; size_t len; const char *why; } cases[] = {
		{ "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.4\r\n", 0, "an SSH banner" },
		{ "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.4\r\n", 5, "the first 5 bytes of an SSH banner" },
		{ "SSH-2.0-OpenSSH_8.9\r\n\r\n", 0, "an SSH banner with a blank line" },
		{ "\x15\x03\x01\x00\x02\x02\x50", 7, "a TLS alert" },
		{ "HTTP/1.1 abc Nope\r\n\r\n", 0, "HTTP/1.1 abc" },
		{ "HTTP/1.1 999 Huh\r\n\r\n", 0, "status 999" },
		{ "HTTP/1.1 099 Huh\r\n\r\n", 0, "status 099" },
		{ "HTTP/1.1 20\r\n\r\n", 0, "a two-digit status" },
		{ "HTTP/1.1200 OK\r\n\r\n", 0, "no space before the status" },
		{ "HTTP/2 200\r\n\r\n", 0, "HTTP/2" },
		{ "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", 0, "Content-Length abc" },
		{ "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 0, "Content-Length -1" },
		{ "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", 0, "an empty Content-Length" },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n", 0, "Content-Length 12x" },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 123456789012345678901234567890123\r\n\r\n", 0,
		    "a 33-digit Content-Length" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		bad(cases[i].p, cases[i].len ? cases[i].len : strlen(cases[i].p), cases[i].why);

	/* Longer than HTTPHEAD_MAX without the blank line. */
	size_t n = HTTPHEAD_MAX + 100;
	char *big = xmalloc(n);
	static const char start[] = "HTTP/1.1 200 OK\r\nX-Pad: ";
	memcpy(big, start, strlen(start));
	memset(big + strlen(start), 'a', n - strlen(start));
	bad(big, n, "a head longer than HTTPHEAD_MAX");
	bad(big, HTTPHEAD_MAX, "a head of exactly HTTPHEAD_MAX bytes without its end");
	struct http_head h;
	const char *cause;
	is_int(parse(big, HTTPHEAD_MAX - 1, &h, &cause), 0, "HTTPHEAD_MAX - 1 bytes without the end: still incomplete");

	/* The blank line past HTTPHEAD_MAX is still too long. */
	memcpy(big + HTTPHEAD_MAX + 10, "\r\n\r\n", 4);
	bad(big, n, "a blank line only after HTTPHEAD_MAX");

	/* A head that ends exactly at HTTPHEAD_MAX is fine. */
	memset(big + strlen(start), 'a', n - strlen(start));
	memcpy(big + HTTPHEAD_MAX - 4, "\r\n\r\n", 4);
	is_int(parse(big, n, &h, &cause), HTTPHEAD_MAX, "a head of exactly HTTPHEAD_MAX bytes is accepted");
	is_int(h.status, 200, "the HTTPHEAD_MAX head: status");
	free(big);
}

int main(void)
{
	test_101();
	test_404();
	test_prefixes();
	test_garbage();
	return done_testing();
}
