#!/bin/bash
# cli-exec.sh: `porthole exec` against the real engine: exit codes, stdout
# and stderr kept apart and byte-exact, stdin and its EOF, user, workdir,
# env, --shell's bash-else-sh probe, --json, detached execs, timeouts that
# really stop the process, and the error statuses.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
c=ph-x-$$
stopped=ph-xs-$$
. "$PH_SRCDIR/tests/engine/script.sh" "$c" "$stopped"
engine_run "$c" >/dev/null || t_bail "cannot start a container"

# exit codes
"$P" exec "$c" true; t_is "$?" 0 "true gives 0"
"$P" exec "$c" sh -c 'exit 3'; t_is "$?" 3 "exit 3 gives 3"
"$P" exec "$c" sh -c 'exit 255'; t_is "$?" 255 "exit 255 gives 255"
"$P" exec "$c" sh -c 'kill -9 $$'; t_is "$?" 137 "a process killed by SIGKILL gives 137"

# stdout and stderr apart
"$P" exec "$c" sh -c 'echo out1; echo err1 >&2; echo out2; echo err2 >&2' >"$tmp/o" 2>"$tmp/e"
t_is "$(cat "$tmp/o")" $'out1\nout2' "stdout has only stdout"
t_is "$(cat "$tmp/e")" $'err1\nerr2' "stderr has only stderr"

# byte-exact binary data, both ways, a few MB
head -c 3000000 /dev/urandom >"$tmp/bin"
"$P" exec -i "$c" cat <"$tmp/bin" >"$tmp/bin.out"
t_ok "3 MB of binary through stdin and stdout come back byte-exact" cmp "$tmp/bin" "$tmp/bin.out"
"$P" exec -i "$c" sh -c 'cat >&2' <"$tmp/bin" >"$tmp/o" 2>"$tmp/bin.err"
t_ok "3 MB of binary on stderr are byte-exact" cmp "$tmp/bin" "$tmp/bin.err"
t_is "$(stat -c %s "$tmp/o")" 0 "and nothing leaks to stdout"
"$P" exec "$c" sh -c 'seq 1 200000' >"$tmp/seq"
t_is "$(md5sum <"$tmp/seq")" "$(seq 1 200000 | md5sum)" "a large text output is exact"

# stdin and EOF
t_is "$(printf 'a\nb\n' | "$P" exec -i "$c" wc -l)" 2 "stdin is forwarded and its EOF ends wc -l"
t_is "$("$P" exec -i "$c" cat </dev/null)" "" "an empty stdin gives EOF at once"
t_is "$(echo hidden | "$P" exec "$c" sh -c 'cat; echo done')" done "without -i stdin is not attached"

# user, workdir, env
t_is "$("$P" exec -u nobody "$c" id -u)" 65534 "-u nobody runs as 65534"
t_is "$("$P" exec -u 65534:65534 "$c" id -g)" 65534 "-u uid:gid sets the group"
t_is "$("$P" exec -w /tmp "$c" pwd)" /tmp "-w sets the working directory"
t_is "$("$P" exec -e A=1 -e 'B=two words' "$c" sh -c 'echo "$A|$B"')" "1|two words" "-e sets variables"
export PH_FROM_HERE=local-value
t_is "$("$P" exec -e PH_FROM_HERE "$c" sh -c 'echo "$PH_FROM_HERE"')" local-value "-e K takes K from here"
printf '# comment\nX=1\n\nY=a=b\n' >"$tmp/env"
t_is "$("$P" exec --env-file "$tmp/env" "$c" sh -c 'echo "$X,$Y"')" "1,a=b" "--env-file reads K=V lines"

# --shell: bash where it exists, else sh (this image has no bash)
t_is "$("$P" exec --shell "$c" 'echo $((6*7)) | tr 4 x')" "x2" "--shell runs a pipeline"
t_is "$("$P" exec --shell "$c" 'if [ -n "$BASH_VERSION" ]; then echo bash; else echo sh; fi')" sh "--shell falls back to sh without bash"
t_is "$("$P" exec --shell "$c" 'echo "$1-$2"' one two)" "one-two" "--shell passes extra args as \$1 \$2"
engine_docker exec "$c" sh -c 'printf "#!/bin/sh\necho fake-bash\n" >/bin/bash; chmod +x /bin/bash'
t_is "$("$P" exec --shell "$c" 'echo ignored')" fake-bash "--shell uses bash when the container has one"
engine_docker exec "$c" rm -f /bin/bash
t_is "$("$P" exec "$c" sh -c 'echo "a;b" "c d"')" "a;b c d" "argv is passed as an array, not pasted into a shell"

