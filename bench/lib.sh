# bench/lib.sh: the engine of the bench scripts. Source it; it sources
# tests/lib/engine.sh.
#
#   bench_built PROG      exits 1 ("make bench builds it") unless PROG is
#                         built
#   bench_engine CTR...   the suite's engine when $PORTHOLE_TEST_HOST names
#                         one that answers, else a private one; exports
#                         PH_ENGINE_HOST and DOCKER_HOST, imports the test
#                         image and starts containers CTR... (engine_run).
#                         On EXIT the containers are removed and a private
#                         engine stopped. Exits 1 when any of it fails.

# shellcheck source=tests/lib/engine.sh
. "$(dirname "${BASH_SOURCE[0]}")/../tests/lib/engine.sh"

# bench_built PROG: exits 1 unless PROG is built.
bench_built() {
	if [ ! -x "$1" ]; then
		echo "bench: $1 is not built (make bench builds it)" >&2
		exit 1
	fi
}

# _bench_cleanup: the EXIT trap of bench_engine.
_bench_cleanup() {
	engine_docker rm -f "${_bench_ctrs[@]}" >/dev/null 2>&1
	[ -n "$_bench_own" ] && engine_stop "$_bench_own" >/dev/null 2>&1
}

# bench_engine CTR...: the engine, its image and containers CTR... running.
bench_engine() {
	local c
	_bench_ctrs=("$@")
	_bench_own=
	if [ -n "${PORTHOLE_TEST_HOST:-}" ] && engine_ping "$PORTHOLE_TEST_HOST"; then
		export PH_ENGINE_HOST=$PORTHOLE_TEST_HOST
	else
		_bench_own=$(mktemp -d -p /tmp ph-b.XXXX)
		engine_start "$_bench_own" >/dev/null || exit 1
	fi
	export DOCKER_HOST=$PH_ENGINE_HOST
	engine_image >/dev/null || exit 1
	trap _bench_cleanup EXIT
	for c in "$@"; do
		engine_run "$c" >/dev/null || exit 1
	done
}
