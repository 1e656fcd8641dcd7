#!/bin/bash
# multi.sh: several engines at once in the headless commands: the suite's
# dockerd and a second private one (plus a socket nothing listens on):
# `porthole -H A -H B ls` lists both with an ENGINE column (and an "engine"
# member in JSON), an engine that fails says so on stderr while the others
# still list, ENGINE/CONTAINER names one, a name on one engine only is
# found there, a name on both is an error that names both, and the
# commands that work on one engine say so.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
A=ph-multi-a-$$
B=ph-multi-b-$$
S=ph-multi-same-$$
. "$PH_SRCDIR/tests/engine/script.sh" "$A" "$S"

H1=$PH_ENGINE_HOST
engine_run "$A" >/dev/null && engine_run "$S" >/dev/null || t_bail "cannot start containers on the first engine"
# A second private engine, its own containers.
E2=$(mktemp -d -p /tmp ph-multi.XXXX)
script_on_exit 'engine_stop "$E2" >/dev/null 2>&1; rm -rf "$E2"'
engine_start "$E2" && engine_image || t_bail "cannot start the second engine"
H2=$PH_ENGINE_HOST
engine_run "$B" >/dev/null && engine_run "$S" >/dev/null || t_bail "cannot start containers on the second engine"
export PH_ENGINE_HOST=$H1 DOCKER_HOST=$H1
DEAD=unix://$tmp/nothing.sock

out=$("$P" -H "$H1" -H "$H2" ls 2>"$tmp/err")
t_is "$?" 0 "ls over two engines exits 0"
t_like "$(head -1 <<<"$out")" '^ENGINE +CONTAINER ID +NAME +IMAGE +STATE +STATUS$' "an ENGINE column first"
t_like "$out" "$H1 +[0-9a-f]{12} +$A " "$A on the first engine"
t_like "$out" "$H2 +[0-9a-f]{12} +$B " "$B on the second"
t_is "$(grep -c " $S " <<<"$out")" 2 "$S on both, once for each"
t_is "$(grep -n "$A \|$B " <<<"$out" | cut -d: -f1 | tr '\n' ' ')" "$(grep -n " $A " <<<"$out" | cut -d: -f1) $(grep -n " $B " <<<"$out" | cut -d: -f1) " \
	"the engines in the order given"
json=$("$P" -H "$H1" -H "$H2" ls --json)
t_is "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(sorted({(c["engine"], c["name"]) for c in d if c["name"].startswith("ph-multi-")}))' "$json")" \
	"$(python3 -c 'import sys; print(sorted({(sys.argv[1], sys.argv[3]), (sys.argv[1], sys.argv[5]), (sys.argv[2], sys.argv[4]), (sys.argv[2], sys.argv[5])}))' "$H1" "$H2" "$A" "$B" "$S")" \
	"--json: an engine member for each container"

t0=$(date +%s%N)
out=$("$P" --api-timeout 3 -H "$H1" -H "$DEAD" -H "$H2" ls 2>"$tmp/err")
rc=$?
took=$((($(date +%s%N) - t0) / 1000000))
t_is "$rc" 1 "with an engine that does not answer: status 1"
t_like "$(cat "$tmp/err")" "^porthole: $DEAD: cannot reach the engine at $DEAD" "its error on stderr, named"
t_like "$out" "$H1 .* $A " "the first still lists"
t_like "$out" "$H2 .* $B " "and the third"
t_diag "ls over three engines, one dead: $took ms"

t_is "$("$P" -H "$H1" -H "$H2" exec "$B" hostname)" "$(PH_ENGINE_HOST=$H2 engine_docker inspect -f '{{.Config.Hostname}}' "$B")" \
	"exec finds $B on the one engine that has it"
