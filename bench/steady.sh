#!/bin/bash
# bench/steady.sh [IDLE_S] [ROWSxCOLS]: the steady state of the real binary
# in a pty beside tmux running `docker exec -it` and bare docker CLIs, in
# one run (bench/steady.py does the driving): S1 the time until 10 shells
# run, S2 the context switches of each while the 10 sit idle for IDLE_S
# seconds (default 30), S3 the memory 10,000 lines of 200 characters cost
# (porthole's scrollback and tmux's history-limit both 10000). The pane is
# 50x200 by default.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
B=${PH_BUILDDIR:-$src/_build}
P=${PORTHOLE:-$B/porthole}
IDLE=${1:-30}
SIZE=${2:-50x200}
. "$src/bench/lib.sh"
bench_built "$P"
for t in python3 tmux docker; do
	command -v "$t" >/dev/null || { echo "bench/steady.sh: $t is needed" >&2; exit 1; }
done
c=ph-steady-$$
bench_engine "$c"
conf=$(mktemp -p /tmp ph-steady.XXXXXX)
trap '_bench_cleanup; rm -f "$conf"' EXIT
printf 'set panel off\nset scrollback 10000\n' >"$conf"
unset TMUX TMUX_PANE
timeout -k 10 600 python3 "$src/bench/steady.py" "$P" "$conf" "$c" "$IDLE" "$SIZE"
