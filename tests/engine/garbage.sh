#!/bin/bash
# garbage.sh: porthole against an engine that misbehaves: random bytes
# instead of HTTP, truncated and oversized bodies, no answer at all, broken
# or wrongly shaped JSON, a plain-text HTTP 500 full of escape sequences, a
# /_ping without Api-Version, broken exec stream upgrades and frames, and an
# event stream with garbage lines and a 2 MB line. The engine is
# tests/lib/fake-engine.py on a unix socket (python3; no dockerd needed).
#
# Each headless command must end by itself (20 s at most) with its error
# status (1 for ls and inspect, 125 for exec), not by a signal, with one
# clear line on stderr and no raw escape byte anywhere in its output. The
# console (in tmux) must stay up through the bad event stream, show the
# containers of the valid events and quit on q.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
command -v python3 >/dev/null || t_skip_all "python3 not installed"
command -v timeout >/dev/null || t_skip_all "timeout (coreutils) not installed"
P=${PORTHOLE:?}
FAKE=$PH_SRCDIR/tests/lib/fake-engine.py
tmp=$(mktemp -d -p /tmp ph-garbage.XXXXXX) || t_bail "mktemp failed"
sock=$tmp/engine.sock
fake_pid=
fake_log=

fake_stop() {
	if [ -n "$fake_pid" ]; then
		kill "$fake_pid" 2>/dev/null
		wait "$fake_pid" 2>/dev/null
		fake_pid=
	fi
}

finish() {
	tui_cleanup
	fake_stop
	rm -rf "$tmp"
}
trap finish EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# fake_start MODE: a fresh fake engine on $sock (its log in $fake_log).
fake_start() {
	local i
	fake_stop
	rm -f "$sock"
	fake_log=$tmp/fake-${1//[^a-z0-9-]/_}.log
	python3 "$FAKE" "$sock" "$1" </dev/null >/dev/null 2>"$fake_log" &
	fake_pid=$!
	for ((i = 0; i < 200; i++)); do
		[ -S "$sock" ] && return 0
		kill -0 "$fake_pid" 2>/dev/null || break
		sleep 0.05
	done
	t_diag "fake engine log:" "$(cat "$fake_log")"
	t_bail "the fake engine did not start in mode $1"
}

# Some lines for exec ... cat to echo.
input=$tmp/input
for ((i = 0; i < 2000; i++)); do echo "line $i of the input for cat"; done >"$input"

# run ARGS...: porthole -H the fake engine ARGS, stdin from $input, at most
# 20 s; sets rc, out and err (files $tmp/out, $tmp/err).
run() {
	timeout -k 5 20 "$P" -H "unix://$sock" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# The stderr file, made printable for diagnostics.
err_text() { cat -v "$tmp/err" | head -c 2000; }

# check_status WANT DESC: the exit status is WANT, and not a hang or a
# signal.
check_status() {
	local want=$1 desc=$2 why=
	if [ "$rc" = "$want" ]; then
		t_pass "$desc"
		return 0
	fi
	case $rc in
	124) why="hung: still running after 20 s (killed by timeout)" ;;
	137) why="killed by SIGKILL (hung past SIGTERM, or out of memory)" ;;
	12[6-9] | 1[3-9][0-9] | 2[0-9][0-9]) why="killed by signal $((rc - 128))" ;;
	*) why="exit status $rc, wanted $want" ;;
	esac
	t_fail "$desc"
	t_diag "$why" "stderr:" "$(err_text)"
	return 1
}

# check_line DESC REGEX...: stderr is exactly one line "porthole: ...",
# matching every REGEX (case-insensitive).
check_line() {
	local desc=$1 line n re bad=
	shift
	n=$(grep -c '' "$tmp/err")
	line=$(head -n 1 "$tmp/err")
	if [ "$n" != 1 ]; then
		bad="$n lines on stderr, wanted 1"
	elif [[ $line != "porthole: "* ]]; then
		bad="the line does not start with \"porthole: \""
	else
		shopt -s nocasematch
		for re in "$@"; do
			[[ $line =~ $re ]] || bad="${bad:+$bad; }no match for: $re"
		done
		shopt -u nocasematch
	fi
	if [ -z "$bad" ]; then
		t_pass "$desc"
		return 0
	fi
	t_fail "$desc"
	t_diag "$bad" "stderr:" "$(err_text)"
	return 1
}

