/* fuzz-httphead.c: fuzz target for the HTTP response head parser
 * (engine/httphead.c). The input is the bytes read from the socket. Checks:
 * the answer is -1 (with a cause), 0 (only while the head may still come)
 * or a length that ends with the blank line; a complete head parses the same
 * when cut right after it and is incomplete when cut one byte short. */
#include "config.h"
#include "engine/httphead.h"
#include "fuzz.h"
#include <string.h>

static int has_blank_line(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 3 < n; i++)
		if (memcmp(p + i, "\r\n\r\n", 4) == 0)
			return 1;
	return 0;
}

static int same_head(const struct http_head *a, const struct http_head *b)
{
	return a->status == b->status && a->content_length == b->content_length &&
	    a->chunked == b->chunked && a->upgrade == b->upgrade && a->multiplexed == b->multiplexed;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct http_head h;
	const char *cause = NULL;
	long r = httphead_parse(p, size, &h, &cause);

	FUZZ_CHECK(r >= -1);
	if (r == -1) {
		FUZZ_CHECK(cause != NULL && *cause != '\0');
		return 0;
	}
	if (r == 0) {
		/* Incomplete: no blank line yet, short enough, and HTTP so far. */
		FUZZ_CHECK(size < HTTPHEAD_MAX);
		FUZZ_CHECK(!has_blank_line(data, size));
		FUZZ_CHECK(size < 5 || memcmp(p, "HTTP/", 5) == 0);
		return 0;
	}
	FUZZ_CHECK((size_t)r <= size && r <= HTTPHEAD_MAX);
	FUZZ_CHECK(r >= 4 && memcmp(p + r - 4, "\r\n\r\n", 4) == 0);
	FUZZ_CHECK(!has_blank_line(data, (size_t)r - 1));
	FUZZ_CHECK(memcmp(p, "HTTP/1.", 7) == 0);
	FUZZ_CHECK(h.status >= 100 && h.status <= 599);
	FUZZ_CHECK(h.content_length >= -1);
	FUZZ_CHECK(h.chunked == 0 || h.chunked == 1);
	FUZZ_CHECK(h.upgrade == 0 || h.upgrade == 1);
	FUZZ_CHECK(h.multiplexed == 0 || h.multiplexed == 1);

	/* The bytes after the head do not change the answer. */
	struct http_head h2;
	const char *cause2 = NULL;
	char *head = malloc((size_t)r);
	FUZZ_CHECK(head != NULL);
	memcpy(head, p, (size_t)r);
	FUZZ_CHECK(httphead_parse(head, (size_t)r, &h2, &cause2) == r);
	FUZZ_CHECK(same_head(&h, &h2));
	/* One byte short, or half of it, is incomplete. */
	FUZZ_CHECK(httphead_parse(head, (size_t)r - 1, &h2, &cause2) == 0);
	FUZZ_CHECK(httphead_parse(head, (size_t)r / 2, &h2, &cause2) == 0);
	free(head);
	return 0;
}
