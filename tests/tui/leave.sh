#!/bin/bash
# leave.sh: nothing porthole started keeps running in the containers when
# it goes. A shell tab runs `sleep NNNN` in one container; then porthole
# ends by q and y, by its terminal closing (tmux kills the window: SIGHUP
# and a hung-up tty) and by SIGTERM; after each, `docker top` (from outside)
# lists no process but the container's own, and porthole ended within its
# bound with the terminal restored. With `set leave-running on` the
# processes stay.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-leave-$$
tui_begin "$A"
engine_run "$A" >/dev/null || t_bail "cannot start the container"
now_ms() { date +%s%3N; }

# The container's processes but its own (sleep 1000000), one a line.
extra_procs() { engine_docker top "$A" -o pid,args | sed 1d | grep -v 'sleep 1000000$'; }
# docker top lists COMMAND (e.g. "sleep 4242") in the container.
top_has() { engine_docker top "$A" -o pid,args | sed -E '1d; s/^ *[0-9]+ +//' | grep -qx "$1"; }
# Polls for up to $1 s until extra_procs is empty.
procs_gone() {
	local i
	for ((i = 0; i < $1 * 10; i++)); do
		[ -z "$(extra_procs)" ] && return 0
		sleep 0.1
	done
	return 1
}
# ok_gone_procs DESC: nothing of porthole's is left in the container.
ok_gone_procs() {
	if procs_gone 2; then
		t_pass "$1"
	else
		t_fail "$1"
		extra_procs | sed 's/^/# left: /'
	fi
}

# shell_sleep N: in a console just started, opens a shell on $A, runs
# `sleep N` in it (the shell's child) and checks docker top lists it.
shell_sleep() {
	tui_wait '^ containers' 15 >/dev/null
	TUI_QUIET=1 tui_select "$A" >/dev/null
	tui_keys Enter
	ok_wait "a shell tab on $A (sleep $1 to come)" '│/ # ' 10
	tui_type "sleep $1"
	tui_keys Enter
	local i
	for ((i = 0; i < 50; i++)); do
		top_has "sleep $1" && break
		sleep 0.1
	done
	t_ok "docker top lists the shell's sleep $1" top_has "sleep $1"
}

# ---- q and y ----

tui_start -x 160 -y 45 "stty -g >$(q "$tmp/stty.0"); $(q "$P"); echo PH-EXIT=\$?; stty -g >$(q "$tmp/stty.1")"
shell_sleep 4242
tui_keys C-b l q
ok_wait "q asks, saying the sessions are stopped and how long it takes" \
	'sessions are running: stop them \(in at most 4 s\) and quit\? \(y/n\)' 5
t0=$(now_ms)
tui_keys y
ok_wait "y quits with status 0" '^PH-EXIT=0$' 8
t_diag "quit with one session took $(($(now_ms) - t0)) ms"
ok_gone_procs "after q and y nothing porthole started runs in $A (shell, sleep 4242)"
tui_until 5 test -s "$tmp/stty.1" >/dev/null
ok_is "$(tui_fmt '#{alternate_on}')" 0 "the alternate screen is left"
t_ok "the tty modes are those from before the console" cmp "$tmp/stty.0" "$tmp/stty.1"

# ---- SIGTERM, with two tabs ----

tui_type "clear; stty -g >$(q "$tmp/stty.2"); sh -c 'echo \$\$ >$(q "$tmp/pid"); exec $(q "$P")'; echo PH-EXIT=\$?; stty -g >$(q "$tmp/stty.3")"
tui_keys Enter
shell_sleep 4243
tui_keys C-b l
shell_sleep 4244
t0=$(now_ms)
kill -TERM "$(cat "$tmp/pid")"
ok_wait "SIGTERM ends porthole" '^PH-EXIT=143$' 8
t_diag "SIGTERM with two sessions took $(($(now_ms) - t0)) ms"
ok_gone_procs "after SIGTERM nothing porthole started runs in $A (two shells, sleep 4243 and 4244)"
tui_until 5 test -s "$tmp/stty.3" >/dev/null
ok_is "$(tui_fmt '#{alternate_on}')" 0 "after SIGTERM the alternate screen is left"
t_ok "after SIGTERM the tty modes are those from before" cmp "$tmp/stty.2" "$tmp/stty.3"

# ---- the terminal closed: SIGHUP ----

main_target=$TUI_TARGET
tui_tmux new-window -d -n hup "exec env TERM=screen $(q "$P")" || t_bail "cannot open a window"
TUI_TARGET=ph:hup
shell_sleep 4245
ph_pid=$(tui_fmt '#{pane_pid}')
t0=$(now_ms)
tui_tmux kill-window -t ph:hup
for ((i = 0; i < 80; i++)); do
	kill -0 "$ph_pid" 2>/dev/null || break
	sleep 0.1
done
t_ok "porthole ends when its terminal closes" eval '! kill -0 "$ph_pid" 2>/dev/null'
t_diag "SIGHUP with one session took $(($(now_ms) - t0)) ms"
ok_gone_procs "after SIGHUP nothing porthole started runs in $A (shell, sleep 4245)"
TUI_TARGET=$main_target

# ---- set leave-running on ----

printf 'set leave-running on\n' >"$tmp/leave.conf"
tui_type "clear; PORTHOLE_CONFIG=$(q "$tmp/leave.conf") $(q "$P"); echo PH-EXIT=\$?"
tui_keys Enter
shell_sleep 4246
tui_keys C-b l q
ok_wait "with leave-running on, q asks to leave them running" \
	'sessions are running: quit and leave them running\? \(y/n\)' 5
tui_keys y
ok_wait "y quits at once" '^PH-EXIT=0$' 3
sleep 0.5
t_ok "and sleep 4246 still runs in $A" top_has "sleep 4246"
t_done
