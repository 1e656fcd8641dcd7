#!/bin/bash
# sync.sh: synchronized input against the real engine through the console:
# three shell tabs (two on one container, one on another) that each append
# to a file in their container as typed once; sync-input all, container and
# off; sync-mark tab by tab; the tab bar's marks and the status line; a tab
# that ends leaves the set; logs tabs cannot join.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-sync-a-$$
B=ph-sync-b-$$
tui_begin "$A" "$B"
engine_run "$A" >/dev/null && engine_run "$B" >/dev/null || t_bail "cannot start the containers"

lines() { engine_docker exec "$1" sh -c "cat /tmp/sync.txt 2>/dev/null | grep -c '^$2\$'"; }
# until_lines CTR WORD N: the file in CTR has N lines WORD within 5 s.
until_lines() {
	local i
	for i in $(seq 1 50); do
		[ "$(lines "$1" "$2")" = "$3" ] && return 0
		sleep 0.1
	done
	return 1
}
cmd() {
	tui_keys C-b :
	tui_type "$1"
	tui_keys Enter
}

tui_start -x 220 -y 45 "$(q "$P"); echo PH-EXIT=\$?"
tui_wait '^ containers' 15 >/dev/null
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys Enter
ok_wait "tab 0: a shell on $A" '│/ # ' 10
tui_keys C-b c
ok_wait "tab 1: another on $A" " 1:$A shell " 10
tui_keys C-b l
TUI_QUIET=1 tui_select "$B" >/dev/null
tui_keys Enter
ok_wait "tab 2: a shell on $B" " 2:$B shell " 10
sleep 0.5

cmd "sync-input all"
ok_wait "sync-input all: the status line says how many tabs" 'input goes to 3 synchronized tabs' 5
ok_wait "the tab bar marks the three" " 0:$A shell\\+?= .* 1:$A shell\\+?= .* 2:$B shell\\+?= " 5
tui_type 'echo one >>/tmp/sync.txt'
tui_keys Enter
t_ok "typed once, in all three: $A's file has two lines" until_lines "$A" one 2
t_ok "and $B's one" until_lines "$B" one 1
ok_wait "the status line says input is synchronized" 'INPUT SYNCHRONIZED \(3 tabs\)' 5

tui_keys C-b 0
cmd "sync-input container"
ok_wait "sync-input container: the two tabs on $A" 'input goes to 2 synchronized tabs' 5
tui_type 'echo two >>/tmp/sync.txt'
tui_keys Enter
t_ok "$A's two tabs both wrote" until_lines "$A" two 2
sleep 0.5
ok_is "$(lines "$B" two)" 0 "$B's tab did not"

cmd "sync-input off"
ok_wait "sync-input off" 'input synchronization off' 5
tui_type 'echo three >>/tmp/sync.txt'
tui_keys Enter
t_ok "only the current tab wrote" until_lines "$A" three 1
sleep 0.5
ok_is "$(lines "$A" three) $(lines "$B" three)" "1 0" "once, in $A, none in $B"

tui_keys C-b M
ok_wait "C-b M: tab 0 joins" 'tab 0 joins synchronized input \(1 tabs\)' 5
tui_keys C-b 2
tui_keys C-b M
ok_wait "tab 2 joins" 'tab 2 joins synchronized input \(2 tabs\)' 5
tui_type 'echo four >>/tmp/sync.txt'
tui_keys Enter
t_ok "typed in tab 2: tab 0 got it" until_lines "$A" four 1
t_ok "and tab 2" until_lines "$B" four 1
sleep 0.5
ok_is "$(lines "$A" four)" 1 "tab 1 (not marked) did not"

tui_keys C-b 0
tui_type 'exit'
tui_keys Enter
ok_wait "exit, typed in the set, ends both marked shells" " 0:$A shell \[exit 0\] .* 2:$B shell \[exit 0\]" 10
ok_gone "they leave the set: nothing is synchronized" 'INPUT SYNCHRONIZED' 5
tui_keys C-b 1
cmd "sync-mark"
ok_wait "a running tab can still join" 'tab 1 joins synchronized input \(1 tabs\)' 5
tui_keys C-b 0
cmd "sync-mark"
ok_wait "an ended one cannot" 'only a running exec tab can take synchronized input' 5
cmd "sync-input bogus"
ok_wait "a bad argument says the usage" 'usage: sync-input all\|container\|off\|toggle' 5
tui_keys C-b q
tui_keys y
ok_wait "the console quits" 'PH-EXIT=0' 10
t_done
