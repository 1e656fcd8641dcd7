#!/bin/bash
# engines.sh: the console over several engines at once: the suite's dockerd,
# a second private dockerd and a private Podman service. One list grouped by
# engine (a header row each: its name, API version and health), tabs
# labelled engine:container, the panel and the status line naming engines;
# the second dockerd stopped with SIGSTOP, then killed and started again,
# touches only its own header and tab while the others stay usable and the
# keys stay answered; engine-close (refused while a tab is open), engine-add
# at run time (C-b E), folding an engine (Enter on its header); `ls` over
# the three; and quitting leaves nothing running in any of them.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/podman.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-eng-a-$$
B=ph-eng-b-$$
C=ph-eng-c-$$
tui_begin "$A"
H1=$PH_ENGINE_HOST
engine_run "$A" >/dev/null || t_bail "cannot start $A"

E2=$(mktemp -d -p /tmp ph-e2.XXXX)
podman_need
HP=$PH_PODMAN_HOST
finish() {
	engine_thaw "$E2" 2>/dev/null
	engine_stop "$E2" >/dev/null 2>&1
	rm -rf "$E2"
	podman_cleanup
	_tui_finish
}
engine_trap finish
engine_start "$E2" && engine_image || t_bail "cannot start the second dockerd"
H2=$PH_ENGINE_HOST
engine_run "$B" >/dev/null || t_bail "cannot start $B"
export PH_ENGINE_HOST=$H1 DOCKER_HOST=$H1
podman_run "$C" >/dev/null || t_bail "cannot start $C on podman"

