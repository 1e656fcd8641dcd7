# bench/lib.sh: the engine of the bench scripts. Source it; it sources
# tests/lib/engine.sh.
#
#   bench_built PROG      exits 1 ("make bench builds it") unless PROG is
#                         built
#   bench_median N CMD... the median wall time in ms of N runs of CMD (after
#                         one that must succeed, else exit 1)
#   bench_ratio A B       A / B to two decimals
#   bench_raw_exec SOCK API CTR CMD  the raw API's exec: create, start
#                         attached, inspect (curl)
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

bench_median() {
	local n=$1 i t0 t1
	shift
	if ! "$@" >/dev/null 2>&1; then
		echo "bench: failed: $*" >&2
		exit 1
	fi
	for ((i = 0; i < n; i++)); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000))
	done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}

bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }

bench_raw_exec() {
	local sock=$1 api=$2 ctr=$3 id
	id=$(curl -s --unix-socket "$sock" -H 'Content-Type: application/json' \
		-d "{\"Cmd\":[\"$4\"],\"AttachStdout\":true,\"AttachStderr\":true}" \
		"http://d/v$api/containers/$ctr/exec" | sed -n 's/.*"Id":"\([0-9a-f]*\)".*/\1/p')
	curl -s --unix-socket "$sock" -H 'Content-Type: application/json' -d '{"Detach":false,"Tty":false}' \
		"http://d/v$api/exec/$id/start" >/dev/null
	curl -s --unix-socket "$sock" "http://d/v$api/exec/$id/json" >/dev/null
}