t_is "$("$P" -H "$H1" -H "$H2" exec "$H2/$S" sh -c 'echo on-two')" on-two "ENGINE/CONTAINER names the engine"
msg=$("$P" -H "$H1" -H "$H2" exec "$S" true 2>&1)
t_is "$?" 125 "a name on both engines: exec fails (125)"
t_like "$msg" "$S is on more than one engine \\($H1 and $H2\\): give ENGINE/$S" "and the error names both"
msg=$("$P" -H "$H1" -H "$H2" inspect no-such-ctr-$$ 2>&1)
t_like "$msg" "no such container on any engine \\($H1, $H2\\): no-such-ctr-$$" "a name on neither: both named"
t_like "$("$P" -H "$H1" -H "$H2" inspect "$B")" "status +running" "inspect finds it too"
t_like "$("$P" -H "$H1" -H "$H2" inspect --json "$H1/$S")" '"running":[[:space:]]*true' "inspect with ENGINE/"
t_like "$("$P" -H "$H1" -H "$H2" logs "$H2/$B" 2>&1; echo rc=$?)" 'rc=0' "logs with ENGINE/"
t_like "$("$P" -H "$H1" -H "$H2" exec "tcp://nowhere:1/$S" true 2>&1)" 'no engine named in' "an ENGINE/ that is none of them"
t_like "$("$P" -H "$H1" -H "$H2" stats --no-stream 2>&1)" 'stats works on one engine' "stats says it works on one engine"
# porthole mcp over both: raw JSON-RPC lines, the answers by id.
mcp_out=$(python3 - "$P" "$H1" "$H2" "$A" "$B" "$S" <<'PY'
import json, subprocess, sys, time
P, H1, H2, A, B, S = sys.argv[1:]
p = subprocess.Popen([P, "-H", H1, "-H", H2, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
def send(i, method, params):
    p.stdin.write(json.dumps({"jsonrpc": "2.0", "id": i, "method": method, "params": params}) + "\n")
    p.stdin.flush()
send(0, "initialize", {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}})
send(1, "tools/call", {"name": "list_containers", "arguments": {"all": True, "name": "ph-multi-"}})
send(2, "tools/call", {"name": "exec", "arguments": {"container": B, "command": ["echo", "found-b"]}})
send(3, "tools/call", {"name": "exec", "arguments": {"container": S, "command": ["true"]}})
send(4, "tools/call", {"name": "exec", "arguments": {"container": S, "command": ["echo", "on-2"], "engine": H2}})
send(5, "tools/call", {"name": "list_containers", "arguments": {"engine": H1, "name": "ph-multi-"}})
send(6, "tools/call", {"name": "exec", "arguments": {"container": A, "command": ["true"], "engine": "nowhere"}})
got = {}
while len(got) < 7:
    line = p.stdout.readline()
    if not line:
        break
    m = json.loads(line)
    got[m.get("id")] = m
p.stdin.close()
p.wait(timeout=20)
r = lambda i: got[i]["result"]
names = sorted((c["engine"], c["name"]) for c in r(1)["structuredContent"]["containers"])
print("list", json.dumps(names))
print("b", r(2)["structuredContent"]["stdout"].strip())
print("same", r(3)["isError"], r(3)["content"][0]["text"])
print("named", r(4)["structuredContent"]["stdout"].strip())
print("one", sorted(c["name"] for c in r(5)["structuredContent"]["containers"]), "engine" in r(5)["structuredContent"]["containers"][0])
print("bad", r(6)["isError"], r(6)["content"][0]["text"])
print("rc", p.returncode)
PY
)
t_ok "mcp over two engines: list_containers lists both, each with its engine" \
	eval 'grep -qF "[\"$H1\", \"$A\"]" <<<"$mcp_out" && grep -qF "[\"$H2\", \"$B\"]" <<<"$mcp_out"'
t_like "$mcp_out" "b found-b" "exec finds $B on the engine that has it"
t_like "$mcp_out" "same True $S is on more than one engine \\($H1 and $H2\\): give the engine argument" "a name on both: isError naming both"
t_like "$mcp_out" "named on-2" "the engine argument picks one"
t_like "$mcp_out" "one \\['$A', '$S'\\] False" "list_containers with an engine lists that one only"
t_like "$mcp_out" "bad True exec: no engine named nowhere \\(this server has: $H1, $H2\\)" "an engine it does not have: isError naming its engines"
t_like "$mcp_out" "rc 0" "and it closes cleanly"
t_done
