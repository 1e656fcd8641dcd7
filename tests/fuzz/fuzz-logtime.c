/* fuzz-logtime.c: fuzz target for the logs' times (engine/logtime.c). Each
 * input line is read as an engine timestamp (from an exact-size copy, as a
 * log line's head is) and as a --since value. A timestamp that parses is
 * written back in the engine's fixed form, which must parse to the same
 * nanoseconds; a --since value that is taken gives a short string of
 * digits with at most one point, one that is refused a cause. */
#include "config.h"
#include "engine/logtime.h"
#include "fuzz.h"
#include <string.h>

static void one_line(const char *line, size_t len)
{
	char *copy = malloc(len + 1);
	FUZZ_CHECK(copy != NULL);
	memcpy(copy, line, len);
	int64_t ns, back;
	if (logtime_parse(copy, len, &ns) == 0) {
		char buf[64];
		FUZZ_CHECK(ns >= 0);
		logtime_format(ns, buf, sizeof buf);
		FUZZ_CHECK(strlen(buf) == LOGTIME_FIXED_LEN);
		FUZZ_CHECK(logtime_parse(buf, strlen(buf), &back) == 0 && back == ns);
	}
	copy[len] = '\0';
	char out[64], *cause = NULL;
	if (strlen(copy) == len) {
		if (logtime_arg(copy, 1796221782LL * 1000000000, out, sizeof out, &cause) == 0) {
			FUZZ_CHECK(cause == NULL && out[0] != '\0');
			size_t points = 0;
			for (const char *q = out; *q; q++) {
				FUZZ_CHECK((*q >= '0' && *q <= '9') || *q == '.' || (*q == '-' && q == out));
				points += *q == '.';
			}
			FUZZ_CHECK(points <= 1);
		} else {
			FUZZ_CHECK(cause != NULL && *cause != '\0');
			free(cause);
		}
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		one_line(p, len);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return 0;
}
