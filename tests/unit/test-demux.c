/* test-demux.c: the multiplexed-stream decoder (engine/demux.c). One stream
 * of frames (stdout, stderr, empty frames, a 70000-byte frame) is fed whole,
 * split in two at every offset, one byte at a time and in random pieces; the
 * bytes that come out per stream must be exactly the bytes that went in.
 * Bad headers must stop the decoder for good. */
#include "config.h"
#include "engine/demux.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG 70000

/* The test stream and what each stream must receive. */
static struct buf wire;
static struct buf want[4];
static size_t boundaries[64]; /* offsets in wire where a frame starts or the stream ends */
static size_t nboundaries;
static size_t nframes;

static void frame(int stream, const char *payload, size_t len)
{
	unsigned char h[8] = { (unsigned char)stream, 0, 0, 0,
		(unsigned char)(len >> 24), (unsigned char)(len >> 16),
		(unsigned char)(len >> 8), (unsigned char)len };
	boundaries[nboundaries++] = wire.len;
	buf_add(&wire, h, sizeof h);
	buf_add(&wire, payload, len);
	buf_add(&want[stream], payload, len);
	nframes++;
}

static void build_stream(void)
{
	char *big = xmalloc(BIG);
	for (size_t i = 0; i < BIG; i++)
		big[i] = (char)(i * 7 + i / 251);
	frame(DEMUX_STDOUT, "hello\n", 6);
	frame(DEMUX_STDERR, "oops: something\n", 16);
	frame(DEMUX_STDOUT, "", 0);
	frame(DEMUX_STDERR, "", 0);
	frame(DEMUX_STDOUT, big, BIG);
	frame(DEMUX_STDERR, "x", 1);
	frame(DEMUX_STDOUT, "", 0);
	frame(DEMUX_STDOUT, "\0\r\n\x1b[0m", 7);
	frame(DEMUX_STDERR, "last line\n", 10);
	boundaries[nboundaries++] = wire.len;
	free(big);
}

static int is_boundary(size_t off)
{
	for (size_t i = 0; i < nboundaries; i++)
		if (boundaries[i] == off)
			return 1;
	return 0;
}

/* Compares each delivered piece with the expected bytes as it arrives, so
 * that splitting at every offset stays cheap. */
struct check {
	size_t got[4];
	int mismatch;
	int empty_pieces;
	int bad_stream;
};

static void check_cb(int stream, const char *data, size_t len, void *arg)
{
	struct check *c = arg;
	if (stream < 0 || stream > 3) {
		c->bad_stream++;
		return;
	}
	if (len == 0)
		c->empty_pieces++;
	if (c->got[stream] + len > want[stream].len ||
	    memcmp(want[stream].data + c->got[stream], data, len) != 0)
		c->mismatch++;
	c->got[stream] += len;
}

static int check_done(const struct check *c)
{
	if (c->mismatch || c->bad_stream || c->empty_pieces)
		return 0;
	for (int s = 0; s < 4; s++)
		if (c->got[s] != want[s].len)
			return 0;
	return 1;
}

static void diag_check(const struct check *c)
{
	diag("mismatch %d, bad stream %d, empty pieces %d, got %zu/%zu/%zu/%zu, want %zu/%zu/%zu/%zu",
	    c->mismatch, c->bad_stream, c->empty_pieces,
	    c->got[0], c->got[1], c->got[2], c->got[3],
	    want[0].len, want[1].len, want[2].len, want[3].len);
}

