/* test-rpc.c: the MCP server's JSON-RPC framing and sorting (mcp/rpc.c):
 * lines split across reads, CR LF, empty lines, a line past the limit
 * dropped whole; requests, notifications, responses and each kind of
 * invalid message with its error code; the lines the builders make. */
#include "config.h"
#include "mcp/rpc.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static struct buf got;
static int too_long_count;

static void on_line(const char *s, size_t len, void *arg)
{
	(void)arg;
	buf_add(&got, s, len);
	buf_adds(&got, "|");
}

static void on_too_long(void *arg)
{
	(void)arg;
	too_long_count++;
}

static void test_reader(void)
{
	struct rpc_reader r;
	rpc_reader_init(&r);
	buf_init(&got);
	const char *in = "{\"a\":1}\n{\"b\"\r\n\n\n:2}\nlast";
	for (size_t i = 0; in[i]; i++)
		rpc_reader_feed(&r, in + i, 1, on_line, on_too_long, NULL);
	is_str(buf_ptr(&got), "{\"a\":1}|{\"b\"|:2}|", "lines split byte by byte; CR LF ends a line; empty lines skipped; no line before its newline");
	buf_reset(&got);
	rpc_reader_feed(&r, "\n", 1, on_line, on_too_long, NULL);
	is_str(buf_ptr(&got), "last|", "the rest comes with its newline");
	/* A line past the limit is dropped whole, and reported once. */
	buf_reset(&got);
	size_t chunk = 1 << 20;
	char *big = xmalloc(chunk);
	memset(big, 'x', chunk);
	for (size_t sent = 0; sent <= RPC_LINE_MAX; sent += chunk)
		rpc_reader_feed(&r, big, chunk, on_line, on_too_long, NULL);
	rpc_reader_feed(&r, "tail\nnext\n", 10, on_line, on_too_long, NULL);
	free(big);
	is_int(too_long_count, 1, "a line longer than RPC_LINE_MAX is reported once");
	is_str(buf_ptr(&got), "next|", "and dropped to its end; the next line comes through");
	rpc_reader_free(&r);
	buf_free(&got);
}

static enum rpc_kind parse(const char *s, struct rpc_msg *m) { return rpc_parse(s, strlen(s), m); }

static void test_parse(void)
{
	struct rpc_msg m;
	is_int(parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}", &m), RPC_REQUEST, "a request");
	ok(m.id && m.id->valueint == 7 && strcmp(m.method, "ping") == 0 && m.params == NULL, "its id and method, no params");
	rpc_msg_clear(&m);
	is_int(parse("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"tools/call\",\"params\":{\"name\":\"exec\"}}", &m),
	    RPC_REQUEST, "a request with a string id and params");
	ok(cJSON_IsObject(m.params), "its params");
	rpc_msg_clear(&m);
	is_int(parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", &m), RPC_NOTIFICATION, "a notification");
	rpc_msg_clear(&m);
	is_int(parse("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}", &m), RPC_RESPONSE, "a response");
	rpc_msg_clear(&m);
	static const struct { const char *s; int code; } bad[] = {
		{ "not json", RPC_PARSE_ERROR },
		{ "{\"jsonrpc\":\"2.0\",", RPC_PARSE_ERROR },
		{ "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", RPC_INVALID_REQUEST },
		{ "42", RPC_INVALID_REQUEST },
		{ "{\"id\":1,\"method\":\"ping\"}", RPC_INVALID_REQUEST },
		{ "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", RPC_INVALID_REQUEST },
		{ "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", RPC_INVALID_REQUEST },
		{ "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", RPC_INVALID_REQUEST },
		{ "{\"jsonrpc\":\"2.0\",\"id\":1}", RPC_INVALID_REQUEST },
		{ "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":[1]}", RPC_INVALID_PARAMS },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum rpc_kind k = parse(bad[i].s, &m);
		ok(k == RPC_INVALID && m.error_code == bad[i].code && m.error_message && *m.error_message,
		    "invalid: %s -> %d", bad[i].s, bad[i].code);
		rpc_msg_clear(&m);
	}
	parse("{\"jsonrpc\":\"1.0\",\"id\":9,\"method\":\"ping\"}", &m);
	ok(m.id && m.id->valueint == 9, "an invalid request keeps its id for the answer");
	rpc_msg_clear(&m);
}

static void test_build(void)
{
	cJSON *id = cJSON_CreateNumber(4);
	char *l = rpc_result(id, cJSON_CreateObject());
	is_str(l, "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{}}\n", "a result line");
	free(l);
	l = rpc_error(NULL, RPC_METHOD_NOT_FOUND, "unknown method: x\n\"y\"");
	is_str(l, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32601,\"message\":\"unknown method: x\\n\\\"y\\\"\"}}\n",
	    "an error line, id null, the message escaped");
	free(l);
	l = rpc_notification("notifications/progress", NULL);
	is_str(l, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n", "a notification line");
	free(l);
	cJSON_Delete(id);
}

int main(void)
{
	test_reader();
	test_parse();
	test_build();
	return done_testing();
}
