#!/bin/bash
# console.sh: the console (porthole with no arguments) driven in tmux against
# the real engine: the live container list, shell tabs and their TTY size
# through window resizes and panel toggles, tabs that keep running in the
# background, exit codes, a container killed under its tab, the exec prompt,
# escape sequences shown inert, and the terminal restored after quitting and
# after SIGTERM. On a failed check the screen is printed as diagnostics.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-tui-a-$$ B=ph-tui-b-$$ C=ph-tui-c-$$ E=ph-tui-e-$$
tui_begin "$A" "$B" "$C" "$E"
engine_run "$A" >/dev/null && engine_run "$B" >/dev/null || t_bail "cannot start the containers"

# ---- checks that print the screen when they fail ----
# (ok_until, ok_wait, ok_gone and ok_is are those of tests/tui/lib.sh)

# ok_select DESC NAME: a check that tui_select NAME succeeds.
ok_select() {
	if TUI_QUIET=1 tui_select "$2"; then
		t_pass "$1"
		return 0
	fi
	t_fail "$1"
	tui_diag_screen "$TUI_SCREEN"
	return 1
}

# ---- predicates on $TUI_SCREEN ----

# NAME is in the list, marked running, with a docker "Up ..." status.
listed_running() { _tui_match "^● $1 +│" && [[ $(tui_list_status "$1") == Up* ]]; }
# NAME is in the list, marked not running, with a status matching REGEX.
listed_stopped() { _tui_match "^○ $1 +│" && [[ $(tui_list_status "$1") =~ $2 ]]; }
# The session part of the panel shows KEY = VALUE.
panel_is() { [ "$(tui_panel session "$1")" = "$2" ]; }
# The panel's "tty size" (COLSxROWS) as "ROWS COLS".
panel_size() {
	local s
	s=$(tui_panel session "tty size")
	[[ $s =~ ^([0-9]+)x([0-9]+)$ ]] && echo "${BASH_REMATCH[2]} ${BASH_REMATCH[1]}"
}
# The panel's tty size is the pane's drawn size, which differs from ARG.
panel_at_geometry() {
	local g
	g=$(tui_geometry) && [ "$(panel_size)" = "$g" ] && [ "$g" != "${1:-}" ]
}
geometry_isnt() { local g; g=$(tui_geometry) && [ "$g" != "$1" ]; }
# The highest tickN on the screen.
max_tick() { printf '%s\n' "$TUI_SCREEN" | grep -Eo 'tick[0-9]+' | tr -d tick | sort -n | tail -n 1; }
tick_above() { local n; n=$(max_tick); [ -n "$n" ] && [ "$n" -gt "$1" ]; }
# Tab N is a shell on NAME, shown, at its prompt.
shell_tab() { _tui_match " $1:$2 shell " && _tui_match '│/ # '; }

# stty_size TAG: runs `echo TAG=$(stty size)` in the current tab; prints
# "ROWS COLS".
stty_size() {
	tui_type "echo $1=\$(stty size)"
	tui_keys Enter
	TUI_QUIET=1 tui_wait "│$1=[0-9]+ [0-9]+ *(│|$)" 10 || return 1
	printf '%s\n' "$TUI_SCREEN" | grep -Eo "$1=[0-9]+ [0-9]+" | tail -n 1 | cut -d= -f2
}


# ---- the list ----

tui_start -x 160 -y 45 "stty -g >$(q "$tmp/stty.0"); $(q "$P"); echo PH-EXIT=\$?; stty -g >$(q "$tmp/stty.1")"
# Only this test's containers: the suite's engine may hold many others.
tui_wait '^ containers' 15 >/dev/null
tui_filter ph-tui- >/dev/null
ok_until "the list shows the running container $A" 15 listed_running "$A"
ok_until "the list shows the running container $B" 5 listed_running "$B"

engine_run "$C" >/dev/null
ok_until "a container started meanwhile appears in the list, running (no key pressed)" 10 listed_running "$C"
tui_select "$C" >/dev/null
engine_docker kill "$C" >/dev/null
ok_until "a killed container shows exited with its code (137)" 10 listed_stopped "$C" '^exited \(137\)'
ok_until "the panel of the selected container follows: not running, exit code 137" 10 \
	eval '[ "$(tui_panel container running)" = no ] && [ "$(tui_panel container "exit code")" = 137 ]'