# The labels: each socket's file name, with its directory where two are
# the same ("docker").
sock1=${H1#unix://} sock2=${H2#unix://}
L1=$(basename "$(dirname "$sock1")")/docker
L2=$(basename "$(dirname "$sock2")")/docker
LP=podman
t_diag "engines: $L1 ($H1), $L2 ($H2), $LP ($HP)"
ere() { sed 's/[][\.*^$+?(){}|/]/\\&/g' <<<"$1"; }
R1=$(ere "$L1") R2=$(ere "$L2")

# in_group NAME LABEL: NAME's row comes after LABEL's header and before
# the next header.
in_group() {
	printf '%s\n' "$TUI_SCREEN" | awk -v name="$2" -v ctr="$1" '
		{ split($0, p, "│"); l = p[1] }
		l ~ /^(▾|▸) / { cur = l; sub(/^(▾|▸) /, "", cur); sub(/  API .*/, "", cur); sub(/ +$/, "", cur); next }
		l ~ ("^(●|○) " ctr " *$") { found = cur == name; exit }
		END { exit !found }'
}
header_says() { printf '%s\n' "$TUI_SCREEN" | awk -v name="$1" -v re="$2" '
	{ split($0, p, "│"); l = p[1] }
	hit { if (l ~ re) ok = 1; exit }
	l ~ /^(▾|▸) / { h = l; sub(/^(▾|▸) /, "", h); sub(/  API .*/, "", h); sub(/ +$/, "", h); if (h == name) hit = 1 }
	END { exit !ok }'; }
status() { printf '%s\n' "$TUI_SCREEN" | tail -n 1; }
status_like() { [[ $(status) =~ $1 ]]; }
shell_in() { # shell_in TAB LABEL NAME: tab TAB is a shell on LABEL:NAME
	printf '%s\n' "$TUI_SCREEN" | head -n 1 | grep -Eq " $1:$(ere "$2"):$3( |$)"
}
# type_echo WORD: types echo WORD-$((6*7)) into the focused tab.
type_echo() {
	tui_type "echo $1-\$((6*7))"
	tui_keys Enter
}

tui_start -x 180 -y 50 "$(q "$P") --api-timeout 2 -H $(q "$H1") -H $(q "$H2") -H $(q "$HP"); echo PH-EXIT=\$?"
ok_wait "the list shows $A, $B and $C" "^● $C " 20
ok_until "a header for each engine with its API version" 10 eval \
	'header_ok() { printf "%s\n" "$TUI_SCREEN" | grep -Eq "^▾ $1  API 1\.[0-9]+ *│"; }; header_ok "$R1" && header_ok "$R2" && header_ok "$LP"'
ok_until "each container under its own engine's header" 5 eval 'in_group "$A" "$L1" && in_group "$B" "$L2" && in_group "$C" "$LP"'
ok_until "each header says the engine is up" 5 eval 'header_says "$L1" "^  up  [0-9]+ containers?, [0-9]+ running" && header_says "$L2" "^  up  1 container, 1 running" && header_says "$LP" "^  up  1 container"'
ok_until "the status line gives each engine's state" 5 status_like " $R1 up, $R2 up, $LP up"

TUI_QUIET=1 tui_select "$B" >/dev/null
ok_until "the panel names the selected container's engine" 10 _tui_panel_is container engine "$L2"
tui_keys Enter
ok_until "a shell on $B is labelled $L2:$B" 15 shell_in 0 "$L2" "$B"
type_echo on-b
ok_wait "and answers" '│on-b-42 ' 10
tui_type 'sleep 4301 &'
tui_keys Enter
TUI_QUIET=1 tui_select "$C" >/dev/null
tui_keys Enter
ok_until "a shell on $C (Podman) is labelled $LP:$C" 15 shell_in 1 "$LP" "$C"
type_echo on-c
ok_wait "and answers" '│on-c-42 ' 10
tui_type 'sleep 4302 &'
tui_keys Enter
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys Enter
ok_until "a shell on $A is labelled $L1:$A" 15 shell_in 2 "$L1" "$A"
tui_type 'sleep 4303 &'
tui_keys Enter

# ---- the second dockerd stopped (SIGSTOP) ----
engine_freeze "$E2" || t_bail "cannot stop the second dockerd"
t_diag "$L2 stopped (SIGSTOP)"
# Quiet for longer than its timeout (--api-timeout 2), it is asked
# whether it is there at the next key, and found down.
sleep 2.5
tui_keys C-b l
ok_until "with $L2 stopped, a key after 2 s of quiet finds it down (a ping that times out)" 6 \
	header_says "$L2" "^  down: .*did not answer"
engine_thaw "$E2"
ok_until "it runs again: a reconnection, its header up" 15 header_says "$L2" "^  up  1 container"
engine_freeze "$E2" || t_bail "cannot stop the second dockerd"
# Its header selected: the panel asks nothing of it; $B selected: its
# inspect goes to the stopped daemon and times out (--api-timeout 2).
TUI_QUIET=1 tui_filter "$B" >/dev/null
ok_until "with $L2 stopped, its container's inspect times out: its header says down" 10 \
	header_says "$L2" "^  down: .*did not answer"
ok_until "the status line says $L2 is down, the others up" 5 status_like " $R1 up, $R2 down, $LP up"
tui_filter "" >/dev/null
tui_keys C-b 2 Tab
type_echo still-a
ok_wait "the shell on $A answers while $L2 is stopped" '│still-a-42 ' 5
tui_keys C-b 1
type_echo still-c
ok_wait "so does the shell on $C" '│still-c-42 ' 5
ok_wait "the tab on $B says its engine is down" " 0:$R2:[^ ]+ ([a-z]+ )?\[engine down\]" 5
tui_keys C-b l j
t0=$(date +%s%N)
tui_keys '?'
ok_wait "the keys are answered (help)" 'porthole keys (\(any key closes\)|[0-9]+-[0-9]+ of [0-9]+)' 5
t_diag "help drawn $((($(date +%s%N) - t0) / 1000000)) ms after ?"
tui_keys Space
engine_thaw "$E2"
ok_until "once $L2 runs again its header says up" 15 header_says "$L2" "^  up  1 container"
ok_until "and so does the status line" 5 status_like " $R1 up, $R2 up, $LP up"
tui_keys C-b 0 Tab
type_echo back-b
ok_wait "the shell on $B has lived through it" '│back-b-42 ' 10

# ---- the second dockerd killed, then started again ----
engine_crash "$E2" || t_bail "cannot kill the second dockerd"
t_diag "$L2 killed (SIGKILL)"
ok_until "with $L2 killed its header says down" 10 header_says "$L2" "^  down: "
ok_wait "its tab is marked ended" " 0:$R2:[^ ]+ ([a-z]+ )?\[(ended|exit [0-9]+)\]" 10
others_run() {
	local r
	r=$(printf '%s\n' "$TUI_SCREEN" | head -n 1)
	r=${r#* 1:}
	[[ $r == "$LP:$C shell  2:$L1:"* && $r != *"[ended]"* && $r != *"[exit"* && $r != *"[engine down]"* ]]
}
ok_until "the tabs on the other engines still run" 5 others_run
tui_keys C-b 2
type_echo alive-a
ok_wait "the shell on $A answers" '│alive-a-42 ' 5
engine_start "$E2" >/dev/null || t_bail "cannot start the second dockerd again"
export PH_ENGINE_HOST=$H1
ok_until "$L2 started again: its header says up, $B listed (the restart stopped it)" 20 eval \
	'header_says "$L2" "^  up  1 container, 0 running" && in_group "$B" "$L2"'

# ---- engine-close, engine-add, folding ----
tui_keys C-b l
TUI_QUIET=1 tui_select "$B" >/dev/null
tui_keys k
ok_until "the header selected, the panel shows the engine" 5 _tui_panel_is engine engine "$L2"
tui_keys C-b :
tui_type engine-close
tui_keys Enter
ok_until "engine-close is refused while its tab is open" 5 status_like "$R2 has 1 tab open: close it first"
tui_keys C-b 0 C-b x
tui_keys C-b l
TUI_QUIET=1 tui_filter "" >/dev/null
ok_until "its tab closed" 5 eval '! printf "%s\n" "$TUI_SCREEN" | head -n 1 | grep -q ":$B "'
TUI_QUIET=1 tui_select "$B" >/dev/null
tui_keys k
TUI_QUIET=1 tui_until 5 _tui_panel_is engine engine "$L2" >/dev/null
tui_keys C-b :
tui_type engine-close
tui_keys Enter
ok_until "then engine-close takes the engine out of the list" 5 eval \
	'! header_says "$L2" . && ! printf "%s\n" "$TUI_SCREEN" | grep -Eq "^(▾|▸) $R2"'
ok_until "and the labels are short again ($A's engine is docker)" 5 status_like " docker up, $LP up"
tui_keys C-b E
ok_wait "C-b E opens the prompt with engine-add typed" '^: *engine-add *$' 5
tui_type "$H2"
tui_keys Enter
ok_until "engine-add brings it back: $B under its header" 20 eval 'in_group "$B" "$L2"'
ok_until "three engines up in the status line" 10 status_like " $R1 up, $LP up, $R2 up"
tui_keys C-b :
tui_type "engine-add unix:///nonexistent/dead.sock"
tui_keys Enter
ok_until "an engine that cannot be reached gets its header, down with the cause" 10 \
	header_says "dead" "^  down: .*cannot reach"
ok_until "and the others stay up" 5 status_like " $R1 up, $LP up, $R2 up, dead down"
tui_keys C-b :
tui_type "engine-add no-such-context-$$"
tui_keys Enter
ok_until "a context that does not exist is refused with the reason" 5 status_like "engine-add no-such-context-$$: .*context"
TUI_QUIET=1 tui_filter "" >/dev/null
TUI_QUIET=1 tui_select "$C" >/dev/null
tui_keys k Enter
ok_until "Enter on an engine's header folds it: its containers hidden under it" 5 eval \
	'header_says "$LP" "^  up  1 container hidden" && ! printf "%s\n" "$TUI_SCREEN" | grep -q "^● $C "'
tui_keys C-b :
tui_type engine-hide
tui_keys Enter
ok_wait "engine-hide unfolds it" "^● $C " 5

# ---- headless ls over the three ----
out=$("$P" -H "$H1" -H "$H2" -H "$HP" ls -a 2>&1)
t_like "$out" "$H2 +[0-9a-f]{12} +$B " "ls over the three lists $B on the second dockerd"
t_like "$out" "$HP +[0-9a-f]{12} +$C " "and $C on Podman"

# ---- quitting stops what the tabs started ----
tui_keys C-b q
ok_wait "q asks before quitting with sessions running" 'quit\? \(y/n\)' 5
tui_keys y
ok_wait "the console quits" '^PH-EXIT=0$' 15
t_nok "nothing left running on $A (sleep 4303)" eval 'engine_docker top "$A" 2>/dev/null | grep -q "sleep 4303"'
t_nok "nor on $C under Podman (sleep 4302)" eval 'podman_cli top "$C" 2>/dev/null | grep -q "sleep 4302"'
t_done
