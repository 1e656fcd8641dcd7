#!/bin/bash
# bench/mcp.sh [N]: the latency of exec `true` through `porthole mcp` (the
# official MCP SDK client, one server kept open) beside `porthole exec` (a
# process a call), the raw API (curl) and the docker CLI, in one run on one
# private engine, and of 10 calls at once beside 10 `porthole exec` and 10
# `docker exec` run in parallel. Prints medians in ms and the ratios.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
P=${PORTHOLE:-$src/_build/porthole}
N=${1:-20}
. "$src/bench/lib.sh"
c=ph-bench-mcp-$$
bench_engine "$c"
sock=${PH_ENGINE_HOST#unix://}
api=$(curl -s --unix-socket "$sock" http://d/version | sed -n 's/.*"ApiVersion":"\([0-9.]*\)".*/\1/p')
[ -f "$src/tests/mcp/node_modules/@modelcontextprotocol/sdk/package.json" ] || {
	echo "bench/mcp.sh: the MCP SDK is missing (scripts/install-deps.sh installs it)" >&2
	exit 1
}

par10() { local i; for i in $(seq 1 10); do "$@" >/dev/null 2>&1 & done; wait; }

out=$(PORTHOLE=$P PH_ENGINE_HOST=$PH_ENGINE_HOST PH_BENCH_CTR=$c node "$src/bench/mcp-client.mjs" "$N") || exit 1
m_seq=$(awk '$1 == "seq" { print $2 }' <<<"$out")
m_conc=$(awk '$1 == "conc10" { print $2 }' <<<"$out")
m_conn=$(awk '$1 == "connect" { print $2 }' <<<"$out")
p_seq=$(bench_median "$N" "$P" exec "$c" true)
r_seq=$(bench_median "$N" bench_raw_exec "$sock" "$api" "$c" true)
d_seq=$(bench_median "$N" docker -H "$PH_ENGINE_HOST" exec "$c" true)
p_conc=$(bench_median 5 par10 "$P" exec "$c" true)
d_conc=$(bench_median 5 par10 docker -H "$PH_ENGINE_HOST" exec "$c" true)

echo "engine $PH_ENGINE_HOST (API $api); median wall ms; mcp = one porthole mcp server, calls through the MCP SDK client"
printf '%-30s %9s %13s %9s %9s %10s %8s %8s\n' test mcp "porthole exec" raw-api docker mcp/exec mcp/raw mcp/dock
printf '%-30s %9s %13s %9s %9s %10s %8s %8s\n' "exec true, one at a time" "$m_seq" "$p_seq" "$r_seq" "$d_seq" \
	"$(bench_ratio "$m_seq" "$p_seq")" "$(bench_ratio "$m_seq" "$r_seq")" "$(bench_ratio "$m_seq" "$d_seq")"
printf '%-30s %9s %13s %9s %9s %10s %8s %8s\n' "10 exec true at once" "$m_conc" "$p_conc" - "$d_conc" \
	"$(bench_ratio "$m_conc" "$p_conc")" - "$(bench_ratio "$m_conc" "$d_conc")"
echo "porthole mcp start to initialized (SDK connect): $m_conn ms"
