/* tools.c: the table of the MCP server's tools, in the order tools/list
 * gives them. Each tool is defined beside its code. */
#include "config.h"
#include "mcp/mcp.h"

extern const struct mcp_tool mcp_tool_exec, mcp_tool_list, mcp_tool_info, mcp_tool_exec_info,
    mcp_tool_logs, mcp_tool_session_open, mcp_tool_session_send, mcp_tool_session_read,
    mcp_tool_session_wait, mcp_tool_session_resize, mcp_tool_session_close;

const struct mcp_tool *const mcp_tools[] = {
	&mcp_tool_exec,
	&mcp_tool_list,
	&mcp_tool_info,
	&mcp_tool_exec_info,
	&mcp_tool_logs,
	&mcp_tool_session_open,
	&mcp_tool_session_send,
	&mcp_tool_session_read,
	&mcp_tool_session_wait,
	&mcp_tool_session_resize,
	&mcp_tool_session_close,
};
const size_t mcp_tool_count = sizeof mcp_tools / sizeof mcp_tools[0];
