/* fuzz-stats.c: fuzz target for the stats figures (engine/stats.c). The
 * input is a stats answer: each line is parsed on its own from an
 * exact-size copy, as engine/statstream.c does. A parsed object has id,
 * name and time strings and figures that are finite and never negative;
 * its row and JSON are made whatever the numbers (no overflow of the
 * row's fields, the JSON parses back). A refused one has a cause. */
#include "config.h"
#include "engine/stats.h"
#include "fuzz.h"
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

static void one_line(const char *line, size_t len)
{
	char *copy = malloc(len ? len : 1);
	FUZZ_CHECK(copy != NULL);
	memcpy(copy, line, len);
	struct stats s;
	char *cause = NULL;
	int r = stats_parse(copy, len, &s, &cause);
	free(copy);
	if (r != 0) {
		FUZZ_CHECK(r == -1 && cause != NULL && *cause != '\0');
		free(cause);
		return;
	}
	FUZZ_CHECK(s.id != NULL && s.name != NULL && s.read != NULL);
	const double v[] = { s.cpu_percent, s.mem_used, s.mem_limit, s.mem_percent, s.net_rx, s.net_tx,
		s.blk_read, s.blk_write };
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		FUZZ_CHECK(!isnan(v[i]) && v[i] >= 0);
	struct stats_row row;
	stats_row(&s, &row);
	FUZZ_CHECK(strlen(row.id) <= 12 && row.name == s.name);
	FUZZ_CHECK(strchr(row.mem, '/') != NULL && strchr(row.net, '/') != NULL && strchr(row.blk, '/') != NULL);
	char *j = stats_json(&s);
	cJSON *back = cJSON_Parse(j);
	FUZZ_CHECK(back != NULL && cJSON_IsObject(back));
	cJSON_Delete(back);
	free(j);
	stats_clear(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_each_line(data, size, one_line);
	return 0;
}
