#!/bin/bash
# cli-logs.sh: `porthole logs` against the real engine: stdout to stdout
# and stderr to stderr, byte for byte what `docker logs` prints (with and
# without -t, --tail, --since/--until), for containers with and without a
# TTY, -f following until the container stops, and the engine's errors (no
# such container, a log driver that cannot be read).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
plain=ph-lg-$$
tty=ph-lgt-$$
quiet=ph-lgn-$$
follow=ph-lgf-$$
. "$PH_SRCDIR/tests/engine/script.sh" "$plain" "$tty" "$quiet" "$follow"

# Numbered lines on both streams, a line without its newline, a CR, a tab,
# bytes that are not UTF-8 and a NUL; then it waits.
script='i=0; while [ $i -lt 40 ]; do i=$((i+1)); echo "out $i"; echo "err $i" >&2; done
printf "cr\rtab\tbin \377\376 nul \000 end\n"; printf "no newline" >&2; sleep 1000000'
engine_run "$plain" -- sh -c "$script" >/dev/null || t_bail "cannot start a container"
engine_run "$tty" -t -- sh -c "$script" >/dev/null || t_bail "cannot start a TTY container"
for i in $(seq 1 50); do
	[ "$(engine_docker logs "$plain" 2>&1 | grep -c err)" -ge 40 ] &&
	    [ "$(engine_docker logs "$tty" 2>&1 | grep -c err)" -ge 40 ] && break
	sleep 0.1
done

# same NAME ARGS...: porthole logs ARGS and docker logs ARGS write the same
# bytes to stdout and to stderr.
same() {
	local name=$1
	shift
	"$P" logs "$@" >"$tmp/p.out" 2>"$tmp/p.err"
	local rc=$?
	engine_docker logs "$@" >"$tmp/d.out" 2>"$tmp/d.err"
	t_is "$rc" 0 "$name: exits 0"
	t_ok "$name: stdout is docker's byte for byte" cmp "$tmp/p.out" "$tmp/d.out"
	t_ok "$name: stderr is docker's byte for byte" cmp "$tmp/p.err" "$tmp/d.err"
}

same "plain" "$plain"
t_is "$(grep -c '^out ' "$tmp/p.out") $(grep -c '^err ' "$tmp/p.err")" "40 40" "plain: 40 lines on each stream, each on its own"
t_is "$(tr -dc '\000\r\t' <"$tmp/p.out" | od -An -c | tr -s ' ')" ' \r \t \0' "plain: CR, tab and NUL come through"
# json-file keeps lines as JSON strings: bytes that are not UTF-8 are
# U+FFFD by then, in docker's output as in porthole's.
t_is "$(LC_ALL=C grep -c $'bin \xef\xbf\xbd\xef\xbf\xbd nul' "$tmp/p.out")" 1 "plain: bytes that are not UTF-8 as the engine keeps them"
same "timestamps" -t "$plain"
t_like "$(head -1 "$tmp/p.out")" '^20[0-9-]{8}T[0-9:]{8}\.[0-9]{9}Z out 1$' "-t: the engine's timestamp starts each line"
same "tail" --tail 5 "$plain"
same "-n and -t" -n 3 -t "$plain"
same "tty" "$tty"
t_like "$(head -1 "$tmp/p.out" | od -c | head -1)" 'o +u +t +1 +\\r +\\n' "tty: the raw stream, CR LF from the TTY"
t_is "$(wc -c <"$tmp/p.err")" 0 "tty: everything is stdout"
same "tty with timestamps" -t "$tty"

# --since and --until: a time between two lines splits them as docker's
# does; a duration and unix seconds are taken too.
mid=$(engine_docker logs -t "$plain" 2>/dev/null | sed -n 20p | cut -d' ' -f1)
same "--since a time" --since "$mid" "$plain"
same "--until a time" --until "$mid" "$plain"
t_like "$(wc -l <"$tmp/p.out")" '^ *(19|20)$' "--until: only the lines before it"
same "--since a duration" --since 10m -t "$plain"
same "--since unix seconds" --since "$(date +%s -d '-1 hour')" "$plain"
same "--since in the future" --since "$(date +%s -d '+1 hour')" "$plain"
t_is "$(cat "$tmp/p.out" "$tmp/p.err" | wc -c)" 0 "--since in the future: nothing"

# -f: new lines as they come, then the end when the container stops.
engine_run "$follow" -- sh -c 'echo start; read x; sleep 1000000' >/dev/null
engine_docker run -d --network none --name "$quiet" --log-driver none "$PH_TEST_IMAGE" sleep 1000000 >/dev/null
"$P" logs -f "$follow" >"$tmp/f.out" 2>&1 &
fpid=$!
for i in $(seq 1 30); do grep -q start "$tmp/f.out" && break; sleep 0.1; done
t_is "$(cat "$tmp/f.out")" start "-f: the lines so far"
engine_docker exec "$follow" sh -c 'echo later >/proc/1/fd/1'
for i in $(seq 1 30); do grep -q later "$tmp/f.out" && break; sleep 0.1; done
t_is "$(tail -1 "$tmp/f.out")" later "-f: a new line shows as it comes"
t_ok "-f: still following" kill -0 "$fpid"
engine_docker kill "$follow" >/dev/null
for i in $(seq 1 50); do kill -0 "$fpid" 2>/dev/null || break; sleep 0.1; done
t_nok "-f: ends when the container stops" kill -0 "$fpid"
wait "$fpid"
t_is "$?" 0 "-f: exits 0 then"

# Errors.
"$P" logs "nosuch-$$" >"$tmp/o" 2>"$tmp/e"; rc=$?
t_is "$rc" 1 "an unknown container exits 1"
t_like "$(cat "$tmp/e")" "^porthole: .*[Nn]o such container: nosuch-$$" "with the engine's message"
"$P" logs "$quiet" >"$tmp/o" 2>"$tmp/e"; rc=$?
t_is "$rc" 1 "a container with log driver none exits 1"
t_like "$(cat "$tmp/e")" "^porthole: .*(logging driver|log driver|does not support reading)" "with the engine's message"
t_diag "$(cat "$tmp/e")"
"$P" logs --tail x "$plain" 2>"$tmp/e"; t_is "$?" 2 "a bad --tail exits 2"
t_like "$(cat "$tmp/e")" 'bad --tail "x"' "naming it"
"$P" logs --since yesterday "$plain" 2>"$tmp/e"; t_is "$?" 2 "a bad --since exits 2"
t_like "$(cat "$tmp/e")" 'bad --since: "yesterday" is neither a time' "saying what it takes"
"$P" logs 2>/dev/null; t_is "$?" 2 "logs without a container exits 2"
"$P" logs "$plain" extra 2>/dev/null; t_is "$?" 2 "logs with two containers exits 2"
"$P" logs "$plain" | head -1 >"$tmp/h"; t_is "${PIPESTATUS[0]} $(cat "$tmp/h")" "0 out 1" "a reader that goes away ends it quietly"
t_done
