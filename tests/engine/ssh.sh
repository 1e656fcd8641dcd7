#!/bin/bash
# ssh.sh: an engine reached over ssh:// (one `ssh HOST docker system
# dial-stdio` a connection, as the docker CLI does) through a private sshd
# on 127.0.0.1: ls, inspect, exec with stdin, a TTY and a timeout that stops
# the process, the remote socket given in the address, and what a broken
# ssh gives: a refused port, an unknown host, a hostile host name. No ssh
# is left running and the local socket's directory is removed.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
C=ph-ssh-$$
. "$PH_SRCDIR/tests/engine/script.sh" "$C"

. "$PH_SRCDIR/tests/lib/sshd.sh"
sshd_need
engine_run "$C" >/dev/null || t_bail "cannot start a container"
script_on_exit sshd_stop
sshd_start "$tmp/sshd"
t_is "$?" 0 "the private sshd takes the test's key"
mkdir -p "$tmp/t"
export TMPDIR=$tmp/t
port=$SSHD_PORT

H=ssh://ph-ssh-test
t0=$(date +%s%N)
out=$("$P" -H "$H" ls --json 2>"$tmp/err")
rc=$?
t_diag "porthole ls over ssh: $((($(date +%s%N) - t0) / 1000000)) ms"
t_is "$rc" 0 "ls over ssh:// exits 0"
t_like "$out" "\"name\":[[:space:]]*\"$C\"" "and lists the container"
t_is "$("$P" -H "$H" inspect --json "$C" | python3 -c 'import json,sys; print(json.load(sys.stdin)["running"])')" True \
	"inspect over ssh: the container runs"
t_is "$("$P" -H "$H" exec "$C" sh -c 'echo out; echo err >&2; exit 3' 2>"$tmp/e")" out "exec over ssh: its stdout"
t_is "$(cat "$tmp/e")" err "its stderr apart"
"$P" -H "$H" exec "$C" sh -c 'exit 3'
t_is "$?" 3 "its exit status (3)"
t_is "$(printf 'a\nb\nc\n' | "$P" -H "$H" exec -i "$C" wc -l | tr -d ' ')" 3 "stdin through the relay (wc -l of 3 lines)"
t_is "$(head -c 3000000 /dev/zero | "$P" -H "$H" exec -i "$C" wc -c | tr -d ' ')" 3000000 "3 MB of stdin, all of it"
t_is "$("$P" -H "$H" exec "$C" sh -c 'head -c 5000000 /dev/zero' | wc -c | tr -d ' ')" 5000000 "5 MB of output, all of it"
tty=$(script -qec "$(printf '%q ' "$P" -H "$H" exec -t "$C" sh -c 'sleep 0.3; stty size; tty')" /dev/null </dev/null | tr -d '\r')
t_like "$tty" '/dev/pts/[0-9]+' "exec -t over ssh: a TTY (the upgraded stream passes through)"
t0=$(date +%s%N)
"$P" -H "$H" exec --timeout 2 "$C" sleep 611 2>"$tmp/e"
rc=$?
took=$((($(date +%s%N) - t0) / 1000000))
t_is "$rc" 124 "--timeout 2 over ssh: status 124 ($took ms)"
t_nok "and no sleep 611 is left in the container" eval 'engine_docker top "$C" | grep -q "sleep 611"'
sock=${PH_ENGINE_HOST#unix://}
t_like "$("$P" -H "ssh://root@ph-ssh-test$sock" ls 2>&1)" "$C" "the remote socket in the address: ssh://root@ph-ssh-test$sock"

# What a broken ssh gives.
t0=$(date +%s%N)
msg=$("$P" -H "ssh://ph-ssh-test:1" ls 2>&1)
rc=$?
took=$((($(date +%s%N) - t0) / 1000000))
t_isnt "$rc" 0 "a port nothing listens on: ls fails"
t_like "$msg" 'cannot reach the engine at ssh://ph-ssh-test:1: ssh: connect to host 127.0.0.1 port 1: Connection refused' \
	"with ssh's own words ($took ms)"
msg=$("$P" -H "ssh://no-such-host.invalid" ls 2>&1)
t_like "$msg" 'ssh: Could not resolve hostname no-such-host.invalid' "an unknown host: ssh says so"
msg=$("$P" -H "ssh://nobody@ph-ssh-test" ls 2>&1)
t_like "$msg" 'Permission denied' "a key the server refuses: no prompt, ssh's refusal (BatchMode)"
msg=$("$P" -H "ssh://-oProxyCommand=touch\ $tmp/pwned" ls 2>&1)
t_like "$msg" 'bad engine address .*: bad ssh host' "a host name that would be an ssh option is refused"
t_ok "and nothing ran" test ! -e "$tmp/pwned"
msg=$("$P" -H "ssh://ph-ssh-test/x;rm" ls 2>&1)
t_like "$msg" 'bad socket path on the ssh host' "a socket path with shell syntax is refused"

sleep 0.3
t_is "$(pgrep -fc "ssh -F $SSHD_DIR/ssh_config" || true)" 0 "no ssh is left running"
t_is "$(ls -A "$tmp/t" | wc -l)" 0 "and the relay's directories are removed"
t_done
