/* rpc.c: JSON-RPC 2.0 framing, sorting and building for the MCP server. */
#include "config.h"
#include "mcp/rpc.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rpc_reader_init(struct rpc_reader *r)
{
	buf_init(&r->pending);
	r->skipping = 0;
}

void rpc_reader_free(struct rpc_reader *r) { buf_free(&r->pending); }

void rpc_reader_feed(struct rpc_reader *r, const char *p, size_t n,
    void (*line)(const char *s, size_t len, void *arg), void (*too_long)(void *arg), void *arg)
{
	while (n > 0) {
		const char *nl = memchr(p, '\n', n);
		size_t take = nl ? (size_t)(nl - p) : n;
		if (!r->skipping) {
			if (buf_used(&r->pending) + take > RPC_LINE_MAX) {
				buf_reset(&r->pending);
				r->skipping = 1;
				if (too_long)
					too_long(arg);
			} else {
				buf_add(&r->pending, p, take);
			}
		}
		if (nl == NULL)
			return;
		p += take + 1;
		n -= take + 1;
		if (r->skipping) {
			r->skipping = 0;
			continue;
		}
		size_t len = buf_used(&r->pending);
		const char *s = buf_ptr(&r->pending);
		if (len > 0 && s[len - 1] == '\r')
			len--;
		if (len > 0 && line) {
			/* The line is handed out of a copy: line() may feed more. */
			char *copy = xmalloc(len + 1);
			memcpy(copy, s, len);
			copy[len] = '\0';
			buf_reset(&r->pending);
			line(copy, len, arg);
			free(copy);
		} else {
			buf_reset(&r->pending);
		}
	}
}

static enum rpc_kind invalid(struct rpc_msg *m, int code, const char *why)
{
	m->kind = RPC_INVALID;
	m->error_code = code;
	m->error_message = why;
	return m->kind;
}

enum rpc_kind rpc_parse(const char *s, size_t len, struct rpc_msg *m)
{
	memset(m, 0, sizeof *m);
	m->root = cJSON_ParseWithLength(s, len);
	if (m->root == NULL)
		return invalid(m, RPC_PARSE_ERROR, "the message is not JSON");
	if (cJSON_IsArray(m->root))
		return invalid(m, RPC_INVALID_REQUEST, "batches are not supported: send one message a line");
	if (!cJSON_IsObject(m->root))
		return invalid(m, RPC_INVALID_REQUEST, "a message is a JSON object");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(m->root, "id");
	if (id && (cJSON_IsString(id) || cJSON_IsNumber(id)))
		m->id = id;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(m->root, "jsonrpc");
	if (!cJSON_IsString(v) || strcmp(v->valuestring, "2.0") != 0)
		return invalid(m, RPC_INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"");
	if (id && !m->id && !cJSON_IsNull(id))
		return invalid(m, RPC_INVALID_REQUEST, "\"id\" must be a string or a number");
	const cJSON *method = cJSON_GetObjectItemCaseSensitive(m->root, "method");
	if (method == NULL) {
		if (m->id && (cJSON_GetObjectItemCaseSensitive(m->root, "result") ||
		    cJSON_GetObjectItemCaseSensitive(m->root, "error")))
			return m->kind = RPC_RESPONSE;
		return invalid(m, RPC_INVALID_REQUEST, "a request needs a \"method\"");
	}
	if (!cJSON_IsString(method))
		return invalid(m, RPC_INVALID_REQUEST, "\"method\" must be a string");
	m->method = method->valuestring;
	const cJSON *params = cJSON_GetObjectItemCaseSensitive(m->root, "params");
	if (params && !cJSON_IsNull(params)) {
		if (!cJSON_IsObject(params))
			return invalid(m, RPC_INVALID_PARAMS, "\"params\" must be an object");
		m->params = params;
	}
	return m->kind = m->id ? RPC_REQUEST : RPC_NOTIFICATION;
}

void rpc_msg_clear(struct rpc_msg *m)
{
	cJSON_Delete(m->root);
	memset(m, 0, sizeof *m);
}

static cJSON *envelope(const cJSON *id)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "jsonrpc", "2.0");
	cJSON_AddItemToObject(o, "id", id ? cJSON_Duplicate(id, 0) : cJSON_CreateNull());
	return o;
}

static char *line_of(cJSON *o)
{
	char *s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (s == NULL) { /* cJSON's own allocation failed */
		fputs("porthole: out of memory\n", stderr);
		exit(70);
	}
	size_t n = strlen(s);
	char *l = xmalloc(n + 2);
	memcpy(l, s, n);
	l[n] = '\n';
	l[n + 1] = '\0';
	cJSON_free(s);
	return l;
}

char *rpc_result(const cJSON *id, cJSON *result)
{
	cJSON *o = envelope(id);
	cJSON_AddItemToObject(o, "result", result ? result : cJSON_CreateObject());
	return line_of(o);
}

char *rpc_error(const cJSON *id, int code, const char *message)
{
	cJSON *o = envelope(id);
	cJSON *e = cJSON_AddObjectToObject(o, "error");
	cJSON_AddNumberToObject(e, "code", code);
	cJSON_AddStringToObject(e, "message", message);
	return line_of(o);
}

char *rpc_notification(const char *method, cJSON *params)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "jsonrpc", "2.0");
	cJSON_AddStringToObject(o, "method", method);
	if (params)
		cJSON_AddItemToObject(o, "params", params);
	return line_of(o);
}
