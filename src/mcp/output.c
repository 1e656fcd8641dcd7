/* output.c: a process's or a log's two streams in a tool's result: JSON
 * strings when both are UTF-8 text, else both base64 (see mcp.h). */
#include "config.h"
#include "mcp/mcp.h"
#include "core/base64.h"
#include "core/utf8.h"
#include <cjson/cJSON.h>
#include <string.h>

int mcp_is_text(const struct buf *b)
{
	return utf8_valid(buf_ptr(b), buf_used(b)) && !memchr(buf_ptr(b), 0, buf_used(b));
}

const char *mcp_add_streams(cJSON *o, const struct buf *out, const struct buf *err)
{
	int text = mcp_is_text(out) && mcp_is_text(err);
	const struct buf *v[2] = { out, err };
	const char *k[2] = { "stdout", "stderr" };
	for (int i = 0; i < 2; i++) {
		if (text) {
			cJSON_AddStringToObject(o, k[i], buf_ptr(v[i]));
			continue;
		}
		struct buf b;
		buf_init(&b);
		base64_encode(buf_ptr(v[i]), buf_used(v[i]), &b);
		cJSON_AddStringToObject(o, k[i], buf_ptr(&b));
		buf_free(&b);
	}
	const char *enc = text ? "utf-8" : "base64";
	cJSON_AddStringToObject(o, "encoding", enc);
	return enc;
}
