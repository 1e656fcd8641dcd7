/* server.h: `porthole mcp`, a Model Context Protocol server on stdin and
 * stdout (JSON-RPC 2.0, one message a line; mcp/rpc.h). It answers
 * initialize (protocol revisions 2024-11-05 to 2025-11-25: the client's when
 * porthole knows it, else the newest), ping, tools/list and tools/call;
 * takes notifications/cancelled (the call's process is stopped) and sends
 * notifications/progress. Calls run concurrently on the one loop; stdout
 * carries protocol messages only, diagnostics go to stderr.
 *
 * mcp_serve() returns when stdin ends or SIGINT, SIGTERM or SIGHUP comes,
 * once every call in flight is over and every process a call or a TTY
 * session started is stopped (or after MCP_CLOSE_MS): 0, or 1 when it
 * could not set up. */
#ifndef PH_MCP_SERVER_H
#define PH_MCP_SERVER_H
#include "core/strv.h"
#include "engine/api.h"

#define MCP_CLOSE_MS 8000
#define MCP_PROTOCOL_LATEST "2025-11-25"

struct mcp_opts {
	int read_only;          /* offer only the tools that change nothing */
	struct strv allow;      /* glob patterns of container names (or ids) an
	                           agent may touch; empty: any */
	const char *engine_note;/* NULL, or why the engine did not answer at start */
	/* Several engines (more than one -H or --context): each with the name
	 * it was given by; the engine of mcp_serve() is the first. With none,
	 * that engine is the only one. */
	struct engine **engines;
	const char *const *names;
	size_t nengines;
};

int mcp_serve(struct engine *e, const struct mcp_opts *o, int in_fd, int out_fd);

#endif