/* Deterministic xorshift so the random splits are the same on every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_whole(void)
{
	struct demux d;
	struct check c = { { 0 }, 0, 0, 0 };
	demux_init(&d);
	ok(demux_at_boundary(&d), "a fresh decoder is at a boundary");
	is_int(demux_feed(&d, wire.data, wire.len, check_cb, &c), 0, "whole stream: feed returns 0");
	if (!ok(check_done(&c), "whole stream: stdout and stderr bytes exact"))
		diag_check(&c);
	is_int(c.got[DEMUX_STDOUT], 6 + BIG + 7, "whole stream: stdout byte count");
	is_int(c.got[DEMUX_STDERR], 16 + 1 + 10, "whole stream: stderr byte count");
	ok(c.empty_pieces == 0, "zero-length frames deliver no empty pieces");
	is_int((long long)d.frames, (long long)nframes, "whole stream: every header counted");
	ok(demux_at_boundary(&d), "whole stream: ends at a boundary");
}

static void test_every_split(void)
{
	size_t bad = 0, bad_boundary = 0, first_bad = (size_t)-1, first_bad_boundary = (size_t)-1;
	for (size_t k = 0; k <= wire.len; k++) {
		struct demux d;
		struct check c = { { 0 }, 0, 0, 0 };
		demux_init(&d);
		int r1 = demux_feed(&d, wire.data, k, check_cb, &c);
		if (demux_at_boundary(&d) != is_boundary(k)) {
			if (bad_boundary++ == 0)
				first_bad_boundary = k;
		}
		int r2 = demux_feed(&d, wire.data + k, wire.len - k, check_cb, &c);
		if (r1 != 0 || r2 != 0 || !check_done(&c) || !demux_at_boundary(&d) ||
		    d.frames != nframes) {
			if (bad++ == 0)
				first_bad = k;
		}
	}
	if (!ok(bad == 0, "split in two at each of %zu offsets: output exact", wire.len + 1))
		diag("%zu bad splits, first at offset %zu", bad, first_bad);
	if (!ok(bad_boundary == 0, "demux_at_boundary after the first piece is 1 exactly at frame starts"))
		diag("%zu wrong answers, first at offset %zu", bad_boundary, first_bad_boundary);
}

static void test_bytewise(void)
{
	struct demux d;
	struct check c = { { 0 }, 0, 0, 0 };
	size_t rc_bad = 0, boundary_bad = 0;
	demux_init(&d);
	for (size_t i = 0; i < wire.len; i++) {
		if (demux_feed(&d, wire.data + i, 1, check_cb, &c) != 0)
			rc_bad++;
		if (demux_at_boundary(&d) != is_boundary(i + 1))
			boundary_bad++;
	}
	if (!ok(rc_bad == 0 && check_done(&c), "one byte at a time: output exact"))
		diag_check(&c);
	if (!ok(boundary_bad == 0, "one byte at a time: demux_at_boundary right after every byte"))
		diag("%zu wrong answers", boundary_bad);
	is_int((long long)d.frames, (long long)nframes, "one byte at a time: every header counted");
}

static void test_random(void)
{
	int bad = 0;
	size_t pieces = 0;
	for (int round = 0; round < 300; round++) {
		struct demux d;
		struct check c = { { 0 }, 0, 0, 0 };
		demux_init(&d);
		size_t off = 0;
		int rc = 0;
		while (off < wire.len) {
			uint64_t r = rng();
			size_t max = (r & 3) == 0 ? 20000 : (r & 3) == 1 ? 300 : 12;
			size_t n = (size_t)((r >> 8) % max) + ((r >> 40) & 1); /* may be 0 */
			if (n > wire.len - off)
				n = wire.len - off;
			rc |= demux_feed(&d, wire.data + off, n, check_cb, &c);
			off += n;
			pieces++;
		}
		if (rc != 0 || !check_done(&c) || !demux_at_boundary(&d)) {
			if (bad++ == 0)
				diag_check(&c);
		}
	}
	if (!ok(bad == 0, "300 rounds of random splits (%zu pieces, fixed seed): output exact", pieces))
		diag("%d bad rounds", bad);
}

/* Collects everything into buffers, for the small streams below. */
struct collect {
	struct buf out[4];
	int calls;
};

static void collect_cb(int stream, const char *data, size_t len, void *arg)
{
	struct collect *c = arg;
	c->calls++;
	if (stream >= 0 && stream < 4)
		buf_add(&c->out[stream], data, len);
}

