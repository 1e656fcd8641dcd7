#!/bin/bash
# bench/exec.sh [N]: porthole beside the raw API (curl) and the docker CLI,
# in one run on one private engine: the wall time of running `true` in a
# container, of 8 MB of output through a TTY and without one, and of 10
# detached execs; prints the medians and porthole's ratio to each. Timings
# live here, never in the tests.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
P=${PORTHOLE:-$src/_build/porthole}
N=${1:-20}
. "$src/bench/lib.sh"
c=ph-bench-$$
bench_engine "$c"
sock=${PH_ENGINE_HOST#unix://}
api=$(curl -s --unix-socket "$sock" http://d/version | sed -n 's/.*"ApiVersion":"\([0-9.]*\)".*/\1/p')


raw_seq() { # raw API with an argv of three
	local id
	id=$(curl -s --unix-socket "$sock" -H 'Content-Type: application/json' \
		-d '{"Cmd":["seq","1","1000000"],"AttachStdout":true,"AttachStderr":true}' \
		"http://d/v$api/containers/$c/exec" | sed -n 's/.*"Id":"\([0-9a-f]*\)".*/\1/p')
	curl -s --unix-socket "$sock" -H 'Content-Type: application/json' -d '{"Detach":false,"Tty":false}' \
		"http://d/v$api/exec/$id/start" >/dev/null
}

row() { # label porthole raw docker
	printf '%-34s %10s %10s %10s %8s %8s\n' "$1" "$2" "$3" "$4" \
		"$(bench_ratio "$2" "$3")" "$(bench_ratio "$2" "$4")"
}

echo "engine $PH_ENGINE_HOST (API $api), $N runs each, median wall ms"
printf '%-34s %10s %10s %10s %8s %8s\n' test porthole raw-api docker p/raw p/docker
row "exec true" "$(bench_median "$N" "$P" exec "$c" true)" "$(bench_median "$N" bench_raw_exec "$sock" "$api" "$c" true)" \
	"$(bench_median "$N" docker exec "$c" true)"
row "exec seq 1 1000000 (6.9 MB)" "$(bench_median 3 "$P" exec "$c" seq 1 1000000)" \
	"$(bench_median 3 raw_seq)" "$(bench_median 3 docker exec "$c" seq 1 1000000)"
row "exec -t seq 1 1000000 (TTY)" "$(bench_median 3 script -qc "$P exec -t $c seq 1 1000000" /dev/null)" \
	"-" "$(bench_median 3 script -qc "docker exec -t $c seq 1 1000000" /dev/null)"
ten() { local i; for i in $(seq 1 10); do "$@" >/dev/null; done; }
row "10 detached execs (exec -d)" "$(bench_median 3 ten "$P" exec -d "$c" true)" "-" \
	"$(bench_median 3 ten docker exec -d "$c" true)"
# Peak memory of porthole exec streaming 7 MB, against docker's CLI.
pm=$( { /usr/bin/time -f %M "$P" exec "$c" seq 1 1000000 >/dev/null; } 2>&1 | tail -1)
dm=$( { /usr/bin/time -f %M docker exec "$c" seq 1 1000000 >/dev/null; } 2>&1 | tail -1)
printf '%-34s %10s %10s %10s %8s %8s\n' "peak RSS KB, exec seq (7 MB)" "$pm" - "$dm" - \
	"$(bench_ratio "$pm" "$dm")"
