#!/bin/bash
# config.sh: the console's configuration file, driven in tmux against the
# real engine: a bad file stops porthole before curses starts with the
# file, line and cause; a good one changes the prefix key (and what C-b
# then does), binds and unbinds keys, hides the panel at start and sets the
# scrollback; the help screen and the status line's hints show the keys as
# configured; the command prompt runs commands and configuration lines; the
# default file under $XDG_CONFIG_HOME is read when there is no --config.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-cfg-a-$$ B=ph-cfg-b-$$
tui_begin "$A" "$B"
unset PORTHOLE_CONFIG
engine_run "$A" >/dev/null || t_bail "cannot start the container"
# (no file of the user's may change what the tests see)
export XDG_CONFIG_HOME=$tmp/none

# ---- bad files: one clear line, status 2, curses never started ----

printf 'set prefix C-a\n\n# a comment\nset frob 1\n' >"$tmp/bad1.conf"
printf 'bind list q no-such-command\n' >"$tmp/bad2.conf"
printf 'set scrollback "lots\n' >"$tmp/bad3.conf"
tui_start -x 160 -y 40 "cd $(q "$tmp")"
run_bad() {
	tui_type "clear; $(q "$P") --config $1; echo PH-EXIT=\$?"
	tui_keys Enter
	TUI_QUIET=1 tui_wait '^PH-EXIT=' 10 >/dev/null
}
run_bad bad1.conf
ok_wait "an unknown setting: file, line and cause on one line" '^porthole: bad1\.conf:4: unknown setting "frob"' 1
ok_wait "and status 2" '^PH-EXIT=2$' 1
ok_is "$(printf '%s\n' "$TUI_SCREEN" | grep -Evc '^(porthole: |PH-EXIT=|[$#] *$|$)')" 0 "nothing else is printed"
ok_is "$(tui_fmt '#{alternate_on}')" 0 "curses never started"
run_bad bad2.conf
ok_wait "an unknown command is named" '^porthole: bad2\.conf:1: unknown command "no-such-command"' 1
run_bad bad3.conf
ok_wait "an open quote is named" '^porthole: bad3\.conf:1: unterminated double quote' 1
run_bad missing.conf
ok_wait "a missing --config file is an error" '^porthole: missing\.conf: No such file or directory' 1
ok_wait "(status 2)" '^PH-EXIT=2$' 1

# ---- a good file ----

cat >"$tmp/good.conf" <<'CONF'
# porthole configuration for the test
set prefix C-a
set panel off
set scrollback 50
bind prefix t next-tab    # as well as n
bind list o shell
unbind list q
bind list Q quit
CONF
# ---- porthole help keys: the same table, no terminal ----
keys=$("$P" --config "$tmp/good.conf" help keys 2>&1); rc=$?
t_is "$rc" 0 "porthole help keys with the file: status 0"
t_like "$keys" "  Q         quit" "it lists Q for quit, as bound"
t_unlike "$keys" "  q         quit" "and not the unbound q"
t_like "$keys" "C-a t     next tab" "prefix keys under the configured prefix"
t_is "$("$P" --config "$tmp/good.conf" --help-keys 2>&1)" "$keys" "--help-keys prints the same"
out=$("$P" --config "$tmp/bad2.conf" help keys 2>&1); rc=$?
t_is "$rc" 2 "with a bad file: status 2"
t_like "$out" 'bad2.conf:1: unknown command "no-such-command"' "and the file's error"
tui_type "clear; $(q "$P") --config good.conf; echo PH-EXIT=\$?"
tui_keys Enter
tui_wait '^ containers' 15 >/dev/null
TUI_PREFIX=C-a tui_filter ph-cfg- >/dev/null
ok_until "the list shows $A" 10 _tui_match "^● $A +"
engine_run "$B" >/dev/null
ok_until "a container started meanwhile appears" 10 _tui_match "^● $B +"
sleep 3
tui_keys j k
ok_until "its uptime has moved on at the next draw" 5 \
	eval '[[ $(tui_list_status "$B") =~ ^Up\ [0-9]+\ seconds ]]'
ok_is "$(tui_panel container status)" "" "set panel off: no panel at start"
tui_keys i
ok_until "i still shows it" 10 eval '[ -n "$(tui_panel container status)" ]'
tui_keys i
tui_keys o
ok_until "o, bound to shell, opens a shell tab" 10 eval "_tui_match ' 0:$A shell( |$)' && _tui_match '│/ #( |$)'"
ok_wait "the status line names the new prefix" 'C-a: prefix  C-a l list  C-a \? help' 5

tui_type 'echo ab'
tui_keys C-b X Enter
ok_wait "C-b is no longer the prefix: the shell gets it (cursor back a character)" '│aXb *(│|$)' 5
tui_type 'cho c-a-reached'
tui_keys C-a C-a e Enter
ok_wait "C-a C-a sends a literal C-a (the shell's start of line)" '│c-a-reached *(│|$)' 5

