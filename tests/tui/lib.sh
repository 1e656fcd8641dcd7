# lib.sh: drives the real console in tmux for the TUI tests. Source it after
# tap.sh. Every test gets a tmux server of its own (tmux -L ph-PID, no
# config file), killed at exit; nothing here attaches a client, so the
# window has exactly the size asked for.
#
#   tui_start [-x COLS] [-y ROWS] CMDLINE
#                         starts the server with one window of COLSxROWS
#                         (default 160x45) running a plain bash, and types
#                         CMDLINE into it (e.g. "$PORTHOLE; echo PH-EXIT=\$?")
#   tui_begin [CTR...]    the start of a console test against the engine
#                         (source engine.sh too): skips without tmux, takes
#                         the engine (engine_need), sets P (the binary) and
#                         tmp (a directory of the test's own), and on exit
#                         ends tmux, removes the containers CTR..., tmp and
#                         a private engine
#   q STRING              STRING quoted for the shell in tmux (printf %q)
#   tui_keys KEYS...      tmux send-keys (key names: Enter, C-b, Up, ...)
#   tui_type TEXT         TEXT typed literally (send-keys -l)
#   tui_screen            the window's text (capture-pane -p)
#   tui_tmux ARGS...      any tmux command on the private server
#   tui_fmt FORMAT        a tmux format of the pane, e.g. '#{alternate_on}'
#   tui_until SECS CMD... polls every 0.1 s: captures the screen into
#                         $TUI_SCREEN and runs CMD until it succeeds; on
#                         timeout prints the screen as TAP diagnostics and
#                         returns 1 (TUI_QUIET=1: no diagnostics)
#   tui_wait REGEX [SECS] until a line of the screen matches REGEX (grep -E;
#                         default 10 s)
#   tui_wait_gone REGEX [SECS]  until no line matches
#   tui_diag_screen [TEXT]      TEXT (default: a fresh capture) as diagnostics
#   tui_cleanup           kills the server; tui_start sets an EXIT trap
#                         calling it unless one is set (a script with its own
#                         EXIT trap calls it there)
#
# Console helpers, all reading $TUI_SCREEN (call tui_refresh or tui_until
# first):
#   tui_refresh           TUI_SCREEN=$(tui_screen)
#   tui_geometry          "ROWS COLS" of the terminal pane as drawn: its
#                         width is the count of columns between the list
#                         border and the panel border (or the window's edge
#                         when the panel is hidden) on the tab bar row, its
#                         height the window's rows minus the tab bar and the
#                         status line
#   tui_panel SECTION KEY the value of KEY in the side panel's "container", "engine",
#                         "resources"
#                         or "session" part
#   tui_list_status NAME  the status line under NAME in the container list
#   tui_select NAME       focuses the list and filters it down to NAME (the
#                         filter stays: tui_filter "" clears it), waits for
#                         the panel to show it
#   tui_filter TEXT       focuses the list (with $TUI_PREFIX l) and sets its filter to TEXT
#                         ("" clears it); waits for the list's header to show it
#   tui_fg_at TEXT        the foreground colour where TEXT first appears on
#                         the screen, from the SGR sequences of capture-pane
#                         -e: "default", or the colour's SGR ("31", "38;5;9")
#   tui_sgr_at TEXT       all of it there: fg=..., bg=..., then each attribute
#                         code in force ("2", "9", "4:3"), one a line
#
# TAP checks that print the screen as diagnostics when they fail:
#   ok_until DESC SECS CMD... passes when CMD succeeds within SECS (polled by
#                         tui_until)
#   ok_wait DESC REGEX [SECS] / ok_gone DESC REGEX [SECS]
#                         tui_wait / tui_wait_gone as a check (default 10 s)
#   ok_is GOT WANT DESC   t_is

TUI_SOCK=ph-$$
TUI_TARGET=ph:0.0
TUI_SCREEN=
TUI_TIMEOUT=${TUI_TIMEOUT:-10}
# The console's prefix key, for the helpers that focus the list (a test
# that configures another one sets it).
TUI_PREFIX=${TUI_PREFIX:-C-b}
unset TMUX TMUX_PANE
# The console reads no configuration of the user's: the defaults are tested.
export PORTHOLE_CONFIG=/dev/null

tui_tmux() { tmux -L "$TUI_SOCK" "$@"; }

tui_cleanup() {
	tmux -L "$TUI_SOCK" kill-server >/dev/null 2>&1
	# tmux leaves its socket file behind.
	[ -z "${TUI_SOCKET_PATH:-}" ] || rm -f "$TUI_SOCKET_PATH"
	return 0
}

