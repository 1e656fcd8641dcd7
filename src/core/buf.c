/* buf.c: growable byte buffer (see buf.h). */
#include "config.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

void buf_init(struct buf *b) { memset(b, 0, sizeof *b); }

void buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_reset(struct buf *b)
{
	b->off = b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static void buf_reserve(struct buf *b, size_t n)
{
	if (b->off > 0 && b->off == b->len) {
		b->off = b->len = 0;
	}
	if (b->len + n + 1 <= b->cap)
		return;
	if (b->off > 0 && b->off >= b->cap / 2) {
		memmove(b->data, b->data + b->off, b->len - b->off);
		b->len -= b->off;
		b->off = 0;
		if (b->len + n + 1 <= b->cap)
			return;
	}
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_adds(b, s);
	free(s);
}

void buf_consume(struct buf *b, size_t n)
{
	if (n > buf_used(b))
		n = buf_used(b);
	b->off += n;
	if (b->off == b->len)
		buf_reset(b);
}

int buf_write_all(struct buf *b, int fd)
{
	while (buf_used(b) > 0) {
		ssize_t w = write(fd, buf_ptr(b), buf_used(b));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf_consume(b, (size_t)w);
	}
	return 0;
}

char *buf_steal(struct buf *b, size_t *lenp)
{
	size_t n = buf_used(b);
	char *s;
	if (b->data == NULL) {
		s = xstrdup("");
	} else if (b->off == 0) {
		s = b->data;
	} else {
		s = xmalloc(n + 1);
		memcpy(s, b->data + b->off, n);
		s[n] = '\0';
		free(b->data);
	}
	if (lenp)
		*lenp = n;
	buf_init(b);
	return s;
}
