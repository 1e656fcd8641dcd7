#!/bin/bash
# stats.sh: the side panel's live figures in the real console against the
# real engine: a busy loop's CPU above 50 %, memory that grows, the memory
# figure against `docker stats --no-stream`, the sparklines (block glyphs,
# ASCII under LANG=C), another selection's figures, and hiding the panel
# stopping the stream (the stream's connection goes and the console stops
# waking up).
#
# Tolerances: the panel and docker stats take their own samples about a
# second apart, so the memory used is compared within 2 MiB or 10 % (on a
# container whose memory no longer moves); the limit must be equal. The
# hidden panel's check counts the console's voluntary context switches
# (every poll(2) that slept and woke is one) over 3 s: none, or at most 12
# for each container event the engine sent meanwhile (another test's,
# when the suite shares the engine: each costs its read, a list and an
# inspect call).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
B=ph-stb-$$ M=ph-stm-$$
tui_begin "$B" "$M"
engine_run "$B" -- sh -c 'while :; do :; done' >/dev/null || t_bail "cannot start the containers"
# 8 MiB more of /dev/shm (counted as the container's memory, never as
# inactive file cache) every second, up to 80 MiB, once /tmp/go is there.
engine_run "$M" --shm-size 128m -- sh -c 'while [ ! -e /tmp/go ]; do sleep 0.1; done; i=0
	while [ $i -lt 10 ]; do i=$((i+1)); dd if=/dev/zero of=/dev/shm/f$i bs=1M count=8 2>/dev/null; sleep 1; done
	sleep 1000000' >/dev/null || t_bail "cannot start the containers"

