#!/bin/bash
# session.sh: runs tests/engine/test-session (exec sessions and the console
# model against a real engine). Starts the containers it needs, passes their
# names and ids, and removes them afterwards, whatever the outcome.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
pre=ph-ses-$$
a=$pre-a b=$pre-b stopped=$pre-stopped new=$pre-new nosuch=$pre-nosuch
. "$PH_SRCDIR/tests/engine/script.sh" "$a" "$b" "$stopped" "$new"
engine_prog test-session

if ! a_id=$(engine_run "$a") || ! b_id=$(engine_run "$b") || ! engine_run "$stopped" >/dev/null ||
	! engine_docker stop -t 0 "$stopped" >/dev/null; then
	t_bail "cannot start the test containers"
fi

engine_prog_run 150 "$PH_ENGINE_HOST" "$a" "$a_id" "$b" "$b_id" "$stopped" "$new" "$nosuch"