tui_type 'seq 1 200'
tui_keys Enter
tui_wait '│200 *(│|$)' 5 >/dev/null
tui_keys C-a [
ok_wait "set scrollback 50: the tab keeps 50 lines (copy mode's count)" '\[copy [0-9]+/50\]' 5
tui_keys q
ok_gone "q leaves copy mode" '\[copy ' 5

tui_keys C-a c
ok_until "C-a c opens tab 1" 10 eval "_tui_match ' 1:$A shell( |$)' && _tui_match '│/ #( |$)'"
tui_type 'echo tab-one-$((1+1))'
tui_keys Enter
ok_wait "(tab 1 shows its own output)" '│tab-one-2 *(│|$)' 5
tui_keys C-a t
ok_gone "C-a t, bound to next-tab, goes round to tab 0" '│tab-one-2 *(│|$)' 5
tui_keys C-a t
ok_wait "and again to tab 1" '│tab-one-2 *(│|$)' 5

tui_keys C-a '?'
ok_wait "the help shows the prefix as configured" 'terminal \(after the prefix C-a\)' 5
ok_wait "and the added binding with its command's help" '│ +C-a t +next tab' 1
ok_wait "and the literal prefix key" '│ +C-a C-a +send the prefix key itself' 1
ok_wait "and the list's new keys" '│ +Q +quit' 1
ok_gone "and not the unbound one" '│ +q +quit' 1
tui_keys Space
ok_gone "any key closes the help" 'porthole keys \(any key closes\)' 5

# A terminal too short for the help: it scrolls, other keys close it.
tui_tmux resize-window -t ph -x 100 -y 20 2>/dev/null || tui_tmux resize-pane -t ph -x 100 -y 20
ok_until "the console redraws at 100x20" 10 eval '[ "$(tui_fmt "#{window_height} #{window_width}")" = "20 100" ] && _tui_match "C-a \\? help"'
sleep 0.5
tui_keys C-a '?'
ok_wait "on 20 rows the help says which lines show" 'porthole keys 1-18 of [0-9]+ \(j/k, PgUp/PgDn scroll' 5
tui_keys j
ok_wait "j scrolls it a line" 'porthole keys 2-19 of ' 5
tui_keys G
ok_until "G shows its last line" 5 eval '[[ $(tui_screen) =~ porthole\ keys\ [0-9]+-([0-9]+)\ of\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]'
tui_keys g
ok_wait "g its top" 'porthole keys 1-18 of ' 5
tui_keys q
ok_gone "q closes it" 'porthole keys ' 5
tui_tmux resize-window -t ph -x 160 -y 40 2>/dev/null || tui_tmux resize-pane -t ph -x 160 -y 40

tui_keys C-a :
ok_wait "C-a : opens the command prompt" '^:$' 5
tui_type 'set panel on'
tui_keys Enter
ok_until "a configuration line typed there takes effect: set panel on" 10 eval '[ -n "$(tui_panel container status)" ]'
tui_keys C-a :
tui_type 'panel'
tui_keys Enter
ok_until "and a command by its name: panel hides it again" 10 eval '[ -z "$(tui_panel container status)" ]'
tui_keys C-a :
tui_type 'no-such-command'
tui_keys Enter
ok_wait "an unknown one is named on the status line" '\| unknown command "no-such-command" \|' 5

tui_keys C-a l
ok_wait "the list's hints follow the bindings: Q quit" '\? help  Q quit *$' 5
ok_gone "(and not q quit)" ' q quit' 1
tui_keys q
sleep 0.5
ok_wait "q, unbound, does not quit" '^ containers' 1
ok_gone "(no quit question either)" 'quit\? \(y/n\)' 1
tui_keys Q
ok_wait "Q, bound to quit, asks while sessions run" 'sessions are running: stop them \(in at most 4 s\) and quit\? \(y/n\)' 5
tui_keys y
ok_wait "and quits with status 0" '^PH-EXIT=0$' 10

# ---- the example file in assets/ is a valid configuration ----

tui_type "clear; $(q "$P") --config $(q "$PH_SRCDIR/assets/porthole.conf"); echo PH-EXIT=\$?"
tui_keys Enter
ok_wait "assets/porthole.conf is read without error" '^ containers' 15
ok_wait "(its prefix is the default)" 'Enter shell  e exec' 1
tui_keys q
ok_wait "q quits" '^PH-EXIT=0$' 10

# ---- the default file ----

mkdir -p "$tmp/xdg/porthole"
printf 'set prefix C-x\nset list off\n' >"$tmp/xdg/porthole/porthole.conf"
tui_type "clear; XDG_CONFIG_HOME=$(q "$tmp/xdg") $(q "$P"); echo PH-EXIT=\$?"
tui_keys Enter
tui_wait 'API ' 15 >/dev/null
ok_gone "\$XDG_CONFIG_HOME/porthole/porthole.conf is read: set list off" '^ containers' 3
tui_keys C-x l
ok_wait "its prefix works (C-x l shows the list)" '^ containers' 5
tui_keys q
ok_wait "q quits (nothing running)" '^PH-EXIT=0$' 10

t_done