# --json
j=$("$P" exec --json "$c" sh -c 'echo hi; echo oops >&2; exit 4'); rc=$?
t_is "$rc" 4 "--json keeps the exit status"
t_like "$j" '"stdout":"hi\\n"' "--json has stdout"
t_like "$j" '"stderr":"oops\\n"' "--json has stderr apart"
t_like "$j" '"exit_code":4' "--json has exit_code"
t_like "$j" '"timed_out":false' "--json has timed_out"
t_like "$j" '"duration_ms":[0-9]+' "--json has duration_ms"
t_like "$j" '"exec_id":"[0-9a-f]{64}"' "--json has the exec id"
j=$("$P" exec --json --max-output 10 "$c" sh -c 'seq 1 1000')
t_like "$j" '"stdout_truncated":true' "--json says when output was cut"
t_like "$j" '"stdout_bytes":3893' "--json counts all the bytes"
j=$(printf '\377\376' | "$P" exec -i --json "$c" cat)
t_like "$j" '"lossy_utf8":true' "--json marks bytes that are not UTF-8"
echo "$j" | python3 -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null
t_is "$?" 0 "--json output with binary data is valid JSON"

# detached exec then inspect --exec
id=$("$P" exec -d "$c" sleep 3); rc=$?
t_is "$rc" 0 "-d exits 0"
t_like "$id" '^[0-9a-f]{64}$' "-d prints the exec id"
t_like "$("$P" inspect --exec "$id")" 'running +true' "inspect --exec shows it running"
t_like "$("$P" inspect --json --exec "$id")" '"exit_code":[[:space:]]*null' "its exit code is null while it runs"
for i in $(seq 1 60); do "$P" inspect --exec "$id" | grep -q 'running *false' && break; sleep 0.1; done
t_like "$("$P" inspect --exec "$id")" 'exit_code +0' "after it ends inspect --exec shows exit code 0"

# timeout really stops the process
start=$(date +%s%N)
"$P" exec --timeout 1 "$c" sh -c 'sleep 300; echo never' >"$tmp/o" 2>"$tmp/e"; rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
t_is "$rc" 124 "a timeout gives 124"
t_like "$(cat "$tmp/e")" 'timed out after 1 s; the process \(pid [0-9]+\) was stopped' "stderr says it timed out and was stopped"
t_ok "it returns soon after the timeout ($ms ms)" test "$ms" -lt 6000
t_is "$(engine_docker top "$c" -o pid,stat,args | grep -v ' Z' | grep -c 'sleep 300')" 0 "no sleep 300 is left in the container"
"$P" exec --timeout 1 "$c" sh -c 'trap "" TERM; sleep 300 & wait; sleep 300' 2>"$tmp/e"; rc=$?
t_is "$rc" 124 "a process that ignores SIGTERM still times out"
t_like "$(cat "$tmp/e")" 'stopped with SIGKILL' "and is stopped with SIGKILL"
t_is "$(engine_docker top "$c" -o pid,stat,args | grep -v ' Z' | grep -c 'sleep 300')" 0 "its children are gone too"
j=$("$P" exec --json --timeout 0.5 "$c" sleep 30); rc=$?
t_is "$rc" 124 "--json timeout gives 124"
t_like "$j" '"timed_out":true' "--json says timed_out"
t_like "$j" '"stopped":true' "--json says the process was stopped"
"$P" exec --timeout 5 "$c" true; t_is "$?" 0 "a command faster than its timeout is not affected"

# errors
"$P" exec nosuch-$$ true 2>"$tmp/e"; rc=$?
t_is "$rc" 125 "no such container gives 125"
t_is "$(wc -l <"$tmp/e")" 1 "with a one-line message"
t_like "$(cat "$tmp/e")" "no such container: nosuch-$$" "naming the container"
engine_run "$stopped" -- sh -c 'exit 3' >/dev/null
for i in $(seq 1 50); do [ "$(engine_docker inspect -f '{{.State.Running}}' "$stopped")" = false ] && break; sleep 0.1; done
"$P" exec "$stopped" true 2>"$tmp/e"; rc=$?
t_is "$rc" 125 "a stopped container gives 125"
t_like "$(cat "$tmp/e")" "is not running \(status exited, exit code 3\)" "saying its state and exit code"
"$P" exec "$c" nosuchcommand 2>/dev/null; t_is "$?" 127 "command not found gives 127"
"$P" exec "$c" /etc/passwd 2>/dev/null; t_is "$?" 126 "a command that is not executable gives 126"
"$P" exec "$c" /tmp 2>/dev/null; t_is "$?" 126 "a directory as command gives 126"
"$P" -H unix:///tmp/ph-nothing-here.sock exec "$c" true 2>"$tmp/e"; rc=$?
t_is "$rc" 125 "an unreachable engine gives 125"
t_like "$(cat "$tmp/e")" "unix:///tmp/ph-nothing-here.sock" "and names the endpoint"
"$P" exec --bogus "$c" true 2>/dev/null; t_is "$?" 125 "an unknown flag gives 125"
"$P" exec -e '=x' "$c" true 2>"$tmp/e"; rc=$?
t_is "$rc" 125 "a bad -e gives 125"
t_like "$(cat "$tmp/e")" "bad environment variable" "with a clear message"
"$P" exec --env-file /nonexistent/env "$c" true 2>"$tmp/e"; rc=$?
t_is "$rc" 125 "a missing env file gives 125"
t_like "$(cat "$tmp/e")" "cannot read env file /nonexistent/env" "naming the file"
"$P" exec --timeout abc "$c" true 2>/dev/null; t_is "$?" 125 "a bad --timeout gives 125"
"$P" exec "$c" 2>/dev/null; t_is "$?" 125 "a missing command gives 125"
t_done
