/* logbook.c: a logs tab's messages: cut, timestamped, kept, dropped when
 * they come again after a resume, and written as terminal bytes (see
 * logbook.h). */
#include "config.h"
#include "session/logbook.h"
#include "engine/demux.h"
#include "engine/logtime.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The engine's timestamp and its space come first; a longer head is not a
 * timestamp. */
#define TS_MAX 40
/* The window never holds more messages than this (a flood of millions a
 * second): then its oldest half goes. */
#define SEEN_MAX (1u << 20)

struct log_msg {
	int64_t ns;
	int has_ts;
	int stream;
	size_t len;
	char text[];    /* without the timestamp */
};

struct logbook_seen {
	int64_t ns;
	uint64_t hash;
	unsigned char stream, used;
};

void logbook_init(struct logbook *b, size_t keep)
{
	memset(b, 0, sizeof *b);
	for (int i = 0; i < 3; i++)
		buf_init(&b->part[i]);
	b->keep_max = keep ? keep : 1;
	b->newest_ns = -1;
	b->resumed_at = -1;
}

void logbook_free(struct logbook *b)
{
	for (int i = 0; i < 3; i++)
		buf_free(&b->part[i]);
	for (size_t i = 0; i < b->keep_n; i++)
		free(b->keep[(b->keep_head + i) % b->keep_cap]);
	free(b->keep);
	free(b->seen);
	memset(b, 0, sizeof *b);
}

static uint64_t hash(int stream, const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)stream;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* ---- the window ---- */

static void seen_prune(struct logbook *b)
{
	size_t j = 0;
	for (size_t i = 0; i < b->nseen; i++)
		if (b->seen[i].ns >= b->newest_ns - LOGBOOK_WINDOW_NS)
			b->seen[j++] = b->seen[i];
	b->nseen = j;
	if (b->nseen >= SEEN_MAX / 2 && b->nseen * 4 >= b->capseen * 3) {
		size_t half = b->nseen / 2;
		memmove(b->seen, b->seen + half, (b->nseen - half) * sizeof *b->seen);
		b->nseen -= half;
	}
}

static void seen_add(struct logbook *b, const struct log_msg *m, uint64_t h)
{
	if (b->nseen == b->capseen) {
		seen_prune(b);
		if (b->nseen * 4 >= b->capseen * 3 || b->capseen == 0) {
			b->capseen = b->capseen ? b->capseen * 2 : 256;
			b->seen = xreallocarray(b->seen, b->capseen, sizeof *b->seen);
		}
	}
	struct logbook_seen *s = &b->seen[b->nseen++];
	s->ns = m->ns;
	s->hash = h;
	s->stream = (unsigned char)m->stream;
	s->used = 0;
}

/* After a resume: was m read before? Each one read matches once. */
static int seen_again(struct logbook *b, const struct log_msg *m, uint64_t h)
{
	for (size_t i = b->nseen; i-- > 0;) {
		struct logbook_seen *s = &b->seen[i];
		if (!s->used && s->ns == m->ns && s->hash == h && s->stream == m->stream) {
			s->used = 1;
			return 1;
		}
	}
	return 0;
}

/* ---- keeping ---- */

static void keep(struct logbook *b, struct log_msg *m)
{
	if (b->keep_n == b->keep_cap) {
		size_t cap = b->keep_cap ? b->keep_cap * 2 : 64;
		if (cap > b->keep_max)
			cap = b->keep_max;
		if (cap > b->keep_cap) {
			struct log_msg **v = xcalloc(cap, sizeof *v);
			for (size_t i = 0; i < b->keep_n; i++)
				v[i] = b->keep[(b->keep_head + i) % b->keep_cap];
			free(b->keep);
			b->keep = v;
			b->keep_cap = cap;
			b->keep_head = 0;
		}
	}
	while (b->keep_n > 0 && (b->keep_n == b->keep_cap || b->keep_bytes + m->len > LOGBOOK_KEEP_BYTES)) {
		struct log_msg *old = b->keep[b->keep_head];
		b->keep_bytes -= old->len;
		free(old);
		b->keep_head = (b->keep_head + 1) % b->keep_cap;
		b->keep_n--;
	}
	b->keep[(b->keep_head + b->keep_n) % b->keep_cap] = m;
	b->keep_n++;
	b->keep_bytes += m->len;
}

