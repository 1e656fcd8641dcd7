/* logtime.h: the times of container logs. The engine's timestamps (RFC 3339
 * with up to nine fraction digits, "2026-12-02T14:29:42.166535355Z") to
 * nanoseconds since the epoch and back, and the --since/--until values of
 * `porthole logs` read as the docker CLI reads them, turned into the API's
 * value (unix seconds and nanoseconds, "1764685782.166535355").
 *
 * Pure: the clock is the caller's (now_ns) and a time without a zone is
 * local time as TZ says (mktime). Used by engine/logs.c's users: the
 * headless `porthole logs` and the console's logs tabs (session/logbook.c). */
#ifndef PH_LOGTIME_H
#define PH_LOGTIME_H
#include <stddef.h>
#include <stdint.h>

/* The length of a timestamp as the engine writes it with timestamps=1
 * (Go's RFC3339NanoFixed: always nine fraction digits, in UTC). */
#define LOGTIME_FIXED_LEN 30

/* s (n bytes, no NUL needed) as an RFC 3339 time: a date, "T", hh:mm:ss,
 * an optional fraction of 1 to 9 digits, then "Z" or an offset "+hh:mm".
 * 0 with *ns, or -1 when s is not exactly such a time (or is outside the
 * years 1970 to 2262 that nanoseconds in 64 bits can hold). */
int logtime_parse(const char *s, size_t n, int64_t *ns);

/* ns as the engine writes it: "2026-12-02T14:29:42.166535355Z" (buf: at
 * least LOGTIME_FIXED_LEN + 1 bytes). */
void logtime_format(int64_t ns, char *buf, size_t size);

/* A --since or --until value, as the docker CLI takes it:
 *   a duration before now: "10m", "1h30m", "1.5h", "90s", "250ms" (Go's
 *     units ns, us, ms, s, m, h; the result is whole seconds);
 *   a time: "2026-12-02", "2026-12-02T14", "2026-12-02T14:29",
 *     "2026-12-02T14:29:42", with a fraction, with "Z" or "+01:00" (local
 *     time when no zone is given);
 *   unix seconds: "1764685782" or "1764685782.5" (passed on as they are).
 * Writes the API's value into buf: 0, or -1 with *cause (allocated) saying
 * what is wrong. */
int logtime_arg(const char *s, int64_t now_ns, char *buf, size_t size, char **cause);

#endif
