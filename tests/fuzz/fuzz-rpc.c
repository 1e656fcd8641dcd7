/* fuzz-rpc.c: fuzz target for the MCP server's message reader (mcp/rpc.c)
 * and what it hands on. The input after its first byte is fed to the line
 * reader in pieces whose sizes come from that byte, which must give the
 * same lines as splitting the whole input at once; each line is sorted by
 * rpc_parse (a request has a method and an id, an invalid message a
 * JSON-RPC error code and a message) and answered with the builders, whose
 * lines must parse back as one JSON-RPC object. Each line is also tried as
 * base64 (a decode that succeeds encodes back to text that decodes the
 * same) and as a key name (core/base64.c, mcp/keyname.c). */
#include "config.h"
#include "mcp/rpc.h"
#include "mcp/keyname.h"
#include "core/base64.h"
#include "fuzz.h"
#include <cjson/cJSON.h>
#include <string.h>

struct lines {
	struct buf all;   /* each line, then a NUL */
	size_t n;
};

static void got_line(const char *s, size_t len, void *arg)
{
	struct lines *l = arg;
	FUZZ_CHECK(len > 0 && strlen(s) <= len);
	buf_add(&l->all, s, len);
	buf_add(&l->all, "", 1);
	l->n++;
}

static void check_line(const char *line)
{
	FUZZ_CHECK(line[strlen(line) - 1] == '\n');
	cJSON *o = cJSON_Parse(line);
	FUZZ_CHECK(o != NULL);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "jsonrpc");
	FUZZ_CHECK(cJSON_IsString(v) && strcmp(v->valuestring, "2.0") == 0);
	cJSON_Delete(o);
}

static void one_message(const char *s, size_t len)
{
	struct rpc_msg m;
	enum rpc_kind k = rpc_parse(s, len, &m);
	char *answer = NULL;
	switch (k) {
	case RPC_REQUEST:
		FUZZ_CHECK(m.method != NULL && m.id != NULL);
		FUZZ_CHECK(cJSON_IsString(m.id) || cJSON_IsNumber(m.id));
		FUZZ_CHECK(m.params == NULL || cJSON_IsObject(m.params));
		answer = rpc_result(m.id, cJSON_CreateString(m.method));
		break;
	case RPC_NOTIFICATION:
		FUZZ_CHECK(m.method != NULL && m.id == NULL);
		answer = rpc_notification(m.method, m.params ? cJSON_Duplicate(m.params, 1) : NULL);
		break;
	case RPC_RESPONSE:
		FUZZ_CHECK(m.id != NULL && m.method == NULL);
		break;
	case RPC_INVALID:
		FUZZ_CHECK(m.error_code <= -32600 && m.error_code >= -32700);
		FUZZ_CHECK(m.error_message != NULL && *m.error_message);
		answer = rpc_error(m.id, m.error_code, m.error_message);
		break;
	}
	if (answer) {
		check_line(answer);
		free(answer);
	}
	rpc_msg_clear(&m);

	struct buf b, back, again;
	buf_init(&b);
	buf_init(&back);
	buf_init(&again);
	if (base64_decode(s, len, &b) == 0) {
		base64_encode(buf_ptr(&b), buf_used(&b), &back);
		FUZZ_CHECK(buf_used(&back) % 4 == 0);
		FUZZ_CHECK(base64_decode(buf_ptr(&back), buf_used(&back), &again) == 0);
		FUZZ_CHECK(buf_used(&again) == buf_used(&b) && memcmp(buf_ptr(&again), buf_ptr(&b), buf_used(&b)) == 0);
	}
	buf_free(&b);
	buf_free(&back);
	buf_free(&again);
	struct key_press kp;
	if (keyname_parse(s, &kp) == 0)
		FUZZ_CHECK(kp.is_char ? kp.ch >= 0x20 : kp.key > 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	size_t step = (size_t)data[0] % 17 + 1;
	data++;
	size--;
	struct lines a = { { 0 }, 0 }, b = { { 0 }, 0 };
	buf_init(&a.all);
	buf_init(&b.all);
	struct rpc_reader r1, r2;
	rpc_reader_init(&r1);
	rpc_reader_init(&r2);
	for (size_t i = 0; i < size; i += step)
		rpc_reader_feed(&r1, (const char *)data + i, size - i < step ? size - i : step, got_line, NULL, &a);
	rpc_reader_feed(&r2, (const char *)data, size, got_line, NULL, &b);
	FUZZ_CHECK(a.n == b.n && buf_used(&a.all) == buf_used(&b.all));
	FUZZ_CHECK(memcmp(buf_ptr(&a.all), buf_ptr(&b.all), buf_used(&a.all)) == 0);
	for (const char *p = buf_ptr(&a.all), *end = p + buf_used(&a.all); p < end; p += strlen(p) + 1)
		one_message(p, strlen(p));
	rpc_reader_free(&r1);
	rpc_reader_free(&r2);
	buf_free(&a.all);
	buf_free(&b.all);
	return 0;
}
