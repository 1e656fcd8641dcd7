#!/bin/bash
# session.sh: runs tests/engine/test-session (exec sessions and the console
# model against a real engine). Starts the containers it needs, passes their
# names and ids, and removes them afterwards, whatever the outcome.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/engine.sh"
engine_need

prog=$PH_BUILDDIR/tests/engine/test-session
if [ ! -x "$prog" ]; then
	echo "Bail out! $prog is not built (make check builds it)"
	exit 1
fi

pre=ph-ses-$$
a=$pre-a b=$pre-b stopped=$pre-stopped new=$pre-new nosuch=$pre-nosuch
dk() { docker -H "$PH_ENGINE_HOST" "$@"; }

cleanup() {
	dk rm -f "$a" "$b" "$stopped" "$new" >/dev/null 2>&1
	engine_cleanup
}
trap cleanup EXIT

run() {
	dk run -d --network none --name "$1" "$PH_TEST_IMAGE" sleep 1000000
}

if ! a_id=$(run "$a") || ! b_id=$(run "$b") || ! run "$stopped" >/dev/null ||
	! dk stop -t 0 "$stopped" >/dev/null; then
	echo "Bail out! cannot start the test containers"
	exit 1
fi

timeout -k 5 150 "$prog" "$PH_ENGINE_HOST" "$a" "$a_id" "$b" "$b_id" "$stopped" "$new" "$nosuch"
rc=$?
if [ "$rc" -ge 124 ]; then
	echo "Bail out! test-session did not finish (status $rc)"
fi
exit "$rc"
