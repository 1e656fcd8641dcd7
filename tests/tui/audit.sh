#!/bin/bash
# audit.sh: the audit log (set audit-log FILE) against the real engine
# through the console: one JSON line for each exec session as it ends (a
# shell that exits with 3, a command with user, workdir and environment
# that porthole stops when it quits), its fields checked; and no file
# porthole wrote (the audit log, recordings, saved history) holds a secret
# from the container's environment, the exec's environment or the docker
# CLI's configuration.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-audit-$$
tui_begin "$A"
engine_run "$A" -e DB_PASSWORD=s3cr3t-in-container -- >/dev/null || t_bail "cannot start the container"

# A docker CLI configuration with a credential in it.
mkdir -p "$tmp/docker" "$tmp/rec"
printf '{"auths":{"registry.invalid":{"auth":"%s"}},"HttpHeaders":{"X-Token":"s3cr3t-header"}}\n' \
	"$(printf 'ann:s3cr3t-credential' | base64)" >"$tmp/docker/config.json"
printf 'set audit-log %s\n' "$tmp/audit.log" >"$tmp/porthole.conf"

tui_start -x 160 -y 45 "DOCKER_CONFIG=$(q "$tmp/docker") $(q "$P") --config $(q "$tmp/porthole.conf") --record $(q "$tmp/rec"); echo PH-EXIT=\$?"
tui_wait '^ containers' 15 >/dev/null
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys Enter
ok_wait "a shell tab on $A" '│/ # ' 10
tui_type 'exit 3'
tui_keys Enter
ok_until "the shell ends" 10 eval '[ -s "$tmp/audit.log" ]'
ok_is "$(wc -l <"$tmp/audit.log")" 1 "one line in the audit log for the ended session"
# check_line N PY_EXPR...: each Python expression on line N's object e holds.
check_line() {
	local n=$1
	shift
	python3 - "$tmp/audit.log" "$n" "$@" <<'PY'
import json, re, sys
e = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
bad = [x for x in sys.argv[3:] if not eval(x)]
print(" | ".join(bad) if bad else "")
PY
}
ok_is "$(check_line 1 \
	"re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', e['started'] or '')" \
	"e['ended'] is not None and e['ended'] >= e['started']" \
	"e['local_user'] == '$(id -un)'" \
	"e['engine'] == '$PH_ENGINE_HOST'" \
	"e['container_name'] == '$A' and len(e['container_id']) == 64" \
	"re.fullmatch('[0-9a-f]{64}', e['exec_id'])" \
	"e['exit_code'] == 3 and e['stopped_by_porthole'] is False" \
	"isinstance(e['command'], list) and len(e['command']) > 0")" "" \
	"the line: start and end times, local user, engine, container, exec id, command, exit code 3"

tui_keys C-b l
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys e
ok_wait "the exec prompt" '^exec \[-u USER\] \[-w DIR\] \[-e K=V\] CMD:' 5
tui_type '-u 65534 -w /tmp -e API_TOKEN=s3cr3t-in-exec sleep 4244'
tui_keys Enter
ok_until "sleep 4244 runs in the container" 10 eval 'engine_docker top "$A" 2>/dev/null | grep -q "sleep 4244"'
tui_keys C-b :
tui_type 'save-history '"$tmp/history.txt"
tui_keys Enter
ok_wait "its history saved" "history saved to $tmp/history.txt" 5
tui_keys C-b q
ok_wait "quitting asks" 'running' 5
tui_keys y
ok_wait "the console quits" 'PH-EXIT=0' 15
ok_is "$(wc -l <"$tmp/audit.log")" 2 "a second line: the session porthole stopped when it quit"
t_diag "audit log: $(cat "$tmp/audit.log")"
ok_is "$(check_line 2 \
	"e['stopped_by_porthole'] is True" \
	"e['user'] == '65534' and e['workdir'] == '/tmp'" \
	"e['command'] == ['sleep', '4244']")" "" "its user, workdir and command, and that porthole stopped it"
t_nok "nothing of sleep 4244 is left in the container" eval 'engine_docker top "$A" 2>/dev/null | grep -q "sleep 4244"'
ok_is "$(stat -c %a "$tmp/audit.log")" 600 "the audit log is readable by its owner only"
ls "$tmp/rec"/*.cast >/dev/null 2>&1
ok_is "$?" 0 "the tabs were recorded too"
found=$(grep -rl 's3cr3t' "$tmp/audit.log" "$tmp/rec" "$tmp/history.txt" 2>/dev/null)
ok_is "$found" "" "no file porthole wrote holds a secret (environment values, docker CLI credentials)"
t_ok "while the secrets are where they were" eval 'engine_docker inspect -f "{{.Config.Env}}" "$A" | grep -q s3cr3t-in-container'

# A file that cannot be written: the status line says so, the console goes on.
tui_type "clear; $(q "$P") --config /dev/null; echo PH-EXIT=\$?"
tui_keys Enter
tui_wait '^ containers' 15 >/dev/null
tui_keys C-b :
tui_type "set audit-log $tmp/no/such/dir/audit.log"
tui_keys Enter
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys e
tui_type 'true'
tui_keys Enter
ok_wait "an audit log that cannot be written: the status line says why" "audit log $tmp/no/such/dir/audit.log: No such file or directory" 10
tui_keys C-b q
tui_keys y
ok_wait "and the console still quits cleanly" 'PH-EXIT=0' 10
t_done
