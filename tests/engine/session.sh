#!/bin/bash
# session.sh: runs tests/engine/test-session (exec sessions and the console
# model against a real engine). Starts the containers it needs, passes their
# names and ids, and removes them afterwards, whatever the outcome.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
engine_need
engine_prog test-session

pre=ph-ses-$$
a=$pre-a b=$pre-b stopped=$pre-stopped new=$pre-new nosuch=$pre-nosuch

cleanup() {
	engine_docker rm -f "$a" "$b" "$stopped" "$new" >/dev/null 2>&1
	engine_cleanup
}
trap cleanup EXIT

if ! a_id=$(engine_run "$a") || ! b_id=$(engine_run "$b") || ! engine_run "$stopped" >/dev/null ||
	! engine_docker stop -t 0 "$stopped" >/dev/null; then
	t_bail "cannot start the test containers"
fi

engine_prog_run 150 "$PH_ENGINE_HOST" "$a" "$a_id" "$b" "$b_id" "$stopped" "$new" "$nosuch"
