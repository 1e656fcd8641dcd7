/* test-humanize.c: engine values for people (engine/humanize.c): RFC 3339
 * times read back (fractions, offsets, the zero time, garbage), shown as
 * local time with how long ago in two time zones, and the exit code shown
 * only when a container has one. The clock is given, never read. */
#include "config.h"
#include "engine/humanize.h"
#include "../tap.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* 2026-12-02T01:40:58Z */
#define T0 1796175658LL

static void test_parse(void)
{
	static const struct { const char *s; int r; long long secs; } v[] = {
		{ "2026-12-02T01:40:58Z", 1, T0 },
		{ "2026-12-02T01:40:58.804127123Z", 1, T0 },
		{ "2026-12-02T02:40:58.5+01:00", 1, T0 },
		{ "2026-12-01T20:10:58-05:30", 1, T0 },
		{ "1970-01-01T00:00:00Z", 1, 0 },
		{ "0001-01-01T00:00:00Z", 0, 0 },
		{ "0001-01-01T00:00:00.000000000Z", 0, 0 },
		{ "", -1, 0 },
		{ "yesterday", -1, 0 },
		{ "2026-12-02T01:40:58", -1, 0 },
		{ "2026-13-02T01:40:58Z", -1, 0 },
		{ "2026-12-02T01:40:58.Z", -1, 0 },
		{ "2026-12-02T01:40:58Zjunk", -1, 0 },
		{ "2026-12-02T01:40:58+0100", -1, 0 },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		int64_t secs = -1;
		int r = humanize_parse_time(v[i].s, &secs);
		ok(r == v[i].r && (r != 1 || secs == v[i].secs), "parse \"%s\": %d (got %d, %lld)", v[i].s, v[i].r,
		    r, (long long)secs);
	}
	int64_t secs;
	is_int(humanize_parse_time(NULL, &secs), -1, "parse NULL: -1");
}

static void test_time(void)
{
	static const struct { const char *tz, *s; long long now; const char *want; } v[] = {
		{ "UTC", "2026-12-02T01:40:58.804127Z", T0 + 180, "2026-12-02 01:40:58 (3 minutes ago)" },
		{ "UTC", "2026-12-02T01:40:58Z", T0, "2026-12-02 01:40:58 (Less than a second ago)" },
		{ "UTC", "2026-12-02T01:40:58Z", T0 - 5, "2026-12-02 01:40:58 (Less than a second ago)" },
		{ "UTC", "2026-12-02T01:40:58Z", T0 + 75, "2026-12-02 01:40:58 (About a minute ago)" },
		{ "UTC", "2026-12-02T01:40:58Z", T0 + 3 * 86400, "2026-12-02 01:40:58 (3 days ago)" },
		{ "PHT-2", "2026-12-02T01:40:58Z", T0 + 7200, "2026-12-02 03:40:58 (2 hours ago)" },
		{ "PHT+5", "2026-12-02T01:40:58Z", T0 + 30, "2026-12-01 20:40:58 (30 seconds ago)" },
		{ "UTC", "0001-01-01T00:00:00Z", T0, "-" },
		{ "UTC", "", T0, "-" },
		{ "UTC", "not a time", T0, "not a time" },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		setenv("TZ", v[i].tz, 1);
		tzset();
		char *got = humanize_time(v[i].s, v[i].now);
		is_str(got, v[i].want, "TZ=%s: \"%s\" reads \"%s\"", v[i].tz, v[i].s, v[i].want);
		free(got);
	}
	char *got = humanize_time(NULL, T0);
	is_str(got, "-", "NULL reads -");
	free(got);
}

static void test_exit_code(void)
{
	static const struct { const char *status; int running, paused, restarting, code; const char *want; } v[] = {
		{ "running", 1, 0, 0, 0, "-" },
		{ "created", 0, 0, 0, 0, "-" },
		{ "paused", 1, 1, 0, 0, "-" },
		{ "restarting", 1, 0, 1, 1, "-" },
		{ "exited", 0, 0, 0, 0, "0" },
		{ "exited", 0, 0, 0, 137, "137" },
		{ "dead", 0, 0, 0, 2, "2" },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct container_info c;
		memset(&c, 0, sizeof c);
		c.status = (char *)v[i].status;
		c.running = v[i].running;
		c.paused = v[i].paused;
		c.restarting = v[i].restarting;
		c.exit_code = v[i].code;
		char buf[32];
		humanize_exit_code(&c, buf, sizeof buf);
		ok(strcmp(buf, v[i].want) == 0, "exit code of a %s container (ExitCode %d): %s (got %s)",
		    v[i].status, v[i].code, v[i].want, buf);
	}
}

int main(void)
{
	test_parse();
	test_time();
	test_exit_code();
	return done_testing();
}
