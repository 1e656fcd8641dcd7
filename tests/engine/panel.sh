#!/bin/bash
# panel.sh: runs tests/engine/test-panel (the side panel's live figures and
# the idle console's wakeups, against a real engine). Starts a busy and an
# idle container, passes their names, removes them afterwards.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
busy=ph-pnb-$$ idle=ph-pni-$$
. "$PH_SRCDIR/tests/engine/script.sh" "$busy" "$idle"
engine_prog test-panel
engine_run "$busy" -- sh -c 'while :; do :; done' >/dev/null && engine_run "$idle" >/dev/null ||
	t_bail "cannot start the test containers"
engine_prog_run 90 "$PH_ENGINE_HOST" "$busy" "$idle"