/* ---- showing ---- */

static void render(const struct log_msg *m, const struct logbook_look *look, struct buf *out)
{
	const char *p = m->text, *end = p + m->len;
	int err = m->stream == DEMUX_STDERR;
	const char *prefix = look->stderr_prefix ? look->stderr_prefix : "";
	if (look->timestamps && m->has_ts) {
		char ts[64];
		logtime_format(m->ns, ts, sizeof ts);
		buf_addf(out, "\033[2m%s\033[22m ", ts);
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		/* A log has no TTY to turn LF into CR LF: a line ends in CR LF
		 * whether it had its CR (a TTY's log) or not, after the colour's
		 * end. */
		size_t shown = nl && n > 0 && p[n - 1] == '\r' ? n - 1 : n;
		if (err)
			buf_addf(out, "\033[31m%s", prefix);
		buf_add(out, p, shown);
		if (err)
			buf_adds(out, "\033[39m");
		if (nl)
			buf_add(out, "\r\n", 2);
		p += n + (nl != NULL);
	}
}

void logbook_render_all(const struct logbook *b, const struct logbook_look *look, struct buf *out)
{
	for (size_t i = 0; i < b->keep_n; i++)
		render(b->keep[(b->keep_head + i) % b->keep_cap], look, out);
}

/* ---- reading ---- */

/* A message is complete: its timestamp read, dropped if it came before,
 * else remembered, kept and written. */
static void complete(struct logbook *b, int stream, const struct logbook_look *look, struct buf *out)
{
	struct buf *part = &b->part[stream];
	const char *p = buf_ptr(part);
	size_t n = buf_used(part);
	if (n == 0)
		return;
	int64_t ns = 0;
	int has_ts = 0;
	const char *sp = memchr(p, ' ', n < TS_MAX ? n : TS_MAX);
	if (sp && logtime_parse(p, (size_t)(sp - p), &ns) == 0) {
		has_ts = 1;
		n -= (size_t)(sp + 1 - p);
		p = sp + 1;
	}
	struct log_msg *m = xmalloc(sizeof *m + n + 1);
	m->ns = ns;
	m->has_ts = has_ts;
	m->stream = stream;
	m->len = n;
	memcpy(m->text, p, n);
	m->text[n] = '\0';
	buf_reset(part);
	b->messages++;
	uint64_t h = hash(stream, m->text, m->len);
	if (has_ts && b->resumed_at >= 0 && ns <= b->resumed_at && seen_again(b, m, h)) {
		b->dropped++;
		free(m);
		return;
	}
	if (has_ts) {
		if (ns > b->newest_ns)
			b->newest_ns = ns;
		seen_add(b, m, h);
	}
	render(m, look, out);
	keep(b, m);
}

void logbook_feed(struct logbook *b, int stream, const char *p, size_t n, int frame_end,
    const struct logbook_look *look, struct buf *out)
{
	if (stream != DEMUX_STDOUT && stream != DEMUX_STDERR)
		return;
	while (n > 0) {
		const char *nl = memchr(p, '\n', n);
		size_t take = nl ? (size_t)(nl - p) + 1 : n;
		buf_add(&b->part[stream], p, take);
		if (nl)
			complete(b, stream, look, out);
		p += take;
		n -= take;
	}
	if (frame_end)
		complete(b, stream, look, out);
}

void logbook_end(struct logbook *b, const struct logbook_look *look, struct buf *out)
{
	complete(b, DEMUX_STDOUT, look, out);
	complete(b, DEMUX_STDERR, look, out);
}

int logbook_resume(struct logbook *b, char *buf, size_t size)
{
	if (b->newest_ns < 0)
		return 0;
	for (size_t i = 0; i < b->nseen; i++)
		b->seen[i].used = 0;
	b->resumed_at = b->newest_ns;
	long long secs = (long long)((b->newest_ns - 1000000000LL) / 1000000000LL);
	snprintf(buf, size, "%lld", secs < 0 ? 0 : secs);
	return 1;
}
