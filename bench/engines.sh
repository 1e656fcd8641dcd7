#!/bin/bash
# bench/engines.sh [ENGINES] [CONTAINERS] [WIDE]: several engines at once.
# Starts ENGINES private dockerds (default 3) with CONTAINERS created
# containers each (default 200) and times `porthole -H ... ls -a` over all
# of them against each engine's own list call (curl, GET
# /containers/json?all=1) and the docker CLI listing them one after the
# other; the console until every engine's list is on screen (the real
# binary in tmux, 200x52 and 80x24, and with one more engine that is
# down); then WIDE engines (default 10, 5 containers each): porthole's
# wall time and peak RSS. Medians of 5 runs; real binaries, real engines.
# Timings live here, never in the tests.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
P=${PORTHOLE:-$src/_build/porthole}
N=${1:-3}
M=${2:-200}
W=${3:-10}
. "$src/bench/lib.sh"
dirs=()
cleanup() {
	local d
	for d in "${dirs[@]}"; do
		engine_stop "$d" >/dev/null 2>&1
		rm -rf "$d"
	done
}
trap cleanup EXIT

# start_engines K C: K private engines with C created containers each;
# their hosts in the array hosts.
start_engines() {
	local k=$1 c=$2 i j d
	hosts=()
	for ((i = 0; i < k; i++)); do
		d=$(mktemp -d -p /tmp ph-be.XXXX)
		dirs+=("$d")
		engine_start "$d" >/dev/null && engine_image >/dev/null || { echo "bench: engine $i did not start" >&2; exit 1; }
		hosts+=("$PH_ENGINE_HOST")
		for ((j = 0; j < c; j++)); do
			echo "$j"
		done | xargs -P 4 -I{} env DOCKER_HOST="$PH_ENGINE_HOST" docker create --network none \
			--name "ph-be-$i-{}" "$PH_TEST_IMAGE" sleep 1000000 >/dev/null 2>&1
	done
}

hargs() { local h; for h in "${hosts[@]}"; do printf -- '-H\n%s\n' "$h"; done; }
raw_list() { curl -s --unix-socket "${1#unix://}" "http://d/containers/json?all=1"; }
cli_all() { local h; for h in "${hosts[@]}"; do DOCKER_HOST=$h docker ps -a >/dev/null; done; }

echo "== $N engines, $M containers each"
t0=$(date +%s)
start_engines "$N" "$M"
echo "(set up in $(($(date +%s) - t0)) s)"
mapfile -t ha < <(hargs)
count=$("$P" "${ha[@]}" ls -a | tail -n +2 | wc -l)
echo "porthole ls -a over $N engines lists $count containers"
slowest=0 slowest_host=
for h in "${hosts[@]}"; do
	m=$(bench_median 5 raw_list "$h")
	echo "  $h: its own list call $m ms"
	[ "$(awk -v a="$m" -v b="$slowest" 'BEGIN { print (a > b) }')" = 1 ] && slowest_host=$h
	slowest=$(awk -v a="$m" -v b="$slowest" 'BEGIN { print (a > b ? a : b) }')
done
# The engines' own list calls asked all at once, as porthole asks them: on
# a small machine the daemons then share its cores, and each is slower.
raw_all() { local h; for h in "${hosts[@]}"; do raw_list "$h" >/dev/null & done; wait; }
together=$(bench_median 5 raw_all)
echo "  the $N list calls at once (curl in parallel): $together ms"
pl=$(bench_median 5 "$P" "${ha[@]}" ls -a)
dl=$(bench_median 5 cli_all)
echo "porthole ls -a, all $N engines at once: $pl ms = $(bench_ratio "$pl" "$slowest")x the slowest engine's own list call ($slowest ms; goal 1.5x), $(bench_ratio "$pl" "$together")x the $N calls at once"
echo "docker ps -a on each, one after the other: $dl ms (porthole/docker $(bench_ratio "$pl" "$dl")x)"
# The console: the real binary in a tmux pane at 200x52 and 80x24 until each
# engine's header says "up  M containers" (its whole list is in).
for size in 200x52 80x24; do
	cl=$(python3 "$src/bench/console-list.py" "$P" "$size" 5 "$M" "${hosts[@]}") || exit 1
	[ "$size" = 200x52 ] && cl200=$cl
	echo "console ($size), every list on screen: $cl ms = $(bench_ratio "$cl" "$slowest")x the slowest engine's own list call (goal 1.5x), $(bench_ratio "$cl" "$together")x the $N calls at once"
done
cd=$(python3 "$src/bench/console-list.py" "$P" 200x52 5 "$M" "${hosts[@]}" -- unix:///nonexistent/ph-bench.sock) || exit 1
echo "console (200x52) with a fourth engine down: $cd ms = $(bench_ratio "$cd" "$slowest")x"
# What starting the console costs with one engine: the slowest alone.
c1=$(python3 "$src/bench/console-list.py" "$P" 200x52 5 "$M" "$slowest_host") || exit 1
echo "console (200x52) on the slowest engine alone: $c1 ms (all $N at once: $(bench_ratio "$cl200" "$c1")x that)"

echo "== $W engines, 5 containers each"
cleanup
dirs=()
start_engines "$W" 5
mapfile -t ha < <(hargs)
pl=$(bench_median 5 "$P" "${ha[@]}" ls -a)
rss=$( { /usr/bin/time -f %M "$P" "${ha[@]}" ls -a >/dev/null; } 2>&1 | tail -1)
echo "porthole ls -a over $W engines: $pl ms, peak RSS $rss kB"
read -r cw crss csock < <(BENCH_PROC=1 python3 "$src/bench/console-list.py" "$P" 200x52 5 5 "${hosts[@]}") || exit 1
echo "the console over $W engines: every list on screen in $cw ms, peak RSS $crss kB, $csock sockets open"
