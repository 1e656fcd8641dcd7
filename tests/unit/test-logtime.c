/* test-logtime.c: the logs' times (engine/logtime.c): the engine's RFC 3339
 * timestamps read to the nanosecond and written back in its fixed form,
 * and the --since/--until values as the docker CLI reads them (durations
 * before a given now, times with and without a zone in two time zones,
 * unix seconds, garbage). The clock is given, never read. */
#include "config.h"
#include "engine/logtime.h"
#include "../tap.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* 2026-12-02T14:29:42Z */
#define T0 1796221782LL
#define NS 1000000000LL

static void test_parse(void)
{
	static const struct { const char *s; int r; long long ns; } v[] = {
		{ "2026-12-02T14:29:42.166535355Z", 0, T0 * NS + 166535355 },
		{ "2026-12-02T14:29:42Z", 0, T0 * NS },
		{ "2026-12-02T14:29:42.5Z", 0, T0 * NS + 500000000 },
		{ "2026-12-02T15:29:42.000000001+01:00", 0, T0 * NS + 1 },
		{ "2026-12-02T08:59:42-05:30", 0, T0 * NS },
		{ "1970-01-01T00:00:00Z", 0, 0 },
		{ "2026-12-02T14:29:42.1234567891Z", 0, T0 * NS + 123456789 },
		{ "2026-12-02T14:29:42", -1, 0 },
		{ "2026-12-02", -1, 0 },
		{ "2026-02-30T00:00:00Z", -1, 0 },
		{ "2026-12-02T24:00:00Z", -1, 0 },
		{ "2026-12-02T14:29:42.Z", -1, 0 },
		{ "0001-01-01T00:00:00Z", -1, 0 },
		{ "2300-01-01T00:00:00Z", -1, 0 },
		{ "2026-12-02T14:29:42Z ", -1, 0 },
		{ "", -1, 0 },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		int64_t ns = -7;
		int r = logtime_parse(v[i].s, strlen(v[i].s), &ns);
		is_int(r, v[i].r, "parse \"%s\": %s", v[i].s, v[i].r == 0 ? "a time" : "refused");
		if (r == 0 && v[i].r == 0)
			is_int(ns, v[i].ns, "parse \"%s\": its nanoseconds", v[i].s);
	}
	/* Only the n bytes given are read. */
	int64_t ns;
	const char *line = "2026-12-02T14:29:42.166535355Z out 1\n";
	is_int(logtime_parse(line, LOGTIME_FIXED_LEN, &ns), 0, "a timestamp at the head of a log line");
	is_int(ns, T0 * NS + 166535355, "read to its nanosecond");
}

static void test_format(void)
{
	char b[64];
	logtime_format(T0 * NS + 166535355, b, sizeof b);
	is_str(b, "2026-12-02T14:29:42.166535355Z", "the engine's fixed form");
	is_int(strlen(b), LOGTIME_FIXED_LEN, "of LOGTIME_FIXED_LEN characters");
	logtime_format(0, b, sizeof b);
	is_str(b, "1970-01-01T00:00:00.000000000Z", "the epoch");
	logtime_format(951825600LL * NS + 7, b, sizeof b);
	is_str(b, "2000-02-29T12:00:00.000000007Z", "a leap day");
	int64_t back;
	logtime_parse(b, strlen(b), &back);
	is_int(back, 951825600LL * NS + 7, "read back the same");
}

static void arg_is(const char *in, const char *want, const char *what)
{
	char b[64] = "", *cause = NULL;
	int r = logtime_arg(in, T0 * NS + 250000000, b, sizeof b, &cause);
	if (want == NULL) {
		ok(r == -1 && cause && *cause, "%s: \"%s\" refused (%s)", what, in, cause ? cause : "no cause");
		free(cause);
		return;
	}
	is_int(r, 0, "%s: \"%s\" taken", what, in);
	is_str(b, want, "%s: \"%s\" to the API", what, in);
	free(cause);
}

static void test_arg(void)
{
	char want[64];
	setenv("TZ", "UTC", 1);
	tzset();
	snprintf(want, sizeof want, "%lld", T0 - 600);
	arg_is("10m", want, "a duration");
	snprintf(want, sizeof want, "%lld", T0 - 5400);
	arg_is("1h30m", want, "a duration of two units");
	arg_is("1.5h", want, "a fractional duration");
	snprintf(want, sizeof want, "%lld", T0);
	arg_is("250ms", want, "a duration in ms: whole seconds, as the CLI sends");
	snprintf(want, sizeof want, "%lld", T0 + 60);
	arg_is("-1m", want, "a negative duration: after now");
	arg_is("0", "0", "0 is unix seconds, not a duration");
	arg_is("1796221782", "1796221782", "unix seconds pass as they are");
	arg_is("1796221782.5", "1796221782.5", "with a fraction");
	arg_is("2026-12-02T14:29:42Z", "1796221782.000000000", "a time in UTC");
	arg_is("2026-12-02T14:29:42.166535355Z", "1796221782.166535355", "with nanoseconds");
	arg_is("2026-12-02T15:29:42+01:00", "1796221782.000000000", "with an offset");
	arg_is("2026-12-02T14:29:42", "1796221782.000000000", "no zone: local time (UTC here)");
	arg_is("2026-12-02T14:29", "1796221740.000000000", "to the minute");
	arg_is("2026-12-02T14", "1796220000.000000000", "to the hour");
	arg_is("2026-12-02", "1796169600.000000000", "a date");
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1); /* Paris, without tzdata */
	tzset();
	arg_is("2026-12-02T15:29:42", "1796221782.000000000", "no zone: local time (Paris, winter)");
	arg_is("2026-07-02T16:29:42", "1783002582.000000000", "no zone: local time (Paris, summer)");
	arg_is("2026-12-02T14:29:42Z", "1796221782.000000000", "a zone given: the local one does not count");
	setenv("TZ", "UTC", 1);
	tzset();
	arg_is("", NULL, "empty");
	arg_is("yesterday", NULL, "a word");
	arg_is("10x", NULL, "an unknown unit");
	arg_is("2026-13-01", NULL, "month 13");
	arg_is("2026-12-02T25:00", NULL, "hour 25");
	arg_is("1796221782.", NULL, "a point without a fraction");
	arg_is("-1796221782", NULL, "negative unix seconds");
	arg_is("1969-12-31T00:00:00Z", NULL, "before 1970");
}

int main(void)
{
	test_parse();
	test_format();
	test_arg();
	return done_testing();
}
