#!/bin/bash
# bench/churn.sh [TABS [ROUNDS]]: tab churn in the console model, full size
# (50 tabs x 20 rounds by default): tests/engine/test-churn opens TABS shell
# tabs over two containers, waits until all run, closes them all, ROUNDS
# times, and prints the fds and RSS before and after and the time per round.
# Beside it the docker CLI does the same exec work: per round TABS
# `docker exec -d CTR sh -c 'sleep 1'`, all at once as porthole's tabs are;
# printed with the ratio of porthole's time to open a round of tabs (until
# every shell runs and has written its prompt) to the CLI's round.
# Timings live here, never in the tests.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
B=${PH_BUILDDIR:-$src/_build}
prog=$B/tests/engine/test-churn
TABS=${1:-50}
ROUNDS=${2:-20}
. "$src/bench/lib.sh"
bench_built "$prog"
a=ph-churn-$$-a b=ph-churn-$$-b
bench_engine "$a" "$b"

echo "engine $PH_ENGINE_HOST, $TABS tabs x $ROUNDS rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
out=$(mktemp)
"$prog" "$PH_ENGINE_HOST" "$a" "$b" "$TABS" "$ROUNDS" >"$out"
rc=$?
grep -E '^(not ok|# (before|round|fds|VmRSS|per round))' "$out"
[ "$rc" = 0 ] || { echo "bench: test-churn failed (status $rc):" >&2; grep -v '^ok' "$out" >&2; }
p_open=$(sed -n 's/^# per round, median (max): open \([0-9]*\) .*/\1/p' "$out")
rm -f "$out"

# The docker CLI: TABS detached execs per round, all at once.
times=()
for ((r = 1; r <= ROUNDS; r++)); do
	t0=$(date +%s%N)
	for ((i = 0; i < TABS; i++)); do
		if ((i % 2)); then c=$b; else c=$a; fi
		engine_docker exec -d "$c" sh -c 'sleep 1' >/dev/null 2>&1 &
	done
	wait
	t1=$(date +%s%N)
	times+=($(((t1 - t0) / 1000000)))
done
d_med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
d_max=$(printf '%s\n' "${times[@]}" | sort -n | tail -1)
echo "docker CLI: $TABS x docker exec -d at once, per round, median (max): $d_med ($d_max) ms over $ROUNDS rounds"
if [ -n "$p_open" ] && [ "$d_med" -gt 0 ]; then
	printf 'porthole open / docker exec -d per round: %s / %s ms = %s\n' "$p_open" "$d_med" \
		"$(awk -v a="$p_open" -v b="$d_med" 'BEGIN { printf "%.2f", a / b }')"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$rc"
