#!/bin/bash
# mcp.sh: `porthole mcp` driven by the official MCP SDK client
# (tests/mcp/client.mjs, node) against the real engine: every tool, its
# errors, timeouts and cancellations that leave no process behind, TTY
# sessions read as screens, --read-only and --allow, and garbage on stdin.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
a=ph-mcp-$$-a
b=ph-mcp-$$-b
c=ph-mcp-$$-c
. "$PH_SRCDIR/tests/engine/script.sh" "$a" "$b" "$c"

sdk=$PH_SRCDIR/tests/mcp/node_modules/@modelcontextprotocol/sdk/package.json
if ! command -v node >/dev/null || [ ! -f "$sdk" ]; then
	if [ "${CI:-}" = true ] || [ "${PORTHOLE_REQUIRE_ENGINE:-}" = 1 ]; then
		t_bail "node or the MCP SDK is missing (scripts/install-deps.sh installs them)"
	fi
	t_skip_all "node or the MCP SDK is missing (scripts/install-deps.sh installs them)"
fi

engine_run "$a" --hostname "$a" -e SECRET=hunter2 -w /srv --label ph-mcp-role=a -- \
	sh -c 'mkdir -p /srv; exec sleep 1000000' >/dev/null || t_bail "cannot start a container"
engine_run "$b" -- sh -c 'exit 7' >/dev/null || t_bail "cannot start a container"
engine_run "$c" -- sh -c 'i=0; while [ $i -lt 10 ]; do i=$((i+1)); echo "out $i"; echo "err $i" >&2; done; exec sleep 1000000' \
	>/dev/null || t_bail "cannot start a container"
for i in $(seq 1 50); do
	[ "$(engine_docker inspect -f '{{.State.Status}}' "$b" 2>/dev/null)" = exited ] &&
	    [ "$(engine_docker logs "$c" 2>&1 | grep -c 'err 10')" = 1 ] && break
	sleep 0.1
done

PH_MCP_HOST=$PH_ENGINE_HOST PH_MCP_A=$a PH_MCP_B=$b PH_MCP_C=$c \
	node "$PH_SRCDIR/tests/mcp/client.mjs"
