#!/bin/bash
# history.sh: save-history and save-history-escapes (C-b :) against the real
# engine: a shell tab's scrollback and screen written to a file, a long line
# that wrapped over several rows written as one line, colours as SGR only
# when asked, and a path that cannot be written said on the status line.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-hist-$$
tui_begin "$A"
engine_run "$A" >/dev/null || t_bail "cannot start the container"

tui_start -x 160 -y 45 "$(q "$P"); echo PH-EXIT=\$?"
tui_wait '^ containers' 15 >/dev/null
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys Enter
ok_wait "a shell tab on $A" '│/ # ' 10
# 300 L's wrap over four rows of the pane; the 200 numbers go to the
# scrollback.
tui_type "seq 1 200; printf 'x%.0s' \$(seq 1 300) | tr x L; echo; printf '\\033[31mRED\\033[0m plain\\n'; echo done-\$((2*21))"
tui_keys Enter
ok_wait "the output is there" '│done-42 ' 10
tui_keys C-b :
tui_type "save-history $tmp/h.txt"
tui_keys Enter
ok_wait "save-history says where it wrote" "history saved to $tmp/h.txt" 5
t_ok "the file is there" test -s "$tmp/h.txt"
ok_is "$(stat -c %a "$tmp/h.txt")" 600 "readable by its owner only"
ok_is "$(grep -Ex '[0-9]+' "$tmp/h.txt" | tr '\n' ' ')" "$(seq 1 200 | tr '\n' ' ')" \
	"it holds the scrollback: 1 to 200, in order, one a line"
L300=$(printf 'L%.0s' $(seq 1 300))
t_ok "the 300 L's that wrapped on screen are one line" grep -qx "$L300" "$tmp/h.txt"
t_ok "the screen's last lines are there, without escapes" grep -qx 'RED plain' "$tmp/h.txt"
t_ok "and no escape sequence at all" eval '! grep -q $'"'"'\e'"'"' "$tmp/h.txt"'

tui_keys C-b :
tui_type "save-history-escapes $tmp/e.txt"
tui_keys Enter
ok_wait "save-history-escapes says where it wrote" "history saved to $tmp/e.txt" 5
t_ok "with escapes, RED is red (SGR 38;5;1) and the rest plain" \
	grep -qx $'\e\\[0;38;5;1mRED\e\\[0m plain' "$tmp/e.txt"

tui_keys C-b :
tui_type "save-history $tmp/no/such/dir"
tui_keys Enter
ok_wait "a path that cannot be written: the status line says why" \
	"cannot write $tmp/no/such/dir: No such file or directory" 5
tui_type 'echo still-$((3*3))'
tui_keys Enter
ok_wait "and the tab goes on" '│still-9 ' 5
t_done
