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
pre=ph-churn-$$
a=$pre-a b=$pre-b
. "$PH_SRCDIR/tests/engine/script.sh" "$a" "$b"
engine_prog test-churn

if ! engine_run "$a" >/dev/null || ! engine_run "$b" >/dev/null; then
	t_bail "cannot start the test containers"
fi

engine_prog_run 240 "$PH_ENGINE_HOST" "$a" "$b" "${PH_CHURN_TABS:-8}" "${PH_CHURN_ROUNDS:-20}"
