/* buf.h: a growable byte buffer with a read offset, used for sockets, HTTP
 * bodies and stream payloads. A struct buf is embedded by its owner:
 * buf_init() before use, buf_free() after; the bytes are owned by the buf. */
#ifndef PH_BUF_H
#define PH_BUF_H
#include <stddef.h>

struct buf {
	char *data;   /* always NUL-terminated after data[len] (for text use) */
	size_t off;   /* bytes already consumed from the front */
	size_t len;   /* bytes stored, including consumed ones */
	size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Unconsumed bytes. */
static inline const char *buf_ptr(const struct buf *b) { return b->data ? b->data + b->off : ""; }
static inline size_t buf_used(const struct buf *b) { return b->len - b->off; }
void buf_consume(struct buf *b, size_t n);
/* Write the unconsumed bytes to a blocking fd (a terminal), consuming what
 * went: 0 when all did, -1 (errno set) when a write failed. */
int buf_write_all(struct buf *b, int fd);
/* Take the data out: the caller frees the returned string. */
char *buf_steal(struct buf *b, size_t *lenp);

#endif
