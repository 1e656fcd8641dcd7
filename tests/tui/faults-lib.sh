# faults-lib.sh: helpers of tests/tui/faults.sh (source it after tap.sh,
# engine.sh and tests/tui/lib.sh). FLT_TMP is a scratch directory,
# FLT_PREFIX the prefix of the test's container names. The checks ok_until,
# ok_wait, ok_gone and ok_is are those of tests/tui/lib.sh.
#
#   now_ms                    wall clock in milliseconds
#   lat_until T0 SECS CMD...  polls every 20 ms until CMD succeeds on a fresh
#                             $TUI_SCREEN; LAT_MS is then the time since T0
#                             (a now_ms value); 1 on timeout (LAT_MS empty)
#   status_line               the last row of $TUI_SCREEN (the status line)
#   status_like REGEX         the status line matches REGEX
#   listed NAME [MARKS]       NAME is in the list with one of MARKS (default
#                             "●○?")
#   shell_tab N NAME          tab N is a shell on NAME, at its prompt
#   ph_launch DIR [COLS ROWS] a fresh tmux window running porthole through a
#                             runner that saves `stty -g` before and after to
#                             DIR/stty.0 and DIR/stty.1, porthole's pid to
#                             DIR/pid, and prints PH-EXIT=STATUS; waits for
#                             the list and filters it to $FLT_PREFIX (not
#                             when FLT_NOFILTER is set). With FLT_REUSE set
#                             the command is typed into the running window's
#                             shell instead (the previous run has ended)
#   ph_pid DIR                porthole's pid of that run
#   ph_restored DIR WHAT      checks, after the run ended: the alternate
#                             screen left, the cursor visible with cursor
#                             keys and keypad in normal mode, and the tty
#                             modes those from before
#
# The runner is a non-interactive bash on purpose: an interactive bash drops
# the rest of a command line when its foreground job dies of SIGINT, so
# "porthole; echo PH-EXIT=$?" typed at the prompt would print nothing after
# a SIGINT.

now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((10#$t / 1000)); }

lat_until() {
	local t0=$1 secs=$2 end
	shift 2
	LAT_MS=
	end=$(($(now_ms) + secs * 1000))
	while :; do
		TUI_SCREEN=$(tui_screen 2>/dev/null)
		if "$@"; then
			LAT_MS=$(($(now_ms) - t0))
			return 0
		fi
		[ "$(now_ms)" -lt "$end" ] || return 1
		sleep 0.02
	done
}

status_line() { printf '%s\n' "$TUI_SCREEN" | tail -n 1; }
status_like() { [[ $(status_line) =~ $1 ]]; }
listed() { _tui_match "^[${2:-●○?}] $1 +│"; }
shell_tab() { _tui_match " $1:$2 shell " && _tui_match '│/ # '; }

_q() { printf '%q' "$1"; }

_ph_runner() {
	local r=$FLT_TMP/run.sh
	[ -f "$r" ] && return 0
	cat >"$r" <<EOF
#!/bin/bash
d=\$1
ulimit -c 0
export DOCKER_HOST=$(_q "$PH_ENGINE_HOST")
stty -g >"\$d/stty.0"
sh -c 'echo \$\$ >"\$0"; exec "\$@"' "\$d/pid" $(_q "$PORTHOLE")
echo "PH-EXIT=\$?"
stty -g >"\$d/stty.1"
EOF
}

ph_launch() {
	local dir=$1 cmd
	mkdir -p "$dir" && rm -f "$dir"/* || return 1
	_ph_runner
	cmd="clear; ${FLT_ENV:+$FLT_ENV }bash $(_q "$FLT_TMP/run.sh") $(_q "$dir")"
	if [ -n "${FLT_REUSE:-}" ] && tui_tmux has-session -t ph 2>/dev/null; then
		tui_type "$cmd"
		tui_keys Enter
	else
		tui_start -x "${2:-160}" -y "${3:-45}" "$cmd"
	fi
	tui_wait '^ containers' 15 >/dev/null || return 1
	[ -n "${FLT_NOFILTER:-}" ] || tui_filter "$FLT_PREFIX" >/dev/null
}

ph_pid() { cat "$1/pid" 2>/dev/null; }

ph_restored() {
	local dir=$1 what=$2
	tui_until 5 test -s "$dir/stty.1" >/dev/null
	tui_refresh
	ok_is "$(tui_fmt '#{alternate_on}')" 0 "$what: the alternate screen is left"
	ok_is "$(tui_fmt '#{cursor_flag} #{keypad_cursor_flag} #{keypad_flag}')" "1 0 0" \
		"$what: the cursor is visible, cursor keys and keypad in normal mode"
	if cmp -s "$dir/stty.0" "$dir/stty.1"; then
		t_pass "$what: the tty modes are those from before"
	else
		t_fail "$what: the tty modes are those from before"
		t_diag "before: $(cat "$dir/stty.0" 2>&1)" " after: $(cat "$dir/stty.1" 2>&1)"
	fi
}
