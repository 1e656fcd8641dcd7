/* rpc.h: JSON-RPC 2.0 as MCP's stdio transport carries it: one message a
 * line, UTF-8 JSON, no batches. The line reader splits what comes on stdin
 * into lines (a line longer than RPC_LINE_MAX is dropped whole and reported
 * once as too long); rpc_parse() sorts a line into a request, a
 * notification, a response, or something invalid with the JSON-RPC error
 * that answers it; the builders make the lines porthole sends.
 *
 * Pure: no I/O. rpc_parse() leaves msg->root owned by the caller
 * (rpc_msg_clear()); the builders take ownership of the cJSON they are
 * given and return a string ending in '\n' that the caller frees. */
#ifndef PH_RPC_H
#define PH_RPC_H
#include <stddef.h>
#include "core/buf.h"

struct cJSON;

#define RPC_LINE_MAX (64u << 20)

/* JSON-RPC's error codes. */
#define RPC_PARSE_ERROR -32700
#define RPC_INVALID_REQUEST -32600
#define RPC_METHOD_NOT_FOUND -32601
#define RPC_INVALID_PARAMS -32602
#define RPC_INTERNAL_ERROR -32603

struct rpc_reader {
	struct buf pending;
	int skipping;          /* in a line that was too long: drop to its end */
};
void rpc_reader_init(struct rpc_reader *r);
void rpc_reader_free(struct rpc_reader *r);
/* Feed bytes; line() runs for every complete line (without its '\n' or a
 * '\r' before it; empty lines are skipped), too_long() once for each line
 * past RPC_LINE_MAX. Both may be NULL. */
void rpc_reader_feed(struct rpc_reader *r, const char *p, size_t n,
    void (*line)(const char *s, size_t len, void *arg), void (*too_long)(void *arg), void *arg);

enum rpc_kind {
	RPC_REQUEST,       /* method and id */
	RPC_NOTIFICATION,  /* method, no id */
	RPC_RESPONSE,      /* result or error, with id */
	RPC_INVALID        /* error_code and error_message say why; id when one was found */
};

struct rpc_msg {
	enum rpc_kind kind;
	struct cJSON *root;            /* the whole message (owned) */
	const struct cJSON *id;        /* a string or a number, or NULL */
	const char *method;
	const struct cJSON *params;    /* an object, or NULL when absent */
	int error_code;
	const char *error_message;
};
enum rpc_kind rpc_parse(const char *s, size_t len, struct rpc_msg *m);
void rpc_msg_clear(struct rpc_msg *m);

/* {"jsonrpc":"2.0","id":id,"result":result}; id NULL gives null. */
char *rpc_result(const struct cJSON *id, struct cJSON *result);
/* {"jsonrpc":"2.0","id":id,"error":{"code":code,"message":message}}. */
char *rpc_error(const struct cJSON *id, int code, const char *message);
/* {"jsonrpc":"2.0","method":method,"params":params} (params may be NULL). */
char *rpc_notification(const char *method, struct cJSON *params);

#endif
