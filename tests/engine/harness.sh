#!/bin/bash
# harness.sh: proves the test harness itself: the engine answers, the busybox
# test image exists, a container runs and docker exec honours user, workdir,
# environment and exit codes. Everything else in tests/engine builds on this.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
engine_need

name=ph-harness-$$
dk() { engine_docker "$@"; }

t_ok "engine answers /_ping" engine_ping
t_like "$(engine_api /version)" '"ApiVersion":"1\.[0-9]+"' "GET /version gives an ApiVersion"
t_ok "test image $PH_TEST_IMAGE exists" dk image inspect "$PH_TEST_IMAGE"
t_ok "a container starts" engine_run "$name"
t_is "$(dk inspect -f '{{.State.Running}}' "$name" 2>&1)" true "it is running"
t_is "$(dk exec "$name" id -u 2>&1)" 0 "exec runs as root by default"
t_is "$(dk exec -u nobody "$name" id -u 2>&1)" 65534 "exec -u nobody gives uid 65534"
t_is "$(dk exec -u nobody "$name" id -un 2>&1)" nobody "/etc/passwd names nobody"
t_is "$(dk exec -w /tmp "$name" pwd 2>&1)" /tmp "exec -w /tmp sets the working directory"
t_is "$(dk exec -e PH_K=v1 "$name" sh -c 'echo "$PH_K"' 2>&1)" v1 "exec -e sets the environment"
t_is "$(dk exec "$name" stat -c %a /tmp 2>&1)" 1777 "/tmp has mode 1777"
dk exec "$name" sh -c 'exit 3' >/dev/null 2>&1
t_is "$?" 3 "exec exit status comes back"
t_ok "sh is there" dk exec "$name" sh -c true
t_nok "bash is not" dk exec "$name" bash -c true
t_ok "the container is removed" dk rm -f "$name"
t_done
