/* humanize.h: engine values as `docker ps` and `docker inspect --format`
 * users read them: durations in the engine's own words ("3 minutes"),
 * RFC 3339 times as local time with how long ago ("2026-12-02 01:40:58
 * (3 minutes ago)"), "-" for the zero time (0001-01-01T00:00:00Z, a
 * container that never started or never stopped) and for an exit code
 * while there is none to show. Pure (the clock and the time zone are the
 * caller's: now is given, local time follows TZ). Used by the console's
 * panel (session/app.c), the container list's uptime (session/ctrlist.c)
 * and `porthole inspect`'s text (not its --json, which keeps the engine's
 * values). Strings returned are the caller's to free. */
#ifndef PH_HUMANIZE_H
#define PH_HUMANIZE_H
#include <stddef.h>
#include <stdint.h>
#include "engine/model.h"

/* The engine's words for a duration (Docker's HumanDuration): "Less than a
 * second", "1 second", "N seconds", "About a minute", "N minutes", "About
 * an hour", "N hours", "N days", "N weeks", "N months", "N years". */
void humanize_duration(int64_t ms, char *buf, size_t size);
/* Read an RFC 3339 time ("2026-12-02T01:40:58.804127Z", an offset such as
 * "+01:00" instead of Z, fraction optional): 1 with *secs since the epoch;
 * 0 for the zero time (year 1); -1 when s is not such a time. */
int humanize_parse_time(const char *s, int64_t *secs);
/* For people: "-" for NULL, "" or the zero time; the local time and how
 * long before now (seconds since the epoch) it was; s itself when it does
 * not parse. */
char *humanize_time(const char *s, int64_t now);
/* The container's exit code, or "-" while it has none to show (created and
 * never run, running, paused, restarting). */
void humanize_exit_code(const struct container_info *c, char *buf, size_t size);

#endif
