/* test-logbook.c: a logs tab's book (session/logbook.c): messages cut from
 * frames and from a TTY's raw bytes split anywhere, timestamps read and
 * shown or not, stderr red with its prefix, LF written as CR LF, the
 * messages kept for showing again, and the resume: the `since` asked and
 * every message that comes again dropped exactly once, with engines whose
 * timestamps have nanoseconds and with those of whole seconds. */
#include "config.h"
#include "session/logbook.h"
#include "engine/demux.h"
#include "../tap.h"
#include <stdlib.h>
#include <string.h>

static const struct logbook_look plain = { 0, NULL };
static const struct logbook_look stamped = { 1, NULL };
static const struct logbook_look prefixed = { 0, "E| " };

/* feed one message as a frame */
static void frame(struct logbook *b, int stream, const char *msg, const struct logbook_look *l, struct buf *out)
{
	logbook_feed(b, stream, msg, strlen(msg), 1, l, out);
}

static void test_cut(void)
{
	static const char *msgs[] = {
		"2026-12-02T14:29:42.000000001Z out 1\n",
		"2026-12-02T14:29:42.000000002Z err 1\n",
		"2026-12-02T14:29:42.000000003Z partial",
		"2026-12-02T14:29:42.000000004Z out 2\n",
	};
	static const int streams[] = { DEMUX_STDOUT, DEMUX_STDERR, DEMUX_STDERR, DEMUX_STDOUT };
	struct buf whole;
	buf_init(&whole);
	struct logbook b;
	logbook_init(&b, 100);
	for (int i = 0; i < 4; i++)
		frame(&b, streams[i], msgs[i], &plain, &whole);
	is_str(buf_ptr(&whole), "out 1\r\n\033[31merr 1\033[39m\r\n\033[31mpartial\033[39mout 2\r\n",
	    "frames: each a message, LF as CR LF, stderr red, a frame without LF is one too");
	is_int(b.messages, 4, "four messages");
	logbook_free(&b);
	/* The same bytes cut at every offset, the frame's end given last. */
	int same = 1;
	for (size_t cut = 1; cut < 40; cut++) {
		struct buf out;
		buf_init(&out);
		logbook_init(&b, 100);
		for (int i = 0; i < 4; i++) {
			size_t n = strlen(msgs[i]), k = cut < n ? cut : n;
			logbook_feed(&b, streams[i], msgs[i], k, k == n, &plain, &out);
			if (k < n)
				logbook_feed(&b, streams[i], msgs[i] + k, n - k, 1, &plain, &out);
		}
		same &= strcmp(buf_ptr(&out), buf_ptr(&whole)) == 0;
		logbook_free(&b);
		buf_free(&out);
	}
	ok(same, "split at every offset: the same");
	buf_free(&whole);

	/* A TTY's raw bytes: messages end at LF only; CR LF stays CR LF. */
	struct buf out;
	buf_init(&out);
	logbook_init(&b, 100);
	const char raw[] = "2026-12-02T14:29:42.1Z a\r\n2026-12-02T14:29:42.2Z b\r\n2026-12-02T14:29:42.3Z no end";
	for (size_t i = 0; i < sizeof raw - 1; i++)
		logbook_feed(&b, DEMUX_STDOUT, raw + i, 1, 0, &plain, &out);
	is_str(buf_ptr(&out), "a\r\nb\r\n", "tty: byte by byte, two lines");
	logbook_end(&b, &plain, &out);
	is_str(buf_ptr(&out), "a\r\nb\r\nno end", "tty: the end completes the last");
	logbook_free(&b);
	buf_free(&out);

	/* No timestamp (an engine without them): shown as it is. */
	buf_init(&out);
	logbook_init(&b, 100);
	frame(&b, DEMUX_STDOUT, "plain line\n", &stamped, &out);
	is_str(buf_ptr(&out), "plain line\r\n", "without a timestamp: the whole line, no time shown");
	logbook_free(&b);
	buf_free(&out);
}

