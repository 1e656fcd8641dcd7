#!/bin/bash
# run.sh: runs tests/engine/test-run (the one exec run, engine/run.c,
# against a real engine). Starts the containers it needs, passes their
# names and ids, and removes them afterwards, whatever the outcome.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
pre=ph-run-$$
ctr=$pre-a stopped=$pre-stopped nosuch=$pre-nosuch
. "$PH_SRCDIR/tests/engine/script.sh" "$ctr" "$stopped"
engine_prog test-run

if ! ctr_id=$(engine_run "$ctr") || ! engine_run "$stopped" -- sh -c 'exit 3' >/dev/null; then
	t_bail "cannot start the test containers"
fi
for _ in $(seq 50); do
	[ "$(engine_docker inspect -f '{{.State.Status}}' "$stopped" 2>/dev/null)" = exited ] && break
	sleep 0.1
done

engine_prog_run 120 "$PH_ENGINE_HOST" "$ctr" "$ctr_id" "$stopped" "$nosuch"