# check_inert DESC: no raw ESC or BEL byte on stdout or stderr.
check_inert() {
	if LC_ALL=C grep -q $'[\x07\x1b]' "$tmp/out" "$tmp/err"; then
		t_fail "$1"
		t_diag "stdout:" "$(head -c 500 "$tmp/out" | cat -v)" "stderr:" "$(err_text)"
		return 1
	fi
	t_pass "$1"
}

# try MODE WANT REGEX... -- ARGS...: porthole ARGS against the fake engine
# in MODE (already started) must exit WANT, say one line matching the
# REGEXes and print nothing raw.
try() {
	local mode=$1 want=$2 keys=()
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		keys+=("$1")
		shift
	done
	shift
	local what="$mode: porthole $*"
	run "$@"
	check_status "$want" "$what exits $want by itself"
	check_line "$what says one clear line" "${keys[@]}"
	check_inert "$what prints no raw escape byte"
}

# try_mode [--no-stdin] MODE REGEX... -- [OPTS...]: a fresh fake engine in
# MODE, then try on it ls, inspect, exec and exec -i cat (--no-stdin: not
# exec -i), each with porthole OPTS first: ls and inspect must exit 1, exec
# 125.
try_mode() {
	local cmds=("ls" "inspect ph-fake" "exec ph-fake true" "exec -i ph-fake cat") cmd want
	if [ "$1" = --no-stdin ]; then
		unset 'cmds[3]'
		shift
	fi
	fake_start "$1"
	for cmd in "${cmds[@]}"; do
		want=1
		[[ $cmd == exec* ]] && want=125
		# shellcheck disable=SC2086
		try "$1" $want "${@:2}" $cmd
	done
}

# reached REGEX DESC: the fake engine logged a request matching REGEX.
reached() {
	if grep -Eq -- "$1" "$fake_log"; then
		t_pass "$2"
		return 0
	fi
	t_fail "$2"
	t_diag "fake engine log:" "$(cat "$fake_log")"
	return 1
}

# ---- the fake engine itself, answering properly ----

fake_start sane
run ls
t_is "$rc" 0 "sane: ls exits 0"
t_like "$(cat "$tmp/out")" $'\n[0-9a-f]{12} +ph-fake +porthole-test:busybox +running' "sane: ls lists the fake container"
run inspect ph-fake
t_is "$rc" 0 "sane: inspect exits 0"
t_like "$(cat "$tmp/out")" $'status +running\n' "sane: inspect shows it running"
run exec ph-fake true
t_is "$rc:$(cat "$tmp/err")" 0: "sane: exec true exits 0, nothing on stderr"
run exec ph-fake false
t_is "$rc" 1 "sane: exec false exits 1"
run exec -i ph-fake cat
t_is "$rc" 0 "sane: exec -i cat exits 0"
t_ok "sane: exec -i cat echoes its input" cmp "$input" "$tmp/out"

# ---- the API answers go wrong ----
# Each mode hits every request but /_ping: ls and inspect fail on their one
# call, exec on its container inspect.

engine='engine'
inert='(\^\[|\\x1b|\\e|\\033|\\u001b)\]0;x'

try_mode garbage "$engine" '(HTTP|answer|reply|response|protocol)' --

try_mode truncated "$engine" '(closed|truncated|remaining|incomplete|short|ended|cut)' --

# 200 MB of JSON of the right shape, sent as fast as porthole reads it (10 s
# at most): refused for its size (or cut by the answer timeout), never
# taken whole.
try_mode --no-stdin oversize '(engine|answer|response)' '(in time|too (large|big|long)|exceed|limit|closed|remaining)' --
# The same at 20 MB/s: --api-timeout cuts the answer that never ends.
export FAKE_OVERSIZE_RATE=20000000
fake_start oversize
unset FAKE_OVERSIZE_RATE
try 'oversize at 20 MB/s' 1 "$engine" '(in time|timed? ?out|too (large|big|long)|exceed|limit)' -- --api-timeout 1 ls

