/* fuzz-logbook.c: fuzz target for a logs tab's book (session/logbook.c).
 * The input is read as messages: a control byte (bit 0 the stream, the
 * rest milliseconds after the previous message's time), a length byte and
 * that many bytes of text (newlines made spaces, one added at the end).
 * Each message gets the engine's timestamp and goes in as a frame, cut
 * where the next input byte says. Then what must hold:
 *   - every LF written has its CR before it;
 *   - the same messages as one piece give the same bytes;
 *   - after a resume, the messages the engine would send again (those at
 *     or after `since`) are all dropped: nothing is written twice;
 *   - a message newer than all of them is written;
 *   - the raw bytes of the input as a TTY log (no frames) cut anything. */
#include "config.h"
#include "session/logbook.h"
#include "engine/demux.h"
#include "engine/logtime.h"
#include "fuzz.h"
#include <string.h>

#define T0 (1796221782LL * 1000000000LL)
#define MAXMSG 256

struct msg { int stream; char line[300]; size_t len; int64_t ns; };

static void check_crlf(const struct buf *out)
{
	const char *p = buf_ptr(out);
	for (size_t i = 0; i < buf_used(out); i++)
		if (p[i] == '\n')
			FUZZ_CHECK(i > 0 && p[i - 1] == '\r');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct msg m[MAXMSG];
	size_t n = 0, i = 0;
	int64_t ns = T0;
	while (i + 2 <= size && n < MAXMSG) {
		int ctl = data[i], len = data[i + 1];
		i += 2;
		if ((size_t)len > size - i)
			len = (int)(size - i);
		ns += (int64_t)(ctl >> 1) * 1000000;
		char ts[64];
		logtime_format(ns, ts, sizeof ts);
		int k = snprintf(m[n].line, sizeof m[n].line, "%s ", ts);
		for (int j = 0; j < len; j++)
			m[n].line[k++] = data[i + (size_t)j] == '\n' ? ' ' : (char)data[i + (size_t)j];
		m[n].line[k++] = '\n';
		m[n].len = (size_t)k;
		m[n].stream = ctl & 1 ? DEMUX_STDERR : DEMUX_STDOUT;
		m[n].ns = ns;
		i += (size_t)len;
		n++;
	}
	struct logbook_look look = { size & 1, size & 2 ? "E| " : NULL };
	struct logbook a, b;
	struct buf oa, ob;
	buf_init(&oa);
	buf_init(&ob);
	logbook_init(&a, 64);
	logbook_init(&b, 64);
	for (size_t j = 0; j < n; j++) {
		size_t cut = size ? data[j % size] % (m[j].len + 1) : 0;
		if (cut > 0 && cut < m[j].len) {
			logbook_feed(&a, m[j].stream, m[j].line, cut, 0, &look, &oa);
			logbook_feed(&a, m[j].stream, m[j].line + cut, m[j].len - cut, 1, &look, &oa);
		} else
			logbook_feed(&a, m[j].stream, m[j].line, m[j].len, 1, &look, &oa);
		logbook_feed(&b, m[j].stream, m[j].line, m[j].len, 1, &look, &ob);
	}
	check_crlf(&oa);
	FUZZ_CHECK(buf_used(&oa) == buf_used(&ob) && memcmp(buf_ptr(&oa), buf_ptr(&ob), buf_used(&oa)) == 0);
	FUZZ_CHECK(a.messages == n && a.dropped == 0);
	char since[32];
	int r = logbook_resume(&a, since, sizeof since);
	FUZZ_CHECK(r == (n > 0));
	if (r) {
		int64_t s = strtoll(since, NULL, 10) * 1000000000LL;
		buf_reset(&oa);
		for (size_t j = 0; j < n; j++)
			if (m[j].ns >= s)
				logbook_feed(&a, m[j].stream, m[j].line, m[j].len, 1, &look, &oa);
		FUZZ_CHECK(buf_used(&oa) == 0);
		char ts[64], line[96];
		logtime_format(m[n - 1].ns + 1, ts, sizeof ts);
		snprintf(line, sizeof line, "%s new\n", ts);
		logbook_feed(&a, DEMUX_STDOUT, line, strlen(line), 1, &look, &oa);
		FUZZ_CHECK(buf_used(&oa) > 0);
	}
	logbook_render_all(&a, &look, &ob);
	check_crlf(&ob);
	logbook_free(&a);
	logbook_free(&b);
	/* The input itself as a TTY's raw log. */
	struct logbook t;
	logbook_init(&t, 8);
	buf_reset(&oa);
	logbook_feed(&t, DEMUX_STDOUT, (const char *)data, size, 0, &look, &oa);
	logbook_end(&t, &look, &oa);
	check_crlf(&oa);
	logbook_free(&t);
	buf_free(&oa);
	buf_free(&ob);
	return 0;
}