tui_begin() {
	command -v tmux >/dev/null || t_skip_all "tmux not installed"
	engine_need
	unset DOCKER_CONTEXT
	P=${PORTHOLE:?}
	_tui_ctrs=("$@")
	tmp=$(mktemp -d)
	engine_trap _tui_finish
}

_tui_finish() {
	tui_cleanup
	[ ${#_tui_ctrs[@]} -eq 0 ] || engine_docker rm -f "${_tui_ctrs[@]}" >/dev/null 2>&1
	rm -rf "$tmp"
	engine_cleanup
}

q() { printf '%q' "$1"; }

tui_start() {
	local cols=160 rows=45 term=screen
	while [ $# -gt 1 ]; do
		case $1 in
		-x) cols=$2; shift 2 ;;
		-y) rows=$2; shift 2 ;;
		*) break ;;
		esac
	done
	command -v tmux >/dev/null || t_skip_all "tmux not installed"
	infocmp tmux-256color >/dev/null 2>&1 && term=tmux-256color
	[ -n "$(trap -p EXIT)" ] || trap tui_cleanup EXIT
	tui_cleanup
	# A plain shell: no rc files, no history file, a fixed prompt.
	tmux -L "$TUI_SOCK" -f /dev/null new-session -d -s ph -x "$cols" -y "$rows" \
		"exec env TERM=$term HISTFILE=/dev/null PS1='\$ ' LANG=${TUI_LANG:-C.UTF-8} bash --norc --noprofile" ||
		t_bail "cannot start tmux"
	TUI_SOCKET_PATH=$(tui_tmux display-message -p '#{socket_path}')
	tui_wait '^\$ *$' 10 || t_bail "the shell in tmux did not start"
	tui_type "$1"
	tui_keys Enter
}

tui_keys() { tui_tmux send-keys -t "$TUI_TARGET" "$@"; }
tui_type() { tui_tmux send-keys -t "$TUI_TARGET" -l -- "$1"; }
tui_screen() { tui_tmux capture-pane -p -t "$TUI_TARGET"; }
tui_fmt() { tui_tmux display-message -p -t "$TUI_TARGET" "$1"; }
tui_refresh() { TUI_SCREEN=$(tui_screen); }

