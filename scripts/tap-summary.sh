#!/bin/bash
# tap-summary.sh BUILD-DIR [STAMP]: counts the test points of the last
# `make check` from the .trs files under BUILD-DIR/tests (only those newer
# than STAMP when given) and prints "N passed, M failed[, K skipped]".
# XFAIL counts as passed, XPASS and ERROR as failed. Exit 1 if any failed.
set -u

bdir=${1:-.}
newer=()
[ -n "${2:-}" ] && newer=(-newer "$2")

find "$bdir/tests" -name '*.trs' "${newer[@]}" -exec cat {} + 2>/dev/null | awk '
	/^:test-result: (PASS|XFAIL)/ { p++ }
	/^:test-result: (FAIL|XPASS|ERROR)/ { f++ }
	/^:test-result: SKIP/ { s++ }
	END {
		line = sprintf("%d passed, %d failed", p, f)
		if (s) line = line sprintf(", %d skipped", s)
		print line
		exit (f > 0 || p + s == 0)
	}'