engine_docker rm "$C" >/dev/null
ok_gone "a removed container leaves the list" "^[●○?] $C "

# ---- a shell tab and its size ----

ok_select "/ filters the list and selects $A" "$A"
ok_gone "the filter hides $B" "^[●○?] $B " 5
tui_keys Enter
ok_until "Enter opens a shell tab on $A" 10 shell_tab 0 "$A"
tui_type 'echo typed-$((6*7))'
tui_keys Enter
ok_wait "typed text is echoed by the shell" '│/ # echo typed-\$\(\(6\*7\)\) '
ok_wait "and runs in the container" '│typed-42 +│'
ok_until "the panel shows the running session's pid" 5 \
	eval 'panel_is state running && [[ $(tui_panel session pid) =~ ^[1-9][0-9]*$ ]]'

ok_until "the panel's tty size is the pane's size" 10 panel_at_geometry
geo1=$(tui_geometry)
got=$(stty_size S1)
ok_is "$got" "$geo1" "stty size in the shell is the pane's size ($geo1)"

tui_tmux resize-window -t ph:0 -x 120 -y 35
ok_until "after a window resize the panel's tty size follows the pane" 10 panel_at_geometry "$geo1"
geo2=$(tui_geometry)
got=$(stty_size S2)
ok_is "$got" "$geo2" "stty size follows the resize ($geo1 -> $geo2)"

tui_keys C-b i
ok_until "C-b i hides the panel and the pane widens" 10 geometry_isnt "$geo2"
geo3=$(tui_geometry)
got=$(stty_size S3)
ok_is "$got" "$geo3" "stty size follows the panel toggle ($geo2 -> $geo3)"
tui_keys C-b i
tui_tmux resize-window -t ph:0 -x 160 -y 45
ok_until "back at 160x45 with the panel the tty size is the first one again" 10 panel_at_geometry "$geo3"

# ---- two tabs on two containers ----

tui_type 'clear; i=0; while :; do i=$((i+1)); echo tick$i; sleep 0.2; done'
tui_keys Enter
ok_wait "a loop prints ticks in tab 0" '│tick3 ' 10
tui_select "$B" >/dev/null
tui_refresh
n0=$(max_tick)
tui_keys Enter
ok_until "Enter opens tab 1 on $B" 10 shell_tab 1 "$B"
tui_type 'echo tab-one-$((2+3))'
tui_keys Enter
ok_wait "tab 1 runs its own shell" '│tab-one-5 +│'
ok_gone "tab 0's output does not leak into tab 1" 'tick[0-9]' 0
ok_wait "tab 0 marks output made in the background (+)" " 0:$A shell\+ " 5
tui_filter ph-tui- >/dev/null
tui_keys Tab C-b 0
ok_until "C-b 0 shows tab 0 again" 10 panel_is container "$A"
n1=$(max_tick)
t_ok "tab 0's loop went on while tab 1 was shown (tick$n0 -> tick$n1)" test "${n1:-0}" -gt "${n0:-0}" ||
	tui_diag_screen "$TUI_SCREEN"
ok_until "and goes on (past tick$((n1 + 3)))" 10 tick_above "$((n1 + 3))"
ok_wait "both tabs are still running" " 0:$A shell\+? +1:$B shell\+? ([^[]|$)" 1

# ---- exit codes ----

tui_keys C-b 1
ok_until "C-b 1 shows tab 1" 10 panel_is container "$B"
tui_type 'exit 7'
tui_keys Enter
ok_wait "exit 7 marks the tab [exit 7]" " 1:$B shell \[exit 7\]"
ok_until "the panel shows the session exited with exit code 7" 10 \
	eval 'panel_is state exited && panel_is "exit code" 7'

tui_keys C-b 0
ok_until "C-b 0 back to the ticking tab" 10 panel_is container "$A"
engine_docker kill "$A" >/dev/null
ok_wait "killing the container ends its open tab" " 0:$A shell \[(exit [0-9]+|failed|ended)\]" 15
ok_until "and the list shows $A exited (137)" 10 listed_stopped "$A" '^exited \(137\)'