tui_diag_screen() {
	local s
	if [ $# -gt 0 ]; then s=$1; else s=$(tui_screen 2>&1); fi
	t_diag "screen ($(tui_fmt '#{pane_width}x#{pane_height}' 2>/dev/null)):"
	printf '%s\n' "$s" | sed 's/^/# |/'
}

tui_until() {
	local secs=$1 end
	shift
	end=$(($(date +%s%N) + ${secs%.*} * 1000000000))
	while :; do
		TUI_SCREEN=$(tui_screen 2>/dev/null)
		"$@" && return 0
		[ "$(date +%s%N)" -lt "$end" ] || break
		sleep 0.1
	done
	if [ "${TUI_QUIET:-0}" != 1 ]; then
		t_diag "timed out after ${secs} s waiting for: $*"
		tui_diag_screen "$TUI_SCREEN"
	fi
	return 1
}

_tui_match() { printf '%s\n' "$TUI_SCREEN" | grep -Eq -- "$1"; }
_tui_nomatch() { ! _tui_match "$1"; }

tui_wait() { tui_until "${2:-$TUI_TIMEOUT}" _tui_match "$1"; }
tui_wait_gone() { tui_until "${2:-$TUI_TIMEOUT}" _tui_nomatch "$1"; }

# Column arithmetic in characters, whatever the caller's locale.
tui_geometry() {
	local LC_ALL=C.UTF-8 row0 rest a b w h
	row0=$(printf '%s\n' "$TUI_SCREEN" | head -n 1)
	w=$(tui_fmt '#{pane_width}')
	h=$(tui_fmt '#{pane_height}')
	rest=${row0#*│}
	[ "$rest" != "$row0" ] || return 1
	a=$((${#row0} - ${#rest} - 1)) # the list border's column
	b=${rest%%│*}
	if [ "$b" = "$rest" ]; then
		w=$((w - a - 1))
	else
		w=${#b}
	fi
	echo "$((h - 2)) $w"
}

tui_panel() {
	printf '%s\n' "$TUI_SCREEN" | awk -v sect="$1" -v key="$2" '
		{ n = split($0, p, "│"); if (n < 2) next; t = p[n] }
		t ~ /^ (container|engine|session|resources) *$/ { cur = t; sub(/^ /, "", cur); sub(/ *$/, "", cur); next }
		cur == sect && substr(t, 1, 11) ~ ("^" key " +$") {
			v = substr(t, 12); sub(/ +$/, "", v); print v; exit
		}'
}

tui_list_status() {
	printf '%s\n' "$TUI_SCREEN" | awk -v name="$1" '
		found { split($0, p, "│"); s = p[1]; sub(/^ +/, "", s); sub(/ +$/, "", s); print s; exit }
		{ split($0, p, "│"); if (p[1] ~ ("^(●|○|[?]) " name " *$")) found = 1 }'
}

_tui_panel_is() { [ "$(tui_panel "$1" "$2")" = "$3" ]; }

tui_select() {
	tui_keys "$TUI_PREFIX" l /
	tui_keys C-u
	tui_type "$1"
	tui_keys Enter
	tui_until "$TUI_TIMEOUT" _tui_panel_is container name "$1"
}

_tui_header_is() {
	local row0
	row0=$(printf '%s\n' "$TUI_SCREEN" | head -n 1)
	row0=${row0%%│*}
	row0=${row0%"${row0##*[! ]}"}
	[ "$row0" = " containers${1:+ /}$1" ]
}

tui_filter() {
	tui_keys "$TUI_PREFIX" l /
	tui_keys C-u
	[ -z "$1" ] || tui_type "$1"
	tui_keys Enter
	tui_until 5 _tui_header_is "$1"
}

# tui_sgr_at TEXT: the SGR attributes in force where TEXT first appears on the
# screen (capture-pane -e), one a line: "fg=..." (default, 31, 38;5;208,
# 38;2;R;G;B), "bg=...", then each attribute code since the last reset.
tui_sgr_at() {
	local s pre re=$'\e''\[([0-9;:]*)m' p arr i v fg=default bg=default attrs=()
	s=$(tui_tmux capture-pane -p -e -t "$TUI_TARGET") || return 1
	case $s in *"$1"*) ;; *) return 1 ;; esac
	pre=${s%%"$1"*}
	while [[ $pre =~ $re ]]; do
		p=${BASH_REMATCH[1]}
		pre=${pre#*"${BASH_REMATCH[0]}"}
		IFS=';' read -ra arr <<<"$p"
		[ ${#arr[@]} -gt 0 ] || arr=(0)
		for ((i = 0; i < ${#arr[@]}; i++)); do
			v=${arr[i]:-0}
			case $v in
			0) fg=default bg=default attrs=() ;;
			39) fg=default ;;
			49) bg=default ;;
			3[0-7] | 9[0-7]) fg=$v ;;
			4[0-7] | 10[0-7]) bg=$v ;;
			38 | 48)
				local c
				if [ "${arr[i + 1]:-}" = 5 ]; then
					c="$v;5;${arr[i + 2]:-}"; i=$((i + 2))
				else
					c="$v;2;${arr[i + 2]:-};${arr[i + 3]:-};${arr[i + 4]:-}"; i=$((i + 4))
				fi
				if [ "$v" = 38 ]; then fg=$c; else bg=$c; fi ;;
			*) attrs+=("$v") ;;
			esac
		done
	done
	echo "fg=$fg"
	echo "bg=$bg"
	[ ${#attrs[@]} -eq 0 ] || printf '%s\n' "${attrs[@]}"
}
tui_fg_at() {
	local l
	l=$(tui_sgr_at "$1") || return 1
	l=${l%%$'\n'*}
	echo "${l#fg=}"
}

# ok_until DESC SECS CMD...: a check that CMD succeeds within SECS.
ok_until() {
	local desc=$1 secs=$2
	shift 2
	if TUI_QUIET=1 tui_until "$secs" "$@"; then
		t_pass "$desc"
		return 0
	fi
	t_fail "$desc"
	t_diag "waited ${secs} s for: $*"
	tui_diag_screen "$TUI_SCREEN"
	return 1
}
# ok_wait DESC REGEX [SECS]: a check that a line of the screen matches REGEX.
ok_wait() { ok_until "$1" "${3:-10}" _tui_match "$2"; }
# ok_gone DESC REGEX [SECS]: a check that no line of the screen matches REGEX.
ok_gone() { ok_until "$1" "${3:-10}" _tui_nomatch "$2"; }
# ok_is GOT WANT DESC: t_is, printing the screen when it fails.
ok_is() {
	t_is "$1" "$2" "$3" && return 0
	tui_diag_screen "$TUI_SCREEN"
	return 1
}
