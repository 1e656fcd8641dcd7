#!/bin/bash
# demo.sh: scripts/demo-engine.sh in a private directory gives the
# containers the README promises: web, worker, db and api running and
# logging (their logs grow, worker's stderr too, db's file grows), batch
# dead with exit code 3, api's health check shown as "(healthy)"; each says
# what to try in its first lines; running it again changes nothing; `stop`
# leaves no process and no directory behind.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
P=${PORTHOLE:?}
[ "$(id -u)" = 0 ] || _engine_skip_or_bail "the demo's dockerd needs root"
command -v dockerd >/dev/null || _engine_skip_or_bail "dockerd not installed"
command -v docker >/dev/null || _engine_skip_or_bail "docker CLI not installed"
DEMO=$PH_SRCDIR/scripts/demo-engine.sh
export PH_DEMO_DIR
PH_DEMO_DIR=$(mktemp -d -p /tmp ph-dm.XXXXXX) || t_bail "mktemp failed"
export PH_DEMO_BATCH_SECS=5
engine_trap '"$DEMO" stop >/dev/null 2>&1'

out=$("$DEMO" 2>/dev/null); rc=$?
t_is "$rc" 0 "demo-engine.sh starts"
t_is "$out" "export DOCKER_HOST=unix://$PH_DEMO_DIR/docker.sock" "and prints the DOCKER_HOST line"
export PH_ENGINE_HOST=unix://$PH_DEMO_DIR/docker.sock
export DOCKER_HOST=$PH_ENGINE_HOST
engine_ping || t_bail "the demo engine does not answer"

ls_line() { "$P" ls -a | grep -E "^[0-9a-f]{12} +$1 "; }
# until SECS CMD...: true as soon as CMD succeeds, polled every 0.5 s.
until_ok() {
	local i
	for ((i = 0; i < $1 * 2; i++)); do
		"${@:2}" && return 0
		sleep 0.5
	done
	return 1
}
log_lines() { engine_docker logs "$1" 2>&1 | wc -l; }

for c in web worker db api; do
	t_like "$(ls_line "$c")" " running +Up " "$c runs"
	t_is "$(engine_docker inspect -f '{{.State.Running}} {{.RestartCount}}' "$c")" "true 0" \
		"$c has not restarted"
	first=$(engine_docker logs "$c" 2>&1 | head -n 2)
	t_like "$first" "^$c: .*"$'\n'"$c: try " "$c says what it is and what to try"
done

n_web=$(log_lines web) n_worker=$(log_lines worker)
db_size() { engine_docker exec db wc -c /var/lib/db/data.log | cut -d' ' -f1; }
s_db=$(db_size)
grows() { [ "$($1 "${@:3}")" -gt "$2" ]; }
t_ok "web logs its requests" until_ok 15 grows log_lines "$n_web" web
t_like "$(engine_docker logs web 2>&1)" "url:/"$'\n'".*response:200" "web's log shows a request answered 200"
t_like "$(engine_docker exec web wget -q -O - http://127.0.0.1/)" "served by busybox httpd" "web serves its page"
t_ok "worker keeps logging" until_ok 10 grows log_lines "$n_worker" worker
worker_err() { engine_docker logs worker 2>&1 >/dev/null | grep -q "failed"; }
t_ok "worker writes a failure to stderr now and then" until_ok 20 worker_err
t_ok "db's file grows" until_ok 10 grows db_size "$s_db"

batch_dead() { [ "$(engine_docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' batch)" = "exited 3" ]; }
t_ok "batch exits with 3 after a while" until_ok 30 batch_dead
t_like "$(ls_line batch)" " exited +Exited \(3\) " "porthole ls -a shows batch's exit code"
t_like "$(engine_docker logs batch 2>&1 >/dev/null)" "giving up" "batch says why on stderr"

healthy() { [[ $(ls_line api) =~ \(healthy\) ]]; }
t_ok "api's health check is shown as (healthy)" until_ok 30 healthy
t_is "$(engine_docker inspect -f '{{.State.Health.Status}}' api)" healthy "the engine says api is healthy"

ids=$(engine_docker ps -q --no-trunc | sort)
"$DEMO" >/dev/null 2>&1
t_is "$(engine_docker ps -q --no-trunc | sort | grep -Fxf <(echo "$ids") | wc -l)" "$(wc -l <<<"$ids")" \
	"run again, the running containers stay as they are"
t_like "$(ls_line batch)" " running " "and batch is started again"

pid=$(engine_pid "$PH_DEMO_DIR")
"$DEMO" stop >/dev/null 2>&1
t_nok "stop: the directory is gone" test -e "$PH_DEMO_DIR"
t_nok "stop: the daemon is gone" _engine_alive "${pid:-0}"
t_is "$(_engine_kin 'dockerd|containerd|containerd-shim.*|runc' "$PH_DEMO_DIR/" " $(_engine_ns "$PH_DEMO_DIR") " | wc -l)" 0 \
	"stop: no daemon, shim or container process of it is left"
t_done