static void collect_free(struct collect *c)
{
	for (int s = 0; s < 4; s++)
		buf_free(&c->out[s]);
}

static void hdr(struct buf *b, const unsigned char h[8], const char *payload)
{
	buf_add(b, h, 8);
	buf_adds(b, payload);
}

static void test_bad_headers(void)
{
	static const struct {
		const char *what;
		unsigned char h[8];
	} bad[] = {
		{ "stream byte 4", { 4, 0, 0, 0, 0, 0, 0, 3 } },
		{ "stream byte 0xff", { 0xff, 0, 0, 0, 0, 0, 0, 3 } },
		{ "padding byte 1 nonzero", { 1, 1, 0, 0, 0, 0, 0, 3 } },
		{ "padding byte 2 nonzero", { 1, 0, 0x80, 0, 0, 0, 0, 3 } },
		{ "padding byte 3 nonzero", { 2, 0, 0, 0xff, 0, 0, 0, 3 } },
		{ "text where a header should be", { 'H', 'T', 'T', 'P', '/', '1', '.', '1' } },
	};
	static const unsigned char good_out[8] = { 1, 0, 0, 0, 0, 0, 0, 5 };
	static const unsigned char good_err[8] = { 2, 0, 0, 0, 0, 0, 0, 3 };

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct buf b;
		buf_init(&b);
		hdr(&b, good_out, "first");
		size_t good_len = b.len;
		hdr(&b, bad[i].h, "bad");
		hdr(&b, good_err, "err");

		/* Whole: bytes before the bad header come out, nothing after. */
		struct demux d;
		struct collect c;
		memset(&c, 0, sizeof c);
		demux_init(&d);
		int r = demux_feed(&d, b.data, b.len, collect_cb, &c);
		is_int(r, -1, "%s: feed returns -1", bad[i].what);
		ok(buf_used(&c.out[1]) == 5 && memcmp(buf_ptr(&c.out[1]), "first", 5) == 0 &&
		    buf_used(&c.out[0]) + buf_used(&c.out[2]) + buf_used(&c.out[3]) == 0,
		    "%s: the frame before it delivered, nothing after", bad[i].what);
		ok(!demux_at_boundary(&d), "%s: not at a boundary after the error", bad[i].what);
		int calls = c.calls;
		r = demux_feed(&d, (const char *)good_err, 8, collect_cb, &c);
		ok(r == -1 && c.calls == calls, "%s: later good input refused, nothing delivered", bad[i].what);
		collect_free(&c);

		/* Byte by byte: the error comes exactly at the header's last byte. */
		memset(&c, 0, sizeof c);
		demux_init(&d);
		size_t fail_at = 0;
		for (size_t j = 0; j < b.len; j++) {
			if (demux_feed(&d, b.data + j, 1, collect_cb, &c) != 0) {
				fail_at = j;
				break;
			}
		}
		is_int((long long)fail_at, (long long)(good_len + 7),
		    "%s: byte by byte, -1 at the header's eighth byte", bad[i].what);
		ok(buf_used(&c.out[1]) == 5 && buf_used(&c.out[2]) == 0,
		    "%s: byte by byte, nothing delivered after", bad[i].what);
		collect_free(&c);
		buf_free(&b);
	}

	/* A bad header first of all: nothing at all comes out. */
	struct demux d;
	struct collect c;
	memset(&c, 0, sizeof c);
	demux_init(&d);
	struct buf b;
	buf_init(&b);
	hdr(&b, bad[0].h, "bad");
	hdr(&b, good_out, "first");
	is_int(demux_feed(&d, b.data, b.len, collect_cb, &c), -1, "bad first header: -1");
	is_int(c.calls, 0, "bad first header: no callback at all");
	buf_free(&b);
	collect_free(&c);
}

