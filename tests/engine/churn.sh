#!/bin/bash
# churn.sh: runs tests/engine/test-churn (tab churn in the console model:
# many shell tabs opened, run, closed, round after round; no fd, memory or
# process is left behind). Starts two containers, passes their names, and
# removes them afterwards, whatever the outcome.
#
# 20 rounds of 8 tabs here: closing a shell tab takes the stop's grace period
# (a shell ignores SIGTERM: 2 s before SIGKILL) and opening 50 shells takes
# this engine 4 to 12 s on 2 cores, so 50 x 20 runs for about 4 minutes; it
# is bench/churn.sh. PH_CHURN_TABS and PH_CHURN_ROUNDS change the numbers.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/engine.sh"
engine_need

prog=$PH_BUILDDIR/tests/engine/test-churn
if [ ! -x "$prog" ]; then
	echo "Bail out! $prog is not built (make check builds it)"
	exit 1
fi

pre=ph-churn-$$
a=$pre-a b=$pre-b
dk() { docker -H "$PH_ENGINE_HOST" "$@"; }

cleanup() {
	dk rm -f "$a" "$b" >/dev/null 2>&1
	engine_cleanup
}
trap cleanup EXIT

run() {
	dk run -d --network none --name "$1" "$PH_TEST_IMAGE" sleep 1000000 >/dev/null
}

if ! run "$a" || ! run "$b"; then
	echo "Bail out! cannot start the test containers"
	exit 1
fi

timeout -k 5 240 "$prog" "$PH_ENGINE_HOST" "$a" "$b" "${PH_CHURN_TABS:-8}" "${PH_CHURN_ROUNDS:-20}"
rc=$?
if [ "$rc" -ge 124 ]; then
	echo "Bail out! test-churn did not finish (status $rc)"
fi
exit "$rc"
