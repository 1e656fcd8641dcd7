/* fuzz-demux.c: fuzz target for the stream decoder (engine/demux.c).
 * Input: one byte that seeds the split points, then the stream bytes. The
 * stream is decoded whole, one byte at a time and in pieces cut where the
 * seed says; each run must agree with a plain reference decoder on what each
 * stream received, the return value, the frame count and the boundary. */
#include "config.h"
#include "engine/demux.h"
#include "core/buf.h"
#include "fuzz.h"
#include <string.h>

struct out {
	struct buf s[4];
};

static void out_init(struct out *o)
{
	for (int i = 0; i < 4; i++)
		buf_init(&o->s[i]);
}

static void out_free(struct out *o)
{
	for (int i = 0; i < 4; i++)
		buf_free(&o->s[i]);
}

static int out_equal(const struct out *a, const struct out *b)
{
	for (int i = 0; i < 4; i++)
		if (buf_used(&a->s[i]) != buf_used(&b->s[i]) ||
		    memcmp(buf_ptr(&a->s[i]), buf_ptr(&b->s[i]), buf_used(&a->s[i])) != 0)
			return 0;
	return 1;
}

static void cb(int stream, const char *data, size_t len, void *arg)
{
	struct out *o = arg;
	FUZZ_CHECK(stream >= 0 && stream <= 3);
	FUZZ_CHECK(len > 0);
	buf_add(&o->s[stream], data, len);
}

/* The reference: what a decoder must produce for the whole input. */
struct ref {
	int rc, boundary;
	uint64_t frames;
};

static struct ref reference(const uint8_t *p, size_t n, struct out *o)
{
	struct ref r = { 0, 1, 0 };
	size_t off = 0;
	while (off < n) {
		if (n - off < 8) {
			r.boundary = 0;
			return r;
		}
		const uint8_t *h = p + off;
		if (h[0] > 3 || h[1] || h[2] || h[3]) {
			r.rc = -1;
			r.boundary = 0;
			return r;
		}
		size_t len = (size_t)h[4] << 24 | (size_t)h[5] << 16 | (size_t)h[6] << 8 | h[7];
		r.frames++;
		off += 8;
		size_t take = len < n - off ? len : n - off;
		if (take > 0)
			buf_add(&o->s[h[0]], p + off, take);
		off += take;
		if (take < len) {
			r.boundary = 0;
			return r;
		}
	}
	return r;
}

static uint32_t next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static void check_run(const struct demux *d, int rc, const struct out *o,
    const struct ref *want, const struct out *want_out)
{
	FUZZ_CHECK(rc == want->rc);
	FUZZ_CHECK(out_equal(o, want_out));
	FUZZ_CHECK(d->frames == want->frames);
	FUZZ_CHECK(demux_at_boundary(d) == want->boundary);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	uint8_t seed = data[0];
	const char *p = (const char *)data + 1;
	size_t n = size - 1;

	struct out want_out;
	out_init(&want_out);
	struct ref want = reference(data + 1, n, &want_out);

	/* Whole. */
	struct demux d;
	struct out o;
	demux_init(&d);
	out_init(&o);
	int rc = demux_feed(&d, p, n, cb, &o);
	check_run(&d, rc, &o, &want, &want_out);
	out_free(&o);

	/* One byte at a time: once -1, always -1. */
	demux_init(&d);
	out_init(&o);
	rc = 0;
	for (size_t i = 0; i < n; i++) {
		int r = demux_feed(&d, p + i, 1, cb, &o);
		if (rc == -1)
			FUZZ_CHECK(r == -1);
		if (r != 0)
			rc = r;
	}
	check_run(&d, rc, &o, &want, &want_out);
	out_free(&o);

	/* Pieces of 0 to 1 + (seed & 63) bytes, the sizes drawn from the seed. */
	uint32_t x = seed * 2654435761u + (uint32_t)n + 1;
	size_t max = 1 + (seed & 63);
	demux_init(&d);
	out_init(&o);
	rc = 0;
	for (size_t off = 0; off < n;) {
		size_t k = next(&x) % (max + 1);
		if (k > n - off)
			k = n - off;
		int r = demux_feed(&d, p + off, k, cb, &o);
		if (r != 0)
			rc = r;
		off += k;
	}
	check_run(&d, rc, &o, &want, &want_out);
	out_free(&o);

	out_free(&want_out);
	return 0;
}
