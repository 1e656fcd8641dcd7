#!/bin/bash
# record.sh: recordings (asciicast v2) against the real engine through the
# console: `record FILE` and `record-stop` (C-b :) on a shell tab, the
# header and the events checked line by line, a resize as an "r" event,
# asciinema (Debian's) reading the file back, a path that cannot be made
# said on the status line, and --record DIR recording every tab.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-rec-$$
tui_begin "$A"
engine_run "$A" >/dev/null || t_bail "cannot start the container"
command -v asciinema >/dev/null || t_bail "asciinema is missing (scripts/install-deps.sh installs it)"

# check_cast FILE: prints what is wrong with FILE as asciicast v2, or
# nothing: a header (version 2, width, height, timestamp, env.TERM), then
# events [t, "o"|"r", text] with t never going back.
check_cast() {
	python3 - "$1" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
h = json.loads(lines[0])
bad = []
if h.get("version") != 2: bad.append("version")
for k in ("width", "height", "timestamp"):
    if not isinstance(h.get(k), int) or h[k] <= 0: bad.append(k)
if not h.get("env", {}).get("TERM"): bad.append("env.TERM")
last = 0
for l in lines[1:]:
    e = json.loads(l)
    if len(e) != 3 or e[1] not in ("o", "r") or not isinstance(e[2], str) or e[0] < last:
        bad.append("event " + l[:60]); break
    last = e[0]
print(" ".join(bad))
PY
}

# cast_cat FILE: asciinema cat FILE, in a pty of its own (asciinema opens
# /dev/tty even to print); its status is asciinema's.
cast_cat() {
	python3 - "$1" <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp("asciinema", ["asciinema", "cat", sys.argv[1]])
out = bytearray()
while True:
    try:
        b = os.read(fd, 65536)
    except OSError:
        break
    if not b:
        break
    out += b
_, st = os.waitpid(pid, 0)
sys.stdout.buffer.write(bytes(out))
sys.exit(os.waitstatus_to_exitcode(st))
PY
}

tui_start -x 160 -y 45 "$(q "$P"); echo PH-EXIT=\$?"
tui_wait '^ containers' 15 >/dev/null
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys Enter
ok_wait "a shell tab on $A" '│/ # ' 10
tui_keys C-b :
tui_type "record $tmp/a.cast"
tui_keys Enter
ok_wait "record says where it records" "recording to $tmp/a.cast" 5
ok_is "$(stat -c %a "$tmp/a.cast")" 600 "the file is readable by its owner only"
tui_type "echo rec-\$((6*7)); printf '\\303\\251t\\303\\251 \\344\\270\\255\\n'"
tui_keys Enter
ok_wait "the command runs" '│rec-42 ' 10
tui_tmux resize-window -t ph -x 140 -y 40 2>/dev/null || tui_tmux resize-pane -t ph -x 140 -y 40
sleep 1
tui_type 'echo after-resize'
tui_keys Enter
ok_wait "and another after a resize" '│after-resize ' 10
tui_keys C-b :
tui_type "record-stop"
tui_keys Enter
ok_wait "record-stop says where it recorded" "recorded to $tmp/a.cast" 5
ok_is "$(check_cast "$tmp/a.cast")" "" "the file is asciicast v2: its header and its events"
hdr=$(head -1 "$tmp/a.cast")
t_like "$hdr" '"title":"'"$A"': shell"' "the header's title names the container and the command"
t_ok "a resize is an \"r\" event" grep -q '"r","[0-9]*x[0-9]*"\]$' "$tmp/a.cast"
cast_cat "$tmp/a.cast" >"$tmp/a.out" 2>"$tmp/a.err"
ok_is "$?" 0 "asciinema cat reads it"
t_ok "and gives back the session's output" grep -q 'rec-42' "$tmp/a.out"
t_ok "UTF-8 text whole (été 中)" grep -q 'été 中' "$tmp/a.out"
t_ok "output after the resize too" grep -q 'after-resize' "$tmp/a.out"
n1=$(wc -l <"$tmp/a.cast")
tui_type 'echo not-recorded'
tui_keys Enter
ok_wait "after record-stop the tab goes on" '│not-recorded ' 5
sleep 0.3
ok_is "$(wc -l <"$tmp/a.cast")" "$n1" "and nothing more is written"

tui_keys C-b :
tui_type "record $tmp/no/such/dir.cast"
tui_keys Enter
ok_wait "a path that cannot be made: the status line says why" \
	"cannot record to $tmp/no/such/dir.cast: No such file or directory" 5
tui_keys C-b :
tui_type "record-stop"
tui_keys Enter
ok_wait "record-stop with nothing recording says so" "the tab is not recording" 5
tui_keys C-b :
tui_type quit
tui_keys Enter
tui_keys y
ok_wait "the console quits" 'PH-EXIT=0' 10

# --record DIR: every tab.
mkdir -p "$tmp/dir"
tui_type "clear; $(q "$P") --record $(q "$tmp/dir"); echo PH-EXIT=\$?"
tui_keys Enter
tui_wait '^ containers' 15 >/dev/null
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys Enter
ok_wait "with --record, a shell tab" '│/ # ' 10
tui_type 'echo in-tab-one'
tui_keys Enter
ok_wait "a command in it" '│in-tab-one ' 10
tui_keys C-b c
sleep 1
tui_type 'echo in-tab-two'
tui_keys Enter
ok_wait "a second tab" '│in-tab-two ' 10
tui_keys C-b :
tui_type quit
tui_keys Enter
tui_keys y
ok_wait "the console quits" 'PH-EXIT=0' 10
mapfile -t casts < <(ls "$tmp/dir"/porthole-"$A"-*.cast 2>/dev/null)
ok_is "${#casts[@]}" 2 "--record: one file a tab, named after the container"
both=$(for f in "${casts[@]}"; do cast_cat "$f"; done 2>/dev/null)
t_ok "each holds its tab's output" eval '[[ $both == *in-tab-one* && $both == *in-tab-two* ]]'
ok_is "$(for f in "${casts[@]}"; do check_cast "$f"; done | tr -d '\n')" "" "both are asciicast v2"
tui_type "clear; $(q "$P") --record $(q "$tmp/none"); echo RC=\$?"
tui_keys Enter
ok_wait "--record with a directory that is not there is refused" "not a directory porthole can write in" 5
t_done
