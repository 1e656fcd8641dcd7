#!/bin/bash
# cli-ls-inspect.sh: `porthole ls` and `porthole inspect` against the real
# engine: running and stopped containers, JSON shapes, exec inspect, errors,
# endpoint selection and hostile names shown inert.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
run=ph-ls-$$
dead=ph-lsd-$$
. "$PH_SRCDIR/tests/engine/script.sh" "$run" "$dead"
rid=$(engine_run "$run") || t_bail "cannot start a container"
engine_run "$dead" -- sh -c 'exit 5' >/dev/null
for i in $(seq 1 50); do [ "$(engine_docker inspect -f '{{.State.Running}}' "$dead")" = false ] && break; sleep 0.1; done

out=$("$P" ls); rc=$?
t_is "$rc" 0 "ls exits 0"
t_like "$out" "^CONTAINER ID +NAME +IMAGE +STATE +STATUS" "ls prints a header"
t_like "$out" "${rid:0:12} +$run +$PH_TEST_IMAGE +running +Up" "ls shows the running container"
t_unlike "$out" "$dead" "ls hides stopped containers"
out=$("$P" ls -a)
t_like "$out" "$dead +$PH_TEST_IMAGE +exited +Exited \(5\)" "ls -a shows the stopped one with its exit code"
j=$("$P" ls --json)
t_is "$(echo "$j" | python3 -c "import json,sys; print([c['state'] for c in json.load(sys.stdin) if c['name']=='$run'][0])")" running "ls --json is a JSON array with state"
t_is "$(echo "$j" | python3 -c "import json,sys; print([c['id'] for c in json.load(sys.stdin) if c['name']=='$run'][0])")" "$rid" "ls --json has the full id"

out=$("$P" inspect "$run"); rc=$?
t_is "$rc" 0 "inspect exits 0"
t_like "$out" "status +running" "inspect shows the status"
pid=$(engine_docker inspect -f '{{.State.Pid}}' "$run")
t_like "$out" "pid +$pid" "inspect shows the engine's pid"
t_like "$out" "command +sleep 1000000" "inspect shows the command"
out=$("$P" inspect "$dead")
t_like "$out" "exit_code +5" "inspect shows a stopped container's exit code"
t_like "$out" "running +false" "and that it does not run"
j=$("$P" inspect --json "$dead")
t_is "$(echo "$j" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["exit_code"], d["running"], d["oom_killed"], d["status"])')" "5 False False exited" "inspect --json has exit_code, running, oom_killed, status"
"$P" exec -d "$run" sleep 5 >/dev/null
t_like "$("$P" inspect --json "$run" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["exec_ids"]))')" '^[1-9]' "inspect lists exec ids"
t_is "$("$P" inspect "${rid:0:12}" | sed -n 's/^name *//p')" "$run" "inspect takes a short id"

"$P" inspect nosuch-$$ 2>"$tmp/e"; rc=$?
t_is "$rc" 1 "inspect of an unknown container exits 1"
t_like "$(cat "$tmp/e")" "no such container" "with a clear message"
"$P" inspect --exec 0123456789abcdef 2>"$tmp/e"; rc=$?
t_is "$rc" 1 "inspect --exec of an unknown exec exits 1"
t_like "$(cat "$tmp/e")" "no such exec instance" "with a clear message"
"$P" inspect 2>/dev/null; t_is "$?" 2 "inspect without an argument exits 2"
"$P" ls extra 2>/dev/null; t_is "$?" 2 "ls with an argument exits 2"
"$P" frobnicate 2>"$tmp/e"; rc=$?
t_is "$rc" 2 "an unknown command exits 2"
t_like "$(cat "$tmp/e")" 'unknown command "frobnicate"' "naming it"

# Endpoint selection: -H beats DOCKER_HOST; a bad address names itself.
t_like "$(DOCKER_HOST=unix:///tmp/ph-none-$$.sock "$P" -H "$PH_ENGINE_HOST" ls)" "$run" "-H wins over DOCKER_HOST"
t_like "$(DOCKER_HOST=$PH_ENGINE_HOST "$P" ls)" "$run" "DOCKER_HOST is used"
DOCKER_HOST=unix:///tmp/ph-none-$$.sock "$P" ls 2>"$tmp/e"; rc=$?
t_is "$rc" 1 "an engine that does not answer exits 1"
t_like "$(cat "$tmp/e")" "unix:///tmp/ph-none-$$.sock" "and the message names what was tried"
"$P" -H fd://host ls 2>"$tmp/e"; rc=$?
t_is "$rc" 1 "an unsupported scheme exits 1"
t_like "$(cat "$tmp/e")" "unsupported scheme" "with a clear message"
t_like "$(HOME=$tmp DOCKER_HOST= XDG_RUNTIME_DIR=$tmp "$P" ls 2>&1)" "/var/run/docker.sock.*podman" "with nothing set it tries the Docker then the Podman sockets"

# A hostile command is shown inert.
evil=ph-evil-$$
engine_run "$evil" -- sh -c "$(printf 'sleep 1000 #\033]0;pwned\007\033[2J')" >/dev/null
out=$("$P" inspect "$evil")
t_unlike "$out" $'\033' "inspect never prints an escape from the engine"
t_like "$out" '\^\[\]0;pwned\^G\^\[\[2J' "it shows the escape sequence made visible"
t_unlike "$("$P" ls)" $'\033' "neither does ls"
engine_docker rm -f "$evil" >/dev/null

t_like "$("$P" --version)" '^porthole [0-9]+\.[0-9]+' "--version"
t_like "$("$P" --help)" 'exec \[OPTIONS\] CONTAINER CMD' "--help lists the commands"
t_like "$("$P" exec --help)" '--timeout SECS' "exec --help lists its options"
t_done
