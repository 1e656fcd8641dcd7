/* mcp.h: what the MCP server's tools see of it. A tool is named data (struct
 * mcp_tool: name, description, JSON schemas, annotations, the function that
 * starts it); the server (mcp/server.c) checks a call's arguments against
 * the input schema's property types before start() runs, so a tool reads
 * them without checking their types again.
 *
 * A call in flight is a struct mcp_call. Its tool ends it exactly once with
 * mcp_call_finish() (a result: structuredContent plus a text block) or
 * mcp_call_fail() (a result with isError: the call failed, the text says
 * why); the call is freed by that and may not be used after. A tool that
 * can be interrupted sets a cancel hook: it runs when the client cancels
 * the request (notifications/cancelled) or the server is closing, and the
 * tool then ends the call as soon as it can (its answer is dropped when the
 * client cancelled it). Progress notifications go out only when the client
 * asked for them (a progressToken).
 *
 * Containers: mcp_resolve() inspects the one a call names, refuses it when
 * --allow does not let the agent touch it (or it does not exist, or it must
 * be running and is not: with its state and exit code), and hands the
 * inspect to the tool. */
#ifndef PH_MCP_H
#define PH_MCP_H
#include "core/strv.h"
#include "engine/api.h"
#include "engine/model.h"

struct cJSON;
struct mcp_server;
struct mcp_call;

struct mcp_tool {
	const char *name;
	const char *title;
	const char *description;
	const char *input_schema;   /* JSON text */
	const char *output_schema;  /* JSON text */
	int read_only;              /* offered with --read-only */
	int destructive;            /* may change or stop things in a container */
	void (*start)(struct mcp_call *c, const struct cJSON *args);
};

/* The tools, in the order tools/list gives them (mcp/tools.c). */
extern const struct mcp_tool *const mcp_tools[];
extern const size_t mcp_tool_count;

/* The call's engine: the one its "engine" argument names (every tool takes
 * one: an -H address or context name as given), else the one mcp_resolve()
 * found the container on, else the first. */
struct engine *mcp_call_engine(const struct mcp_call *c);
/* 1 when the call named its engine. */
int mcp_call_engine_named(const struct mcp_call *c);
/* The engines the server has, and their names. */
size_t mcp_engine_count(const struct mcp_server *s);
struct engine *mcp_engine_at(const struct mcp_server *s, size_t i);
const char *mcp_engine_name(const struct mcp_server *s, size_t i);
/* Use engine i for the rest of the call, as if the call had named it. */
void mcp_call_set_engine(struct mcp_call *c, size_t i);
struct mcp_server *mcp_call_server(const struct mcp_call *c);
/* The result, when structuredContent is on (protocol 2025-06-18 and
 * later), carries structured (taken) and the text; else the text, then the
 * structured content printed as JSON in a second text block. */
void mcp_call_finish(struct mcp_call *c, struct cJSON *structured, const char *text);
void mcp_call_fail(struct mcp_call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 1 when the client gave a progress token. */
int mcp_call_wants_progress(const struct mcp_call *c);
/* A progress notification: progress grows with each (the server makes it
 * so), message is one short text (may be NULL). */
void mcp_call_progress(struct mcp_call *c, double progress, const char *message);
void mcp_call_on_cancel(struct mcp_call *c, void (*fn)(void *arg), void *arg);
/* 1 once the call was cancelled or the server is closing. */
int mcp_call_cancelled(const struct mcp_call *c);

/* Arguments (types already checked): a member or NULL. */
const char *mcp_arg_str(const struct cJSON *args, const char *name);
/* *out set when present; returns 1 when present, 0 when absent. */
int mcp_arg_num(const struct cJSON *args, const char *name, double *out);
int mcp_arg_bool(const struct cJSON *args, const char *name, int dflt);

/* Whether --allow lets an agent touch the container with this name (with or
 * without its leading '/') and id. */
int mcp_allowed(const struct mcp_server *s, const char *name, const char *id);

typedef void (*mcp_resolved_cb)(struct mcp_call *c, const struct container_info *ci, void *arg);
/* Inspect container (a name or an id) on the call's engine, or, with
 * several engines and none named, on every engine at once: the one engine
 * that has it becomes the call's (none, or more than one, fails the call
 * naming them). cb runs with the inspect unless the
 * call was failed instead (no such container, not allowed, not running when
 * need_running, the engine unreachable, cancelled): then drop(arg) runs
 * (drop may be NULL). */
void mcp_resolve(struct mcp_call *c, const char *container, int need_running, mcp_resolved_cb cb,
    void (*drop)(void *arg), void *arg);
/* The failure text for a container that is not running (its state, exit
 * code and when it finished), caller frees. */
char *mcp_not_running_text(const struct container_info *ci);

/* Output in a result (mcp/output.c): "stdout" and "stderr" as JSON strings
 * when both are UTF-8 text without NUL (mcp_is_text), else both base64;
 * "encoding" says which ("utf-8" or "base64", also returned). */
struct buf;
int mcp_is_text(const struct buf *b);
const char *mcp_add_streams(struct cJSON *o, const struct buf *out, const struct buf *err);

/* The TTY sessions the session_* tools keep (mcp/tool-session.c). */
struct mcp_sessions;
struct mcp_sessions *mcp_server_sessions(struct mcp_server *s);
struct mcp_sessions *mcp_sessions_new(struct mcp_server *s);
/* Stop every session's process; 1 while any is still ending. */
int mcp_sessions_close_all(struct mcp_sessions *ms);
void mcp_sessions_free(struct mcp_sessions *ms);

#endif
