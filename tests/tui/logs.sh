#!/bin/bash
# logs.sh: logs tabs in the real console against the real engine: a
# container printing numbered lines on stdout and stderr, restarted twice
# under an open logs tab, shows every line exactly once (the tab's whole
# history, saved with save-history, is compared), stderr in red and with
# the prefix set; timestamps toggled by a key; a stopped container's tab
# says it does not run; a log driver that cannot be read and a removed
# container give their message in the tab; quitting does not ask for logs
# tabs.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
L=ph-logs-$$
N=ph-logn-$$
tui_begin "$L" "$N"
# Each run counts itself in /tmp/n (kept across restarts) and prints 20
# numbered lines on each stream, then waits.
script='n=$(($(cat /tmp/n 2>/dev/null || echo 0) + 1)); echo $n >/tmp/n
i=0; while [ $i -lt 20 ]; do i=$((i+1)); echo "run $n out $i"; echo "run $n err $i" >&2; done
sleep 1000000'
engine_run "$L" -- sh -c "$script" >/dev/null || t_bail "cannot start the container"
engine_docker run -d --network none --name "$N" --log-driver none "$PH_TEST_IMAGE" sleep 1000000 >/dev/null

# save NAME: the focused tab's history into $tmp/NAME (C-b : save-history).
save() {
	rm -f "$tmp/$1"
	tui_keys C-b :
	tui_type "save-history $tmp/$1"
	tui_keys Enter
	TUI_QUIET=1 tui_until 5 test -s "$tmp/$1"
}
# once FILE RUNS: every "run K out|err I" line of RUNS runs once, nothing else.
once() {
	local want got
	want=$(for k in $(seq 1 "$2"); do for i in $(seq 1 20); do echo "run $k out $i"; echo "run $k err $i"; done; done | sort)
	got=$(grep -v '^$' "$1" | sed -E "${3:-}" | sort)
	[ "$got" = "$want" ] && return 0
	t_diag "$(diff <(echo "$want") <(echo "$got") | head -20)"
	return 1
}

tui_start -x 160 -y 50 "$(q "$P"); echo PH-EXIT=\$?"
tui_wait '^ containers' 15 >/dev/null
TUI_QUIET=1 tui_select "$L" >/dev/null
tui_keys l
ok_wait "l opens a logs tab" "│ 0:$L logs " 10
ok_wait "it shows the log: stdout" '│run 1 out 20 ' 10
ok_wait "and stderr" '│run 1 err 20 ' 10
t_like "$(tui_panel session state)" '^following' "the panel says it follows"

engine_docker restart -t 1 "$L" >/dev/null
ok_wait "after a restart the new run's lines come" '│run 2 err 20 ' 15
ok_wait "both streams" '│run 2 out 20 ' 5
engine_docker restart -t 1 "$L" >/dev/null
ok_wait "after a second restart too" '│run 3 err 20 ' 15
ok_wait "both streams" '│run 3 out 20 ' 5
sleep 0.5
save h1
t_ok "across two restarts every line shows exactly once" once "$tmp/h1" 3
ok_is "$(tui_fg_at 'run 3 err 7')" 31 "stderr lines are red"
ok_is "$(tui_fg_at 'run 3 out 7')" default "stdout lines are not"
tui_refresh
t_like "$(tui_panel session resumed)" '^[2-9]' "the panel counts the resumes"

tui_keys t
ok_wait "t shows the engine's timestamps" '│20[0-9-]{8}T[0-9:]{8}\.[0-9]{9}Z run 3 out 20 ' 5
save h2
t_ok "with timestamps: every line once still" once "$tmp/h2" 3 's/^20[0-9-]{8}T[0-9:]{8}\.[0-9]{9}Z //'
ok_is "$(grep -cvE '^(20[0-9-]{8}T[0-9:]{8}\.[0-9]{9}Z run .*)?$' "$tmp/h2")" 0 "each line starts with its timestamp"
t_ok "in the engine's order" cmp <(grep -v '^$' "$tmp/h2") <(engine_docker logs -t "$L" 2>&1)
tui_keys t
ok_wait "t again hides them" '│run 3 out 20 ' 5

engine_docker stop -t 1 "$L" >/dev/null
ok_wait "a stopped container: the tab says it does not run" "│ 0:$L logs \[not running\] " 10
tui_refresh
t_like "$(tui_panel session state)" '^container not running' "so does the panel"
ok_wait "its log stays" '│run 3 out 20 ' 2

tui_keys C-b :
tui_type 'set logs-stderr-prefix "E| "'
tui_keys Enter
tui_keys l
ok_wait "l in a logs tab focuses the list" '^ containers' 5
tui_keys l
ok_wait "a second logs tab, of the stopped container" "│ 0:$L logs \[not running\] +1:$L logs " 10
ok_wait "its stderr lines have the prefix" '│E\| run 3 err 20 ' 10
save h3
t_ok "with the prefix: every line once" once "$tmp/h3" 3 's/^E\| //'

tui_keys Tab
TUI_QUIET=1 tui_select "$N" >/dev/null
tui_keys l
ok_wait "a log driver that cannot be read: the engine's message in the tab" \
	'│configured logging driver does not support reading' 10
ok_wait "and the tab has failed" "2:$N logs \[failed\]" 5

tui_keys C-b 0
engine_docker rm -f "$L" >/dev/null
ok_wait "a removed container: the tab says so" '│the container was removed' 10

tui_keys C-b l q
ok_wait "quitting with only logs tabs does not ask" 'PH-EXIT=0' 10
t_done
