#!/bin/bash
# sshtab.sh: the console on an engine reached over ssh:// (a private sshd
# on 127.0.0.1, tests/lib/sshd.sh): the list, a TTY tab sized like its pane
# whose output and input pass through ssh, quitting with the tab running
# (its process stopped over ssh), and nothing of ssh left behind.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/lib/sshd.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-sshtab-$$
tui_begin "$A"
sshd_need
engine_run "$A" >/dev/null || t_bail "cannot start the container"
sshd_start "$tmp/sshd" || t_bail "the private sshd does not take the test's key"
trap 'sshd_stop; _tui_finish' EXIT
mkdir -p "$tmp/t"

tui_start -x 160 -y 45 "PORTHOLE_SSH_COMMAND=$(q "$PORTHOLE_SSH_COMMAND") TMPDIR=$(q "$tmp/t") $(q "$P") -H ssh://$SSHD_HOST; echo PH-EXIT=\$?"
ok_wait "the console lists the containers of the engine over ssh" "^[●○] $A +│" 20
ok_wait "the status line names the ssh:// engine" "ssh://$SSHD_HOST API " 5
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys Enter
ok_wait "a shell tab over ssh" '│/ # ' 15
# The TTY is sized by a resize right after the start (dockerd before API
# 1.42 takes no size in the create): wait for the engine's answer.
ok_until "the engine has the pane's size for the TTY" 10 eval '[[ $(tui_panel session "tty size") =~ ^[0-9]+x[0-9]+$ ]]'
sz=$(tui_panel session "tty size")
tui_type 'echo ans-$((6*7))'
tui_keys Enter
ok_wait "it answers a typed command" '│ans-42 ' 10
# The resize travels over its own ssh: ask until the TTY has the size.
for i in $(seq 1 10); do
	tui_type 'echo SZ=$(stty size)'
	tui_keys Enter
	TUI_QUIET=1 tui_wait "│SZ=${sz#*x} ${sz%x*} +│" 1 >/dev/null && break
done
ok_wait "stty size is the pane's size ($sz, columns x rows)" "│SZ=${sz#*x} ${sz%x*} +│" 1
tui_type 'sleep 4245'
tui_keys Enter
ok_until "sleep 4245 runs in the container" 10 eval 'engine_docker top "$A" 2>/dev/null | grep -q "sleep 4245"'
tui_keys C-b q
tui_keys y
ok_wait "quitting with it running" 'PH-EXIT=0' 15
t_nok "stops it: no sleep 4245 in the container" eval 'engine_docker top "$A" 2>/dev/null | grep -q "sleep 4245"'
sleep 0.3
ok_is "$(pgrep -fc "ssh -F $SSHD_DIR/ssh_config" || true)" 0 "no ssh is left running"
ok_is "$(ls -A "$tmp/t" | wc -l)" 0 "and the relay's directory is removed"
t_done