static void test_look(void)
{
	struct buf out;
	struct logbook b;
	buf_init(&out);
	logbook_init(&b, 100);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42.5+01:00 one\n", &stamped, &out);
	is_str(buf_ptr(&out), "\033[2m2026-12-02T13:29:42.500000000Z\033[22m one\r\n",
	    "timestamps shown: dim, in the engine's fixed form, in UTC");
	buf_reset(&out);
	frame(&b, DEMUX_STDERR, "2026-12-02T14:29:43.000000000+01:00 two\n", &prefixed, &out);
	is_str(buf_ptr(&out), "\033[31mE| two\033[39m\r\n", "stderr: red, after its prefix");
	buf_reset(&out);
	logbook_render_all(&b, &stamped, &out);
	is_str(buf_ptr(&out), "\033[2m2026-12-02T13:29:42.500000000Z\033[22m one\r\n"
	    "\033[2m2026-12-02T13:29:43.000000000Z\033[22m \033[31mtwo\033[39m\r\n",
	    "all kept, written again with timestamps");
	buf_reset(&out);
	logbook_render_all(&b, &plain, &out);
	is_str(buf_ptr(&out), "one\r\n\033[31mtwo\033[39m\r\n", "and without");
	logbook_free(&b);
	/* Only the last ones are kept. */
	logbook_init(&b, 3);
	for (int i = 0; i < 10; i++) {
		char m[64];
		snprintf(m, sizeof m, "2026-12-02T14:29:42.%09dZ m%d\n", i, i);
		frame(&b, DEMUX_STDOUT, m, &plain, &out);
	}
	buf_reset(&out);
	logbook_render_all(&b, &plain, &out);
	is_str(buf_ptr(&out), "m7\r\nm8\r\nm9\r\n", "keep 3: the last 3 are kept");
	logbook_free(&b);
	buf_free(&out);
}

static void test_resume(void)
{
	struct buf out;
	struct logbook b;
	char since[32];
	buf_init(&out);
	logbook_init(&b, 100);
	is_int(logbook_resume(&b, since, sizeof since), 0, "nothing read: no since (the whole log)");
	/* 1796221782 = 2026-12-02T14:29:42Z */
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:41.900000000Z a\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42.100000000Z same\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42.100000000Z same\n", &plain, &out);
	frame(&b, DEMUX_STDERR, "2026-12-02T14:29:42.200000000Z b\n", &plain, &out);
	is_int(logbook_resume(&b, since, sizeof since), 1, "a since to resume from");
	is_str(since, "1796221781", "a whole second before the newest, in unix seconds");
	buf_reset(&out);
	/* The engine sends from 14:29:41 again, then the next run. */
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:41.900000000Z a\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42.100000000Z same\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42.100000000Z same\n", &plain, &out);
	frame(&b, DEMUX_STDERR, "2026-12-02T14:29:42.200000000Z b\n", &plain, &out);
	is_str(buf_ptr(&out), "", "what came before is dropped, the twin lines both");
	is_int(b.dropped, 4, "four dropped");
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42.200000000Z b\n", &plain, &out);
	is_str(buf_ptr(&out), "b\r\n", "the same text at the same time on the other stream is new");
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:45.000000000Z a\n", &plain, &out);
	is_str(buf_ptr(&out), "b\r\na\r\n", "text seen before at a later time is new");
	/* A second resume: everything within the window again. */
	is_int(logbook_resume(&b, since, sizeof since), 1, "a second resume");
	is_str(since, "1796221784", "from the new newest");
	buf_reset(&out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:45.000000000Z a\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:46.000000000Z c\n", &plain, &out);
	is_str(buf_ptr(&out), "c\r\n", "again only the new one");
	logbook_free(&b);

	/* An engine with whole seconds: the whole second comes again. */
	logbook_init(&b, 100);
	buf_reset(&out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42Z x\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42Z y\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42Z x\n", &plain, &out);
	logbook_resume(&b, since, sizeof since);
	is_str(since, "1796221781", "whole seconds: since the second before");
	buf_reset(&out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42Z x\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42Z y\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42Z x\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42Z z\n", &plain, &out);
	frame(&b, DEMUX_STDOUT, "2026-12-02T14:29:42Z x\n", &plain, &out);
	is_str(buf_ptr(&out), "z\r\nx\r\n", "whole seconds: each seen once is dropped once; the rest is new");
	logbook_free(&b);
	buf_free(&out);
}

int main(void)
{
	test_cut();
	test_look();
	test_resume();
	return done_testing();
}
