/* test-strutil.c: the core helpers: inert text (core/strutil.c), UTF-8
 * (core/utf8.c), the byte buffer (core/buf.c) and the one wait point
 * (core/loop.c): timers, fd callbacks, signals through the self-pipe, and
 * idling. */
#include "config.h"
#include "core/strutil.h"
#include "core/buf.h"
#include "core/loop.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <errno.h>
#include <stdarg.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- str_inert ---- */

/* 1 when s has no C0 control byte and no DEL. */
static int printable_bytes(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

/* 1 when s is valid UTF-8 (core/utf8.c) with no C1 control: those are
 * U+0080..U+009F, encoded C2 80..C2 9F. */
static int valid_no_c1(const char *s)
{
	size_t len = strlen(s);
	if (!utf8_valid(s, len))
		return 0;
	for (size_t i = 0; i + 1 < len; i++)
		if ((unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] < 0xa0)
			return 0;
	return 1;
}

static void inert_is(const char *in, size_t len, const char *want, const char *what)
{
	char *got = str_inert_n(in, len);
	is_str(got, want, "str_inert: %s", what);
	free(got);
}

static char *inert_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *inert_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = str_inert_vprintf(fmt, ap);
	va_end(ap);
	return s;
}

static void test_inert(void)
{
	char *f = inert_printf("no such container: %s (%d)", "x\x1b[2Jy", 404);
	is_str(f, "no such container: x^[[2Jy (404)", "str_inert_vprintf makes the formatted text inert");
	free(f);
	inert_is("\x1b[31mred\x1b[0m", 12, "^[[31mred^[[0m", "ESC becomes ^[");
	inert_is("ding\a", 5, "ding^G", "BEL becomes ^G");
	inert_is("a\rb\nc\td", 7, "a^Mb^Jc^Id", "CR, LF and TAB become ^M ^J ^I");
	inert_is("x\x7fy", 3, "x^?y", "DEL becomes ^?");
	inert_is("\xc2\x9b" "2J", 4, "\\u009b2J", "C1 CSI (U+009B as C2 9B) made visible");
	inert_is("\xc2\x80\xc2\x9f", 4, "\\u0080\\u009f", "U+0080 and U+009F made visible");
	inert_is("\xc2\xa0", 2, "\xc2\xa0", "U+00A0 (first after C1) kept");
	inert_is("a\x9b" "b", 3, "a\\x9bb", "a raw 0x9b byte (invalid UTF-8) made visible");
	inert_is("\xff\xfe", 2, "\\xff\\xfe", "0xff 0xfe made visible");
	inert_is("\xc0\xaf", 2, "\\xc0\\xaf", "an overlong '/' made visible byte by byte");
	inert_is("\xe6\xbc", 2, "\\xe6\\xbc", "a truncated 3-byte sequence made visible");
	inert_is("\xed\xa0\x80", 3, "\\xed\\xa0\\x80", "a UTF-8 surrogate made visible");
	inert_is("a\0b", 3, "a^@b", "NUL inside the length becomes ^@");
	inert_is("", 0, "", "empty stays empty");

	char *s = str_inert("h\xc3\xa9llo \xe6\xbc\xa2\xe5\xad\x97 \xf0\x9f\x90\xb3");
	is_str(s, "h\xc3\xa9llo \xe6\xbc\xa2\xe5\xad\x97 \xf0\x9f\x90\xb3", "str_inert keeps \"héllo 漢字 🐳\" unchanged");
	free(s);
	s = str_inert("web-1_x.y:latest");
	is_str(s, "web-1_x.y:latest", "str_inert keeps plain ASCII unchanged");
	free(s);
	s = str_inert(NULL);
	is_str(s, "", "str_inert(NULL) is an empty string");
	free(s);

	/* Every single byte and every pair of bytes: never a control in the output. */
	int bad = 0;
	for (int a = 0; a < 256; a++) {
		for (int b = -1; b < 256; b++) {
			char in[2] = { (char)a, (char)b };
			size_t n = b < 0 ? 1 : 2;
			char *out = str_inert_n(in, n);
			if (!printable_bytes(out, strlen(out)) || !valid_no_c1(out))
				if (bad++ == 0)
					diag("bytes %02x %02x gave a control", a, b < 0 ? 0 : b);
			free(out);
		}
	}
	ok(bad == 0, "str_inert of every byte and byte pair: no C0, DEL or C1 left, valid UTF-8");

	/* Pseudo-random strings of hostile bytes. */
	uint32_t x = 12345;
	bad = 0;
	for (int round = 0; round < 2000; round++) {
		char in[64];
		size_t n = (size_t)(round % 64);
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			static const unsigned char pick[] = { 0x1b, 0x07, 0x0d, 0x0a, 0x7f, 0xc2, 0x9b, 0x80,
				0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x41, 0x00, 0xff };
			in[i] = (char)((x >> 16) & 1 ? pick[(x >> 20) & 15] : (x >> 8) & 0xff);
		}
		char *out = str_inert_n(in, n);
		if (!printable_bytes(out, strlen(out)) || !valid_no_c1(out))
			bad++;
		free(out);
	}
	ok(bad == 0, "str_inert of 2000 random hostile strings: no control left");

	s = str_short_id("8dfafdbc3a40e4a1b9b0cd8a5c1b4d8e5a3e0bd0a6d2b0f3c1e8d6f6c9d5a2b1");
	is_str(s, "8dfafdbc3a40", "str_short_id: 12 characters");
	free(s);
	s = str_short_id("abc");
	is_str(s, "abc", "str_short_id: a short id kept");
	free(s);
}