# ---- the exec prompt ----

tui_select "$B" >/dev/null
tui_keys e
ok_wait "e opens the exec prompt" '^exec \[-u USER\] \[-w DIR\] \[-e K=V\] CMD:' 5
tui_type '-u nobody -w /tmp id -u'
tui_keys Enter
ok_until "the command gets a tab of its own" 10 eval 'panel_is command "id -u" && panel_is container "$B"'
ok_wait "it runs as nobody (65534)" '│65534 +│'
ok_until "the panel shows user nobody and workdir /tmp" 10 eval 'panel_is user nobody && panel_is workdir /tmp'

# ---- escape sequences are inert ----

engine_run "$E" -- sh -c "$(printf '#\033[31mRED\nsleep 1000000')" >/dev/null
ok_select "the list shows $E" "$E"
ok_until "an ESC in the container's command shows as ^[ in the panel" 10 \
	eval '[[ $(tui_panel container command) == "sh -c #^[[31mRED"* ]]'
fg=$(tui_fg_at '^[[31mRED')
ok_is "$fg" default "and turns nothing red: its text has the default colour"

# ---- quitting ----

tui_keys Enter
ok_until "Enter opens a shell on $E" 10 eval 'panel_is container "$E" && panel_is state running && _tui_match "│/ # "'
ok_wait "the tab bar keeps the current tab (3) in view" " 3:$E shell " 1
tui_keys C-b l q
ok_wait "q asks while sessions run" 'sessions are running: stop them \(in at most 4 s\) and quit\? \(y/n\)' 5
tui_keys n
ok_gone "n answers no: the console stays" 'sessions are running: stop them \(in at most 4 s\) and quit\?' 5
ok_wait "(the console still shows the list)" '^ containers' 1
tui_keys q
tui_wait 'quit\? \(y/n\)' 5 >/dev/null
tui_keys y
ok_wait "y quits with status 0" '^PH-EXIT=0$' 10
tui_until 5 test -s "$tmp/stty.1" >/dev/null
tui_refresh
ok_is "$(tui_fmt '#{alternate_on}')" 0 "the alternate screen is left"
ok_gone "the shell's normal screen is back, without the console" '│| containers ' 1
ok_is "$(tui_fmt '#{cursor_flag} #{keypad_cursor_flag} #{keypad_flag}')" "1 0 0" \
	"the cursor is visible, cursor keys and keypad back in normal mode"
t_ok "the tty modes are those from before the console" cmp "$tmp/stty.0" "$tmp/stty.1"
tui_type 'echo next-$((3+4))'
tui_keys Enter
ok_wait "the next command runs" '^next-7$' 5

# ---- SIGTERM ----

tui_type "clear; stty -g >$(q "$tmp/stty.2"); sh -c 'echo \$\$ >$(q "$tmp/pid"); exec $(q "$P")'; echo PH-EXIT=\$?; stty -g >$(q "$tmp/stty.3")"
tui_keys Enter
tui_wait '^ containers' 15 >/dev/null
tui_select "$E" >/dev/null
tui_keys Enter
ok_until "the console runs again, with a shell tab" 10 shell_tab 0 "$E"
ok_is "$(tui_fmt '#{alternate_on}')" 1 "(on the alternate screen)"
kill -TERM "$(cat "$tmp/pid")"
ok_wait "SIGTERM ends it at once, running sessions or not" '^PH-EXIT=[0-9]+$' 10
tui_until 5 test -s "$tmp/stty.3" >/dev/null
tui_refresh
ok_is "$(tui_fmt '#{alternate_on}')" 0 "after SIGTERM the alternate screen is left"
ok_gone "the shell's normal screen is back" '│| containers ' 1
ok_is "$(tui_fmt '#{cursor_flag} #{keypad_cursor_flag} #{keypad_flag}')" "1 0 0" \
	"the cursor is visible, cursor keys and keypad back in normal mode"
t_ok "the tty modes are those from before the console" cmp "$tmp/stty.2" "$tmp/stty.3"
t_done
