#!/bin/sh
# run-fuzz.sh: runs libFuzzer targets for a while each (the `make fuzz` rule).
#
#   run-fuzz.sh SECONDS SRCDIR BINDIR WORKDIR TARGET...
#
# For each TARGET (demux, httphead, ...) the seed corpus
# SRCDIR/tests/fuzz/corpus/TARGET is copied to WORKDIR/TARGET/corpus (libFuzzer
# adds what it finds there; the seeds in the source tree stay as they are),
# BINDIR/libfuzzer-TARGET runs for SECONDS, and one line is printed per
# target: executions (from libFuzzer's final "Done N runs" line) and findings
# (crash, leak, timeout and out-of-memory inputs saved in
# WORKDIR/TARGET/findings). The log is WORKDIR/TARGET/log. Exits 1 when
# anything was found or a target did not run.
set -u

if [ $# -lt 5 ]; then
	echo "usage: $0 SECONDS SRCDIR BINDIR WORKDIR TARGET..." >&2
	exit 2
fi
seconds=$1 srcdir=$2 bindir=$3 workdir=$4
shift 4

case $seconds in
'' | *[!0-9]*) echo "run-fuzz.sh: FUZZ_SECONDS must be a number of seconds, not '$seconds'" >&2; exit 2 ;;
esac

# UBSan reports become findings; ASan's leak check stays on.
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS ASAN_OPTIONS

status=0
total_runs=0
total_found=0
printf '%-10s %14s %9s  %s\n' target executions findings "corpus (seeds -> after)"
for t in "$@"; do
	bin=$bindir/libfuzzer-$t
	dir=$workdir/$t
	rm -rf "$dir"
	mkdir -p "$dir/corpus" "$dir/findings"
	seeds=0
	if [ -d "$srcdir/tests/fuzz/corpus/$t" ]; then
		cp "$srcdir/tests/fuzz/corpus/$t"/* "$dir/corpus/" 2>/dev/null
		seeds=$(ls "$dir/corpus" | wc -l)
	fi
	if [ ! -x "$bin" ]; then
		printf '%-10s %14s %9s  %s\n' "$t" - - "no binary $bin"
		status=1
		continue
	fi
	"$bin" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$dir/findings/" "$dir/corpus" >"$dir/log" 2>&1
	rc=$?
	# "Done 123456 runs in 10 second(s)" ends a run that was not stopped by
	# a finding; after a finding the last "#N" status line is the count.
	runs=$(sed -n 's/^Done \([0-9][0-9]*\) runs.*/\1/p' "$dir/log" | tail -n 1)
	if [ -z "$runs" ]; then
		runs=$(sed -n 's/^#\([0-9][0-9]*\)[[:space:]].*/\1/p' "$dir/log" | tail -n 1)
		runs=${runs:-0}
	fi
	found=$(ls "$dir/findings" | wc -l)
	after=$(ls "$dir/corpus" | wc -l)
	note="$seeds -> $after"
	if [ "$found" -gt 0 ] || [ "$rc" -ne 0 ]; then
		status=1
		note="$note; exit $rc, see $dir/log"
		[ "$found" -gt 0 ] && note="$note and $dir/findings/"
	fi
	printf '%-10s %14s %9s  %s\n' "$t" "$runs" "$found" "$note"
	total_runs=$((total_runs + runs))
	total_found=$((total_found + found))
done
printf '%-10s %14s %9s\n' total "$total_runs" "$total_found"
exit $status
