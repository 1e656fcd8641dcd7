#!/bin/bash
# cli-color.sh: the colour of `porthole ls`: on a terminal (a pty of
# script(1)) its state and status are coloured, green running and red exited
# with a non-zero code; NO_COLOR, a pipe and --color=never give none;
# --color=always colours a pipe and beats NO_COLOR; the escapes never shift
# a column; a bad --color value is refused with exit status 2.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
command -v script >/dev/null || t_skip_all "script(1) is needed for a pty"
engine_need
P=${PORTHOLE:?}
run=ph-col-$$
dead=ph-cold-$$
finish() { engine_docker rm -f "$run" "$dead" >/dev/null 2>&1; engine_cleanup; }
trap finish EXIT
engine_run "$run" >/dev/null || t_bail "cannot start a container"
engine_run "$dead" -- sh -c 'exit 3' >/dev/null || t_bail "cannot start a container"
for i in $(seq 1 50); do [ "$(engine_docker inspect -f '{{.State.Running}}' "$dead")" = false ] && break; sleep 0.1; done

ESC=$'\033'
# in_pty CMD...: CMD's output on a pseudo-terminal (script's), CRs removed.
in_pty() {
	local q
	printf -v q '%q ' "$@"
	TERM=xterm timeout 30 script -qec "$q" /dev/null </dev/null | tr -d '\r'
}
# strip: the text without its SGR sequences.
strip() { sed "s/$ESC\[[0-9;]*m//g"; }
line_of() { grep -F -- "$1"; }

out=$(in_pty env -u NO_COLOR "$P" ls -a)
t_like "$(line_of "$run" <<<"$out")" "${ESC}\[32mrunning${ESC}\[0m +${ESC}\[32mUp " \
	"on a terminal a running container is green"
t_like "$(line_of "$dead" <<<"$out")" "${ESC}\[31mexited${ESC}\[0m +${ESC}\[31mExited \(3\)" \
	"on a terminal one that exited with 3 is red"
t_unlike "$(head -n 1 <<<"$out")" "$ESC" "the header has no colour"
# The columns up to STATUS (whose text moves on with time: "Up 1 second").
plain=$(env -u NO_COLOR "$P" ls -a)
hdr=$(head -n 1 <<<"$plain")
col=${hdr%%STATUS*}
# Only the header and this script's rows: other tests share the engine
# and start containers of their own between the two listings.
cols() { grep -E "^CONTAINER ID|  ($run|$dead) " | cut -c "1-${#col}" | sort; }
t_is "$(strip <<<"$out" | cols)" "$(cols <<<"$plain")" \
	"without its escapes the coloured table is the plain one: no column shifts"
st=$(strip <<<"$out" | line_of "$run")
t_like "${st:${#col}}" "^Up " "a coloured status starts under its header"
st=$(strip <<<"$out" | line_of "$dead")
t_like "${st:${#col}}" "^Exited \(3\) " "so does the one after a coloured exited"

out=$(in_pty env NO_COLOR=1 "$P" ls -a)
t_unlike "$out" "$ESC" "NO_COLOR on a terminal: no colour"
t_like "$out" "$run +$PH_TEST_IMAGE +running" "NO_COLOR still lists the containers"
out=$(in_pty env NO_COLOR= "$P" ls -a)
t_like "$out" "${ESC}\[32mrunning" "an empty NO_COLOR does not count"
out=$(in_pty env -u NO_COLOR "$P" --color=never ls -a)
t_unlike "$out" "$ESC" "--color=never on a terminal: no colour"
out=$(in_pty env -u NO_COLOR TERM=dumb "$P" ls -a)
t_unlike "$out" "$ESC" "TERM=dumb on a terminal: no colour"

out=$(env -u NO_COLOR "$P" ls -a | cat)
t_unlike "$out" "$ESC" "piped: no colour"
out=$(env -u NO_COLOR "$P" --color=always ls -a | cat)
t_like "$(line_of "$run" <<<"$out")" "${ESC}\[32mrunning" "--color=always piped: colour"
out=$(NO_COLOR=1 "$P" --color always ls -a | cat)
t_like "$(line_of "$dead" <<<"$out")" "${ESC}\[31mexited" "--color=always beats NO_COLOR"
out=$("$P" --color=always ls --json)
t_unlike "$out" "$ESC" "ls --json never has colour"

out=$("$P" --color=sometimes ls 2>&1); rc=$?
t_is "$rc" 2 "a bad --color value exits 2"
t_like "$out" 'bad --color "sometimes"' "and says which value"
"$P" --color 2>/dev/null; rc=$?
t_is "$rc" 2 "--color without a value exits 2"
t_like "$("$P" --help)" "--color WHEN" "--help names --color"
t_done