try_mode slow "$engine" '(in time|timed? ?out)' -- --api-timeout 1
fake_start slow@ping
try slow@ping 1 "$engine" '(in time|timed? ?out)' -- --api-timeout 1 ls

try_mode badjson 'JSON' '(malformed|invalid|bad|parse)' --

try_mode wrongshape 'JSON' '(unexpected|expected|shape)' --
fake_start wrongshape@create
try wrongshape@create 125 'exec' '(Id|unexpected|expected|shape)' -- exec ph-fake true

try_mode httperror 'engine trouble' "$inert" --

try_mode noapi '(Api-Version|Docker Engine API)' --

# ---- the exec stream goes wrong ----
# Everything before the stream answers properly (and exec inspect then says
# the process exited 0), so the exec gets as far as its stream; the broken
# stream must still make it fail.

for mode in badupgrade badupgrade-200 badupgrade-cut garbage@start httperror@start; do
	case $mode in
	badupgrade) keys=('(stream|frame)') ;;
	badupgrade-200) keys=('(stream|frame|answer|upgrade|exec start)') ;;
	badupgrade-cut) keys=('(stream|frame)' '(ended|cut|truncated|inside|incomplete|closed)') ;;
	garbage@start) keys=('(exec start|stream)' '(HTTP|answer|response|frame)') ;;
	httperror@start) keys=('exec start' '500' 'engine trouble' "$inert") ;;
	esac
	fake_start "$mode"
	try "$mode" 125 "${keys[@]}" -- exec ph-fake true
	try "$mode" 125 "${keys[@]}" -- exec -i ph-fake cat
	reached 'POST /v1\.[0-9]+/exec/[0-9a-f]+/start -> [a-z]' "$mode: exec got as far as its stream"
done

# An exec start that is never answered: the answer timeout covers it too.
fake_start slow@start
try slow@start 125 '(engine|exec start|stream)' '(in time|timed? ?out|answer)' -- --api-timeout 1 exec ph-fake true
reached 'POST /v1\.[0-9]+/exec/[0-9a-f]+/start -> slow' "slow@start: exec got as far as its stream"

fake_stop

# ---- the console through a bad event stream ----

console_checks=8
if ! command -v tmux >/dev/null; then
	for ((i = 0; i < console_checks; i++)); do t_skip "tmux not installed" "badevents: console check $((i + 1))"; done
	t_done
fi

listed_exit3() { [[ $(tui_list_status ph-ev-beta) =~ \(3\) ]]; }
log_done() { grep -q 'badevents: all events sent' "$fake_log"; }

fake_start badevents
tui_start -x 160 -y 40 "$(printf '%q' "$P") -H unix://$(printf '%q' "$sock"); echo PH-EXIT=\$?"
ok_wait "badevents: the console shows the engine's list" '^● ph-ev-base +│'
ok_wait "badevents: it shows a container from events sent among garbage lines" '^● ph-ev-alpha +│'
ok_until "badevents: it shows the exit code of a die event" 10 listed_exit3
ok_wait "badevents: it still reads events after a 2 MB line" '^● ph-ev-gamma +│'
ok_wait "badevents: a name with escape sequences is shown inert" '^● ph-ev-esc\^\[\]0;x\^G'
t_isnt "$(tui_fmt '#{pane_title}')" x "badevents: the escape sequence did not reach the terminal (its title)"
for ((i = 0; i < 100; i++)); do log_done && break; sleep 0.1; done
sleep 0.5
tui_refresh
if log_done && _tui_nomatch 'unreachable|PH-EXIT=' && _tui_match '^● ph-ev-gamma +│'; then
	t_pass "badevents: the console stays up and connected after the whole stream"
else
	t_fail "badevents: the console stays up and connected after the whole stream"
	log_done || t_diag "the fake engine did not send all its events:" "$(cat "$fake_log")"
	tui_diag_screen "$TUI_SCREEN"
fi
tui_keys q
ok_wait "badevents: q quits with status 0" '^PH-EXIT=0$'

t_done
