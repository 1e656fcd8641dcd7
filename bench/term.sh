#!/bin/bash
# bench/term.sh [KEYS] [ROWSxCOLS...]: end-to-end terminal benchmarks of the
# real binary in a pseudo-terminal, beside tmux running `docker exec -it`
# and the docker CLI in a bare pty, at each pane size (default 50x200 and
# 24x80): B1 `seq 1 1000000` until a marker is drawn (wall, and the CPU of
# porthole, the tmux server and client, the docker CLI), B2 the echo latency
# of KEYS keys (default 200) idle and while `yes` floods a background tab.
# $BENCH_RUNS rounds (default 1), in a turning order; BENCH_PERF=FILE
# records porthole with `perf record -g` during B1; bench/term.py does the
# driving and prints the tables and ratios.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
B=${PH_BUILDDIR:-$src/_build}
P=${PORTHOLE:-$B/porthole}
KEYS=${1:-200}
shift $(($# > 0 ? 1 : 0))
[ $# -gt 0 ] || set -- 50x200 24x80
. "$src/bench/lib.sh"
bench_built "$P"
for t in python3 tmux docker; do
	command -v "$t" >/dev/null || { echo "bench/term.sh: $t is needed" >&2; exit 1; }
done
c=ph-term-$$
bench_engine "$c"
conf=$(mktemp -p /tmp ph-term.XXXXXX)
trap '_bench_cleanup; rm -f "$conf"' EXIT
# The panel off from the start; the list is hidden once the first tab is
# open (with it hidden from the start no container is selected).
printf 'set panel off\n' >"$conf"
unset TMUX TMUX_PANE
# Bounded: each B1 run stops after 180 s, each key after 3 s.
RUNS=${BENCH_RUNS:-1}
timeout -k 10 $((1200 * RUNS)) python3 "$src/bench/term.py" "$P" "$conf" "$c" "$KEYS" "$RUNS" "$@"