static void test_stdin_and_syserr(void)
{
	static const unsigned char h_in[8] = { 0, 0, 0, 0, 0, 0, 0, 4 };
	static const unsigned char h_sys[8] = { 3, 0, 0, 0, 0, 0, 0, 22 };
	static const unsigned char h_out[8] = { 1, 0, 0, 0, 0, 0, 0, 2 };
	struct buf b;
	buf_init(&b);
	hdr(&b, h_in, "echo");
	hdr(&b, h_sys, "OCI runtime exec fail");
	buf_add(&b, "!", 1); /* 22nd payload byte */
	hdr(&b, h_out, "ok");

	struct demux d;
	struct collect c;
	memset(&c, 0, sizeof c);
	demux_init(&d);
	/* In three pieces, one inside the system error payload. */
	int r = demux_feed(&d, b.data, 20, collect_cb, &c);
	r |= demux_feed(&d, b.data + 20, 10, collect_cb, &c);
	r |= demux_feed(&d, b.data + 30, b.len - 30, collect_cb, &c);
	is_int(r, 0, "stdin and system-error frames are valid");
	is_str(buf_ptr(&c.out[DEMUX_STDIN]), "echo", "stream 0 payload delivered as stream 0");
	is_str(buf_ptr(&c.out[DEMUX_SYSERR]), "OCI runtime exec fail!", "stream 3 payload delivered as stream 3");
	is_str(buf_ptr(&c.out[DEMUX_STDOUT]), "ok", "stdout after them intact");
	is_int((long long)buf_used(&c.out[DEMUX_STDERR]), 0, "nothing on stderr");
	is_int((long long)d.frames, 3, "three headers counted");
	ok(demux_at_boundary(&d), "at a boundary at the end");
	collect_free(&c);
	buf_free(&b);
}

static void test_boundary_states(void)
{
	static const unsigned char h[8] = { 1, 0, 0, 0, 0, 0, 0, 4 };
	struct demux d;
	struct collect c;
	memset(&c, 0, sizeof c);
	demux_init(&d);
	demux_feed(&d, (const char *)h, 3, collect_cb, &c);
	ok(!demux_at_boundary(&d), "inside a header: not at a boundary");
	demux_feed(&d, (const char *)h + 3, 5, collect_cb, &c);
	ok(!demux_at_boundary(&d), "header complete, payload pending: not at a boundary");
	is_int(c.calls, 0, "no callback before payload bytes arrive");
	demux_feed(&d, "ab", 2, collect_cb, &c);
	ok(!demux_at_boundary(&d), "half the payload: not at a boundary");
	is_str(buf_ptr(&c.out[1]), "ab", "half the payload delivered at once (not held back)");
	demux_feed(&d, "cd", 2, collect_cb, &c);
	ok(demux_at_boundary(&d), "payload complete: at a boundary");
	is_str(buf_ptr(&c.out[1]), "abcd", "whole payload delivered");
	is_int(demux_feed(&d, "", 0, collect_cb, &c), 0, "an empty feed is fine");
	ok(demux_at_boundary(&d), "still at a boundary after an empty feed");

	/* A maximal length header is valid (payload 4 GiB - 1, not sent). */
	static const unsigned char hmax[8] = { 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff };
	demux_init(&d);
	is_int(demux_feed(&d, (const char *)hmax, 8, collect_cb, &c), 0, "a 0xffffffff length is accepted");
	is_int((long long)d.remain, 0xffffffffLL, "payload length read big-endian");
	collect_free(&c);
}

int main(void)
{
	for (int s = 0; s < 4; s++)
		buf_init(&want[s]);
	buf_init(&wire);
	build_stream();
	diag("test stream: %zu bytes, %zu frames", wire.len, nframes);

	test_whole();
	test_every_split();
	test_bytewise();
	test_random();
	test_bad_headers();
	test_stdin_and_syserr();
	test_boundary_states();

	buf_free(&wire);
	for (int s = 0; s < 4; s++)
		buf_free(&want[s]);
	return done_testing();
}