/* ---- UTF-8 ---- */

static void decode_fails(const char *p, size_t len, const char *what)
{
	uint32_t cp = 0xdeadbeef;
	is_int(utf8_decode((const unsigned char *)p, len, &cp), -1, "utf8_decode rejects %s", what);
}

static void decode_is(const char *p, size_t len, int want_n, uint32_t want_cp, const char *what)
{
	uint32_t cp = 0;
	int n = utf8_decode((const unsigned char *)p, len, &cp);
	ok(n == want_n && cp == want_cp, "utf8_decode %s: %d bytes, U+%04X (got %d, U+%04X)",
	    what, want_n, (unsigned)want_cp, n, (unsigned)cp);
}

static void test_utf8(void)
{
	decode_is("A", 1, 1, 0x41, "ASCII");
	decode_is("\xc3\xa9", 2, 2, 0xe9, "é");
	decode_is("\xe6\xbc\xa2", 3, 3, 0x6f22, "漢");
	decode_is("\xf0\x9f\x90\xb3", 4, 4, 0x1f433, "🐳");
	decode_is("\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff, "U+10FFFF");
	decode_is("\xef\xbf\xbd", 3, 3, 0xfffd, "U+FFFD");
	decode_is("\xc2\x80" "zz", 4, 2, 0x80, "with bytes after it");

	decode_fails("\xc0\x80", 2, "an overlong NUL (C0 80)");
	decode_fails("\xc1\xbf", 2, "an overlong 2-byte (C1 BF)");
	decode_fails("\xe0\x80\xaf", 3, "an overlong 3-byte '/'");
	decode_fails("\xe0\x9f\xbf", 3, "an overlong 3-byte U+07FF");
	decode_fails("\xf0\x80\x80\xaf", 4, "an overlong 4-byte '/'");
	decode_fails("\xf0\x8f\xbf\xbf", 4, "an overlong 4-byte U+FFFF");
	decode_fails("\xed\xa0\x80", 3, "the surrogate U+D800");
	decode_fails("\xed\xbf\xbf", 3, "the surrogate U+DFFF");
	decode_fails("\xf4\x90\x80\x80", 4, "U+110000");
	decode_fails("\xf7\xbf\xbf\xbf", 4, "U+1FFFFF");
	decode_fails("\xf8\x88\x80\x80\x80", 5, "a 5-byte form");
	decode_fails("\xfc\x84\x80\x80\x80\x80", 6, "a 6-byte form");
	decode_fails("\xff", 1, "0xFF");
	decode_fails("\x80", 1, "a lone continuation byte");
	decode_fails("\xc3", 1, "a truncated 2-byte sequence");
	decode_fails("\xe6\xbc", 2, "a truncated 3-byte sequence");
	decode_fails("\xf0\x9f\x90", 3, "a truncated 4-byte sequence");
	decode_fails("\xe6\x41\xa2", 3, "a sequence with ASCII inside");
	decode_fails("\xc3\xa9", 1, "a good sequence cut by len");
	decode_fails("", 0, "an empty input");

	/* Round trip over every scalar value (no surrogates). */
	int bad = 0;
	long count = 0;
	for (uint32_t cp = 0; cp <= 0x10ffff; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		char buf[4];
		int n = utf8_encode(cp, buf);
		int want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		uint32_t back = 0;
		int m = utf8_decode((const unsigned char *)buf, (size_t)n, &back);
		if (n != want || m != n || back != cp) {
			if (bad++ == 0)
				diag("U+%04X: encode %d bytes, decode %d, back U+%04X", (unsigned)cp, n, m, (unsigned)back);
		}
		/* One byte short is always truncated. */
		if (n > 1 && utf8_decode((const unsigned char *)buf, (size_t)n - 1, &back) != -1)
			bad++;
		count++;
	}
	ok(bad == 0, "encode/decode round trip of all %ld scalar values, shortest form, truncation rejected", count);

	char b[4];
	is_int(utf8_encode(0x7f, b), 1, "utf8_encode U+007F: 1 byte");
	is_int(utf8_encode(0x80, b), 2, "utf8_encode U+0080: 2 bytes");
	ok((unsigned char)b[0] == 0xc2 && (unsigned char)b[1] == 0x80, "utf8_encode U+0080 is C2 80");
	is_int(utf8_encode(0x20ac, b), 3, "utf8_encode U+20AC: 3 bytes");
	ok(memcmp(b, "\xe2\x82\xac", 3) == 0, "utf8_encode U+20AC is E2 82 AC");
	is_int(utf8_encode(0x10000, b), 4, "utf8_encode U+10000: 4 bytes");
	ok(memcmp(b, "\xf0\x90\x80\x80", 4) == 0, "utf8_encode U+10000 is F0 90 80 80");

	static const struct { const char *s; size_t n; int valid; const char *what; } v[] = {
		{ "", 0, 1, "an empty string" },
		{ "plain ascii\r\n\033[0m", 18, 1, "ASCII with controls" },
		{ "\xc3\xa9\xe6\xbc\xa2\xf0\x9f\x90\xb3", 9, 1, "2, 3 and 4-byte forms" },
		{ "ok\xc3", 3, 0, "a sequence cut at the end" },
		{ "\xed\xa0\x80", 3, 0, "a surrogate" },
		{ "a\xff" "b", 3, 0, "a bad byte in the middle" },
		{ "a\0b", 3, 1, "a NUL is a character" },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		is_int(utf8_valid(v[i].s, v[i].n), v[i].valid, "utf8_valid: %s", v[i].what);

	static const struct { const char *in; size_t n; const char *out; int lossy; } z[] = {
		{ "hi\n", 3, "hi\n", 0 },
		{ "a\xff" "b", 3, "a\xef\xbf\xbd" "b", 1 },
		{ "\xc3\xa9\xc3", 3, "\xc3\xa9\xef\xbf\xbd", 1 },
		{ "\xe6\xbc\x41", 3, "\xef\xbf\xbd\xef\xbf\xbd" "A", 1 },
	};
	for (size_t i = 0; i < sizeof z / sizeof z[0]; i++) {
		struct buf out;
		buf_init(&out);
		int lossy = utf8_sanitize(z[i].in, z[i].n, &out);
		ok(lossy == z[i].lossy && strcmp(buf_ptr(&out), z[i].out) == 0 && utf8_valid(buf_ptr(&out), buf_used(&out)),
		    "utf8_sanitize case %zu: every bad byte becomes U+FFFD (lossy %d)", i, lossy);
		buf_free(&out);
	}
}

/* ---- buf ---- */

static void test_buf(void)
{
	struct buf b;
	buf_init(&b);
	is_int((long long)buf_used(&b), 0, "buf: empty after init");
	is_str(buf_ptr(&b), "", "buf: buf_ptr of an empty buf is \"\"");
	buf_add(&b, "hello", 5);
	buf_adds(&b, ", ");
	buf_addf(&b, "%s %d%c", "world", 42, '!');
	is_int((long long)buf_used(&b), 16, "buf: add, adds, addf: 16 bytes");
	is_str(buf_ptr(&b), "hello, world 42!", "buf: contents NUL-terminated");
	buf_consume(&b, 7);
	is_str(buf_ptr(&b), "world 42!", "buf: consume 7");
	is_int((long long)buf_used(&b), 9, "buf: 9 bytes left");
	buf_add(&b, "\0bin\0", 5);
	is_int((long long)buf_used(&b), 14, "buf: binary bytes with NULs counted");
	ok(memcmp(buf_ptr(&b) + 9, "\0bin\0", 5) == 0, "buf: binary bytes kept");

	/* Growth well past the first allocation, interleaved with consumes. */
	struct buf big;
	buf_init(&big);
	size_t produced = 0, consumed = 0;
	int bad = 0;
	for (int i = 0; i < 5000; i++) {
		char chunk[97];
		size_t n = (size_t)(i % 97) + 1;
		for (size_t j = 0; j < n; j++)
			chunk[j] = (char)((produced + j) % 251);
		buf_add(&big, chunk, n);
		produced += n;
		size_t take = (size_t)(i % 53);
		if (take > buf_used(&big))
			take = buf_used(&big);
		for (size_t j = 0; j < take; j++)
			if ((unsigned char)buf_ptr(&big)[j] != (consumed + j) % 251)
				bad++;
		buf_consume(&big, take);
		consumed += take;
		if (big.data[big.len] != '\0')
			bad++;
	}
	for (size_t j = 0; j < buf_used(&big); j++)
		if ((unsigned char)buf_ptr(&big)[j] != (consumed + j) % 251)
			bad++;
	ok(bad == 0 && buf_used(&big) == produced - consumed,
	    "buf: 5000 adds and consumes keep the byte order (%zu bytes left)", buf_used(&big));

	/* Steal after a consume returns only the unconsumed bytes. */
	size_t len = 0;
	char *s = buf_steal(&b, &len);
	is_int((long long)len, 14, "buf_steal: length of the unconsumed part");
	ok(memcmp(s, "world 42!\0bin\0", 14) == 0 && s[14] == '\0', "buf_steal: bytes and NUL terminator");
	ok(b.data == NULL && buf_used(&b) == 0, "buf_steal leaves the buf empty");
	free(s);
	s = buf_steal(&b, &len);
	ok(s != NULL && len == 0 && s[0] == '\0', "buf_steal of an empty buf: \"\"");
	free(s);

	buf_adds(&b, "abc");
	buf_consume(&b, 100);
	is_int((long long)buf_used(&b), 0, "buf_consume past the end empties");
	buf_adds(&b, "xyz");
	is_str(buf_ptr(&b), "xyz", "buf: usable after consuming everything");
	buf_reset(&b);
	is_int((long long)buf_used(&b), 0, "buf_reset empties");
	buf_addf(&b, "%05d|%-3s|%x", 42, "a", 255u);
	is_str(buf_ptr(&b), "00042|a  |ff", "buf_addf formats");
	s = buf_steal(&b, NULL);
	is_str(s, "00042|a  |ff", "buf_steal without a length pointer");
	free(s);
	buf_free(&b);
	buf_free(&big);
	ok(big.data == NULL && big.len == 0 && big.cap == 0, "buf_free zeroes");
}

/* ---- loop ---- */

struct timer_ctx {
	int fired;
	int64_t at;
};

static void timer_cb(void *arg)
{
	struct timer_ctx *t = arg;
	t->fired++;
	t->at = loop_now_ms();
}

struct fd_ctx {
	struct loop *loop;
	struct loop_fd *self;
	int calls;
	char got[16];
	size_t ngot;
	int del_self;
	struct loop_fd **del_other; /* delete this watcher from the callback */
	int add_fd;          /* watch this fd from inside the callback */
	struct loop_fd *added;
	struct fd_ctx *added_ctx;
};

static void fd_cb(int fd, short revents, void *arg)
{
	struct fd_ctx *c = arg;
	c->calls++;
	if (revents & POLLIN) {
		ssize_t n = read(fd, c->got + c->ngot, sizeof c->got - 1 - c->ngot);
		if (n > 0)
			c->ngot += (size_t)n;
		c->got[c->ngot] = '\0';
	}
	if (c->del_self) {
		loop_fd_del(c->self);
		c->self = NULL;
	}
	if (c->del_other && *c->del_other) {
		loop_fd_del(*c->del_other);
		*c->del_other = NULL;
	}
	if (c->add_fd >= 0 && c->added == NULL)
		c->added = loop_fd_add(c->loop, c->add_fd, POLLIN, fd_cb, c->added_ctx);
}

struct sig_ctx {
	int calls;
	int signo;
};

static void sig_cb(int signo, void *arg)
{
	struct sig_ctx *s = arg;
	s->calls++;
	s->signo = signo;
}

static void idle_cb(void *arg) { (*(int *)arg)++; }

static void self_free_cb(void *arg)
{
	struct loop_timer **t = arg;
	loop_timer_free(*t);
	*t = NULL;
}

/* Runs turns until *flag is set or ms pass; returns the callbacks run. */
static int run_until(struct loop *l, const int *flag, int64_t ms)
{
	int64_t end = loop_now_ms() + ms;
	int ran = 0;
	while (!*flag && loop_now_ms() < end) {
		int r = loop_run_once(l, 50);
		if (r < 0)
			return -1;
		ran += r;
	}
	return ran;
}

static void test_loop_timer(void)
{
	struct loop *l = loop_new();
	struct timer_ctx tc = { 0, 0 };
	struct loop_timer *t = loop_timer_new(l, timer_cb, &tc);
	ok(!loop_timer_pending(t), "timer: created stopped");
	int64_t start = loop_now_ms();
	loop_timer_start(t, 60);
	ok(loop_timer_pending(t), "timer: pending after start");
	run_until(l, &tc.fired, 2000);
	is_int(tc.fired, 1, "timer: fired");
	int64_t took = tc.at - start;
	ok(took >= 60 && took < 1000, "timer: fired after its 60 ms delay (%lld ms)", (long long)took);
	ok(!loop_timer_pending(t), "timer: not pending after firing");
	for (int i = 0; i < 3; i++)
		loop_run_once(l, 30);
	is_int(tc.fired, 1, "timer: fires only once");

	/* Stopped before its time: never fires. */
	loop_timer_start(t, 20);
	loop_timer_stop(t);
	ok(!loop_timer_pending(t), "timer: stop clears pending");
	int ran = 0;
	for (int i = 0; i < 3; i++)
		ran += loop_run_once(l, 20);
	ok(tc.fired == 1 && ran == 0, "timer: a stopped timer does not fire");

	/* Re-armed: fires again; a zero delay fires on the next turn. */
	loop_timer_start(t, 0);
	ran = loop_run_once(l, 1000);
	ok(ran == 1 && tc.fired == 2, "timer: re-armed with 0 ms fires on the next turn");

	/* A timer that frees itself from its own callback. */
	struct loop_timer *selfish = loop_timer_new(l, self_free_cb, &selfish);
	loop_timer_start(selfish, 0);
	ran = loop_run_once(l, 1000);
	ok(ran == 1 && selfish == NULL, "timer: loop_timer_free from its own callback");
	ran = loop_run_once(l, 10);
	is_int(ran, 0, "timer: nothing runs after the freed timer");

	/* Two timers fire in one turn when both are due. */
	struct timer_ctx a = { 0, 0 }, b = { 0, 0 };
	struct loop_timer *ta = loop_timer_new(l, timer_cb, &a), *tb = loop_timer_new(l, timer_cb, &b);
	loop_timer_start(ta, 5);
	loop_timer_start(tb, 5);
	usleep(10000);
	ran = loop_run_once(l, 1000);
	ok(ran == 2 && a.fired == 1 && b.fired == 1, "timer: two due timers both run in one turn");
	loop_timer_free(ta);
	loop_timer_free(tb);
	loop_timer_free(t);
	loop_free(l);
}

static void test_loop_fd(void)
{
	struct loop *l = loop_new();
	int p[2], q[2];
	if (pipe(p) != 0 || pipe(q) != 0) {
		ok(0, "pipe: %s", strerror(errno));
		loop_free(l);
		return;
	}
	struct fd_ctx second;
	memset(&second, 0, sizeof second);
	second.loop = l;
	second.add_fd = -1;
	struct fd_ctx c;
	memset(&c, 0, sizeof c);
	c.loop = l;
	c.add_fd = -1;
	c.self = loop_fd_add(l, p[0], POLLIN, fd_cb, &c);
	is_int(loop_fd_events(c.self), POLLIN, "fd: events as given");

	int ran = loop_run_once(l, 20);
	ok(ran == 0 && c.calls == 0, "fd: no callback while the pipe is empty");
	ok(write(p[1], "ping", 4) == 4, "fd: write to the pipe");
	ran = loop_run_once(l, 1000);
	is_int(ran, 1, "fd: one callback after the write");
	is_str(c.got, "ping", "fd: the callback read what was written");

	/* Watching for nothing: no callback even with data waiting. */
	loop_fd_set(c.self, 0);
	ok(write(p[1], "x", 1) == 1, "fd: write with no events watched");
	ran = loop_run_once(l, 20);
	ok(ran == 0 && c.calls == 1, "fd: events 0 means no callback");
	loop_fd_set(c.self, POLLIN);
	ran = loop_run_once(l, 1000);
	ok(ran == 1 && c.calls == 2 && strcmp(c.got, "pingx") == 0, "fd: POLLIN again delivers the waiting byte");

	/* Deleting itself from its own callback, and adding another watcher. */
	c.del_self = 1;
	c.add_fd = q[0];
	c.added_ctx = &second;
	ok(write(p[1], "y", 1) == 1, "fd: write before the self-delete");
	ran = loop_run_once(l, 1000);
	ok(ran == 1 && c.calls == 3 && c.self == NULL, "fd: loop_fd_del inside its own callback");
	ok(write(p[1], "z", 1) == 1 && write(q[1], "q", 1) == 1, "fd: write to both pipes");
	ran = loop_run_once(l, 1000);
	is_int(c.calls, 3, "fd: a deleted watcher is not called again");
	ok(ran == 1 && second.calls == 1 && strcmp(second.got, "q") == 0,
	    "fd: the watcher added from a callback works on the next turn");

	/* Both pipes ready; the first callback deletes the second watcher:
	 * it must not run in the same turn. */
	c.del_self = 0;
	c.add_fd = -1;
	c.self = loop_fd_add(l, p[0], POLLIN, fd_cb, &c);
	/* c.self now comes after c.added in the loop's order: swap roles so the
	 * earlier one (second, on q) deletes the later one (c, on p). */
	second.del_other = &c.self;
	int calls_before = c.calls;
	ok(write(q[1], "r", 1) == 1, "fd: write to the first watcher's pipe");
	ran = loop_run_once(l, 1000);
	ran += loop_run_once(l, 20);
	ok(c.self == NULL && c.calls == calls_before && ran >= 1,
	    "fd: a watcher deleted by an earlier callback in the same turn is not called");
	second.del_other = NULL;

	/* A closed write end gives POLLHUP (and a 0-byte read). */
	loop_fd_del(c.added);
	second.calls = 0;
	struct fd_ctx h;
	memset(&h, 0, sizeof h);
	h.add_fd = -1;
	h.del_self = 1;
	h.self = loop_fd_add(l, q[0], POLLIN, fd_cb, &h);
	close(q[1]);
	ran = loop_run_once(l, 1000);
	ok(ran == 1 && h.calls == 1 && second.calls == 0, "fd: a hang-up wakes the watcher once");
	close(p[0]);
	close(p[1]);
	close(q[0]);
	loop_free(l);
}

static void test_loop_signal(void)
{
	struct loop *l = loop_new();
	struct sig_ctx s = { 0, 0 };
	is_int(loop_signal(l, SIGUSR1, sig_cb, &s), 0, "signal: loop_signal SIGUSR1");
	is_int(loop_signal(l, 0, sig_cb, &s), -1, "signal: signal 0 refused");
	is_int(loop_signal(l, 100, sig_cb, &s), -1, "signal: signal 100 refused");
	raise(SIGUSR1);
	is_int(s.calls, 0, "signal: not run inside the handler (raise returned, no callback yet)");
	int ran = run_until(l, &s.calls, 2000);
	is_int(s.calls, 1, "signal: the callback ran in loop context");
	is_int(s.signo, SIGUSR1, "signal: with SIGUSR1");
	ok(ran >= 1, "signal: counted as a callback");

	raise(SIGUSR1);
	raise(SIGUSR1);
	loop_run_once(l, 1000);
	is_int(s.calls, 3, "signal: two more raises, two more callbacks");
	loop_free(l);

	struct sigaction sa;
	sigaction(SIGUSR1, NULL, &sa);
	ok(sa.sa_handler == SIG_DFL, "signal: loop_free restores the default disposition");
}

static void test_loop_idle(void)
{
	struct loop *l = loop_new();
	int idles = 0;
	loop_set_idle(l, idle_cb, &idles);
	int64_t start = loop_now_ms();
	int ran = loop_run_once(l, 50);
	int64_t took = loop_now_ms() - start;
	is_int(ran, 0, "idle: nothing to do runs 0 callbacks");
	ok(took >= 45 && took < 1000, "idle: waited the 50 ms max wait (%lld ms)", (long long)took);
	is_int((long long)loop_wakeups(l), 1, "idle: one wakeup for one turn");
	is_int(idles, 0, "idle: the idle hook is not run after a turn that ran nothing");

	/* A stopped timer is no work either. */
	struct timer_ctx tc = { 0, 0 };
	struct loop_timer *t = loop_timer_new(l, timer_cb, &tc);
	start = loop_now_ms();
	ran = loop_run_once(l, 50);
	took = loop_now_ms() - start;
	ok(ran == 0 && took >= 45, "idle: a stopped timer does not wake the loop early");
	loop_timer_start(t, 0);
	ran = loop_run_once(l, 50);
	ok(ran == 1 && idles == 1, "idle: the idle hook runs once after a turn that ran a callback");
	is_int((long long)loop_wakeups(l), 3, "idle: three turns, three wakeups");
	loop_timer_free(t);
	loop_free(l);
}

int main(void)
{
	test_inert();
	test_utf8();
	test_buf();
	test_loop_timer();
	test_loop_fd();
	test_loop_signal();
	test_loop_idle();
	return done_testing();
}