# bytes "1.5MiB": the bytes a docker size means.
bytes() {
	python3 -c 'import re,sys
m = re.fullmatch(r"([0-9.e+]+)([A-Za-z]*)", sys.argv[1].strip())
u = {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3, "TiB": 1024**4, "kB": 1e3, "MB": 1e6, "GB": 1e9}
print(int(float(m.group(1)) * u[m.group(2)]))' "$1"
}
res() { tui_panel resources "$1"; }
# The panel's CPU % as a number (empty when there is none).
cpu() { local v; v=$(res cpu); v=${v%\%}; printf '%s' "$v"; }
cpu_above() { local v; v=$(cpu); [ -n "$v" ] && python3 -c 'import sys; sys.exit(not float(sys.argv[1]) > float(sys.argv[2]))' "$v" "$1"; }
cpu_below() { local v; v=$(cpu); [ -n "$v" ] && python3 -c 'import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))' "$v" "$1"; }
# The panel's memory used, in bytes.
mem() { local v; v=$(res memory); [ -n "$v" ] && bytes "${v%% / *}"; }
mem_above() { local v; v=$(mem) && [ -n "$v" ] && [ "$v" -gt "$1" ]; }
glyphs() { [[ $(res "$1") =~ ^(▁|▂|▃|▄|▅|▆|▇|█){$2,}$ ]]; }
# porthole's process (the shell's child in the pane), its socket fds and its
# voluntary context switches (all threads).
ph_pid() { pgrep -P "$(tui_fmt '#{pane_pid}')" -x porthole | head -n 1; }
sockets() { find "/proc/$pid/fd" -lname 'socket:*' 2>/dev/null | wc -l; }
switches() { cat /proc/"$pid"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ { n += $2 } END { print n + 0 }'; }

tui_start -x 160 -y 45 "$(q "$P"); echo PH-EXIT=\$?"
tui_wait '^ containers' 15 >/dev/null
pid=$(ph_pid)
[ -n "$pid" ] || t_bail "no porthole process in the pane"
TUI_QUIET=1 tui_select "$B" >/dev/null
ok_wait "a running container: the panel has a resources part" '│ resources *$' 10
ok_until "the busy loop: CPU above 50 % within 8 s" 8 cpu_above 50
t_diag "cpu $(cpu)%, $(res memory), pids $(res pids)"
ok_is "$(res pids)" 1 "PIDs: the shell alone"
t_like "$(res 'net rx/tx')" '^[0-9.]+[kMG]?B / [0-9.]+[kMG]?B$' "network rx / tx in docker's units"
t_like "$(res 'block r/w')" '^[0-9.]+[kMG]?B / [0-9.]+[kMG]?B$' "block I/O read / written"
t_like "$(res 'memory %')" '^[0-9.]+%$' "memory %"
ok_until "after a few samples a CPU sparkline of block glyphs" 8 glyphs 'cpu 60s' 3
t_diag "cpu 60s: $(res 'cpu 60s')"
ok_until "and a memory one" 2 glyphs 'memory 60s' 3
t_like "$(res 'cpu 60s')" '(▅|▆|▇|█)' "the sample above 50 % shows at half height or more"
n_stream=$(sockets)

TUI_QUIET=1 tui_select "$M" >/dev/null
ok_until "another selection: its own figures (CPU below 50 %)" 8 cpu_below 50
# The busy loop has done its part: on a small machine it would slow the
# tests that run beside this one.
engine_docker kill "$B" >/dev/null
m0=$(mem)
t_diag "memory before: $(res memory)"
engine_docker exec "$M" touch /tmp/go
ok_until "memory grows: 40 MiB more within 10 s" 10 mem_above $((m0 + (40 << 20)))
t_diag "memory after: $(res memory); memory 60s: $(res 'memory 60s')"
ok_until "up to 80 MiB more" 15 mem_above $((m0 + (78 << 20)))
sleep 2 # the last sample after it stopped growing
tui_refresh
pm=$(res memory)
dm=$(engine_docker stats --no-stream --format '{{.MemUsage}}' "$M")
pu=$(bytes "${pm%% / *}") du=$(bytes "${dm%% / *}")
t_ok "memory used within 2 MiB or 10 % of docker stats' ($pm, $dm)" \
    python3 -c 'import sys; a, b = map(int, sys.argv[1:]); sys.exit(abs(a - b) > max(2 << 20, b / 10))' "$pu" "$du"
t_is "${pm##* / }" "${dm##* / }" "the memory limit as docker stats prints it"

# Hiding the panel (i in the list): the stream's connection is closed,
# and the console stops waking up once a second.
s0=$(switches)
sleep 3
s1=$(switches)
t_ok "with the panel shown the console wakes for the figures ($((s1 - s0)) switches in 3 s)" test $((s1 - s0)) -ge 2
n_shown=$(sockets)
tui_keys i
ok_gone "i hides the panel" '│ resources *$' 5
below() { [ "$(sockets)" -lt "$1" ]; }
ok_until "the stream's connection is closed ($n_shown sockets before)" 5 below "$n_shown"
sleep 0.5
t0=$(date +%s.%N)
s0=$(switches)
sleep 3
s1=$(switches)
t1=$(date +%s.%N)
ev=$(engine_docker events --since "$t0" --until "$t1" --filter type=container --format '{{.Action}}' | wc -l)
t_diag "hidden: $((s1 - s0)) switches in 3 s, $ev container events meanwhile, $(sockets) sockets"
t_ok "with the panel hidden the console does not wake ($((s1 - s0)) switches, $ev events)" \
    test $((s1 - s0)) -le $((ev * 12))
tui_keys i
ok_wait "i shows it again, with the figures" '│ resources *$' 5
ok_until "streamed again" 8 glyphs 'cpu 60s' 1

tui_keys q
ok_wait "quits" 'PH-EXIT=0' 10

# Not a UTF-8 locale: the sparklines in ASCII. tmux shows the panel's
# border as "x" there, so the rows are matched whole.
ascii() { _tui_match "x$1 +[_.=#-]{$2,} *\$"; }
TUI_LANG=C tui_start -x 160 -y 45 "$(q "$P"); echo PH-EXIT=\$?"
tui_wait '^ containers' 15 >/dev/null
tui_keys / C-u
tui_type "$M"
tui_keys Enter
ok_wait "LANG=C: the panel shows the container" "xname +$M *\$" 10
ok_until "LANG=C: the sparklines are ASCII" 8 ascii 'cpu 60s' 2
t_diag "$(printf '%s\n' "$TUI_SCREEN" | grep -E 'x(cpu|memory) 60s ' | sed 's/.*x//')"
ok_until "both of them" 2 ascii 'memory 60s' 2
tui_keys q
ok_wait "quits" 'PH-EXIT=0' 10
t_done
