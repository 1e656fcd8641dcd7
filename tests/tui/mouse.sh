#!/bin/bash
# mouse.sh: the mouse in the console against the real engine. The outer
# terminal is tmux: what porthole asks of it shows in the pane's mouse
# flags, and a mouse report is written to porthole the way a terminal
# writes one (send-keys -H of the SGR bytes, the form porthole asks for).
# Checked: no reporting by default; `set mouse on` (at C-b : and in the
# configuration file) asks for button events in the SGR form; the wheel up
# over the pane enters copy mode and scrolls, down scrolls back and leaves
# it at the bottom; a drag selects and its release copies into a paste
# buffer; a click on a tab selects it, on a container selects it; a program
# that asked for reports (DECSET 1000, with 1006 or without) gets them,
# relative to the pane, with the mouse on and off.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-mouse-a-$$ B=ph-mouse-b-$$
tui_begin "$A" "$B"
engine_run "$A" >/dev/null && engine_run "$B" >/dev/null || t_bail "cannot start the containers"

# report CODE COL ROW [m]: an SGR mouse report (1-based cells) as the
# terminal writes it; m for a release.
report() {
	local s hex=() i
	s=$(printf '\033[<%d;%d;%d%s' "$1" "$2" "$3" "${4:-M}")
	for ((i = 0; i < ${#s}; i++)); do
		hex+=("$(printf '%02x' "'${s:i:1}")")
	done
	tui_tmux send-keys -t "$TUI_TARGET" -H "${hex[@]}"
}
# at TEXT: ROW and COL (1-based) of the first TEXT on the screen.
at() {
	local LC_ALL=C.UTF-8 n line pre
	n=$(printf '%s\n' "$TUI_SCREEN" | grep -nF -m1 -- "$1" | cut -d: -f1)
	[ -n "$n" ] || return 1
	line=$(printf '%s\n' "$TUI_SCREEN" | sed -n "${n}p")
	pre=${line%%"$1"*}
	ROW=$n COL=$((${#pre} + 1))
}
flags() { tui_fmt '#{mouse_any_flag}:#{mouse_button_flag}:#{mouse_sgr_flag}'; }
flags_are() { [ "$(flags)" = "$1" ]; }
# The pane's first cell (1-based): right of the list's border on the row
# under the tab bar.
pane_origin() {
	local LC_ALL=C.UTF-8 row0 pre
	row0=$(printf '%s\n' "$TUI_SCREEN" | head -n 1)
	pre=${row0%%│*}
	PX=$((${#pre} + 2)) PY=2
}
# A program that prints what it reads as it comes, cat -v style (busybox's
# cat -v holds its output until a newline: each read goes through a cat of
# its own).
reader='while dd bs=64 count=1 2>/dev/null | cat -v; do :; done'
# The program's line of what it read.
read_is() { _tui_match "│.*$(printf '%s' "$1" | sed 's/[][\\^$.*]/\\&/g')"; }

tui_start -x 160 -y 45 "$(q "$P"); echo PH-EXIT=\$?"
tui_wait '^ containers' 15 >/dev/null
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys Enter
ok_wait "a shell tab" '│/ # ' 10
ok_is "$(flags)" "0:0:0" "mouse off by default: no reports asked of the terminal"

tui_keys C-b :
tui_type 'set mouse on'
tui_keys Enter
ok_until "set mouse on at C-b : asks for button events in the SGR form" 5 flags_are 1:1:1
tui_refresh
pane_origin

# ---- the wheel ----
tui_type 'seq 1 300'
tui_keys Enter
ok_wait "history to scroll" '│300 +│' 5
report 64 $((PX + 10)) $((PY + 10))
ok_wait "the wheel up over the pane enters copy mode, 5 lines up" '\[copy 5/[0-9]+\]' 5
report 64 $((PX + 10)) $((PY + 10))
ok_wait "again: 10 lines up" '\[copy 10/[0-9]+\]' 5
report 65 $((PX + 10)) $((PY + 10))
ok_wait "the wheel down: back 5" '\[copy 5/[0-9]+\]' 5
report 65 $((PX + 10)) $((PY + 10))
ok_gone "at the bottom copy mode ends (it came from the wheel)" '\[copy ' 5
tui_keys C-b '['
report 65 $((PX + 10)) $((PY + 10))
ok_wait "copy mode from C-b [ stays at the bottom" '\[copy 0/[0-9]+\]' 5
tui_keys q

# ---- a drag ----
tui_type 'clear; echo dragme-alpha dragme-beta'
tui_keys Enter
ok_wait "a line to select" '│dragme-alpha dragme-beta +│' 5
at 'dragme-alpha dragme-beta' || t_fail "the line is not on the screen"
report 0 "$COL" "$ROW"
report 32 $((COL + 4)) "$ROW"
ok_wait "a drag enters copy mode" '\[copy 0/[0-9]+\]' 5
report 32 $((COL + 11)) "$ROW"
report 0 $((COL + 11)) "$ROW" m
ok_wait "its release copies the selection" 'copied 12 bytes to buffer 0' 5
ok_gone "and leaves copy mode" '\[copy ' 5
tui_keys C-b =
ok_wait "the buffer has the dragged text" 'buffer0: 12 bytes: dragme-alpha' 5
tui_keys q

# ---- clicks: a tab, a container ----
tui_keys C-b c
ok_wait "a second tab" ' 1:[^ ]+ shell' 10
tui_type 'echo in-tab-one'
tui_keys Enter
ok_wait "its output" '│in-tab-one +│' 5
at ' 0:' || t_fail "no tab 0 in the tab bar"
report 0 $((COL + 2)) "$ROW"
report 0 $((COL + 2)) "$ROW" m
ok_gone "a click on tab 0 shows it" '│in-tab-one +│' 5
at ' 1:' || t_fail "no tab 1 in the tab bar"
report 0 $((COL + 2)) "$ROW"
report 0 $((COL + 2)) "$ROW" m
ok_wait "a click on tab 1 shows it again" '│in-tab-one +│' 5
tui_filter ''
tui_refresh
at "$B" || t_fail "$B is not in the list"
report 0 "$COL" "$ROW"
report 0 "$COL" "$ROW" m
ok_until "a click on a container selects it (the panel shows it)" 5 eval '[ "$(tui_panel container name)" = "$B" ]'
at "$A" || t_fail "$A is not in the list"
report 0 "$COL" $((ROW + 1))
report 0 "$COL" $((ROW + 1)) m
ok_until "a click on its second line too" 5 eval '[ "$(tui_panel container name)" = "$A" ]'
report 0 $((PX + 5)) $((PY + 5))
report 0 $((PX + 5)) $((PY + 5)) m
tui_type 'echo typed-after-click'
tui_keys Enter
ok_wait "a click on the pane gives it the keys" '│typed-after-click +│' 5

# ---- a program that asked for reports ----
tui_type "clear; printf '\\033[?1000h\\033[?1006h'; stty -icanon -echo; echo reading; $reader"
tui_keys Enter
ok_wait "a program that asked for reports (1000, 1006) reads" '│reading +│' 5
ok_is "$(flags)" 1:1:1 "still button events asked of the terminal (the mouse is on)"
report 0 $((PX + 9)) $((PY + 4))
report 0 $((PX + 9)) $((PY + 4)) m
ok_until "a click goes to the program in SGR, relative to the pane" 5 read_is '^[[<0;10;5M^[[<0;10;5m'
report 64 $((PX + 2)) $((PY + 1))
ok_until "and the wheel" 5 read_is '^[[<0;10;5M^[[<0;10;5m^[[<64;3;2M'
ok_gone "no copy mode for it" '\[copy ' 1
tui_keys C-c
tui_type "stty sane; printf '\\033[?1006l\\033[?1000l'; clear; printf '\\033[?1000h'; stty -icanon -echo; echo reading; $reader"
tui_keys Enter
ok_wait "a program that asked for 1000 alone reads" '│reading +│' 5
report 2 $((PX + 9)) $((PY + 4))
report 2 $((PX + 9)) $((PY + 4)) m
ok_until "gets X10 reports: a right press, then a release as button 3" 5 read_is '^[[M"*%^[[M#*%'

tui_keys C-b :
tui_type 'set mouse off'
tui_keys Enter
ok_until "set mouse off: the program's reports only (1000)" 5 flags_are 1:0:1
report 0 $((PX + 1)) $((PY + 1))
ok_until "still passed to the program, as tmux does with the mouse off" 5 read_is '^[[M"*%^[[M#*%^[[M ""'
tui_keys C-c
tui_type "stty sane; printf '\\033[?1000l'; clear"
tui_keys Enter
ok_wait "the shell again" '│/ # +│' 5
ok_until "the program's reporting off: none asked" 5 flags_are 0:0:0
report 64 $((PX + 10)) $((PY + 10))
ok_gone "with the mouse off the wheel does nothing" '\[copy ' 1

tui_keys C-b q
tui_keys y
ok_wait "the console quits" 'PH-EXIT=0' 10
ok_is "$(flags)" "0:0:0" "and leaves no reporting on"

# ---- set mouse on in the configuration file ----
printf 'set mouse on\n' >"$tmp/mouse.conf"
tui_type "clear; $(q "$P") --config $(q "$tmp/mouse.conf"); echo PH-EXIT=\$?"
tui_keys Enter
tui_wait '^ containers' 15 >/dev/null
ok_until "set mouse on in the file: reports from the start" 5 flags_are 1:1:1
tui_keys q
ok_wait "the console quits" 'PH-EXIT=0' 10
ok_is "$(flags)" "0:0:0" "and gives the terminal back"
t_done
