#!/bin/bash
# cli-stats.sh: `porthole stats` against the real engine: the table of
# `docker stats --no-stream` and figures that agree with it, a busy loop's
# CPU above 50 %, memory that grows, --json streaming one object a line,
# every running container when none is named, and errors.
#
# Tolerances: both tools take their own sample, a second or so apart, so
# the figures that move are compared loosely: CPU % within 25 points,
# memory used within 2 MiB or 10 %. The memory limit and the PIDs do not
# move and must be equal.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
idle=ph-st-$$
busy=ph-stb-$$
grow=ph-stm-$$
. "$PH_SRCDIR/tests/engine/script.sh" "$idle" "$busy" "$grow"
engine_run "$idle" >/dev/null || t_bail "cannot start a container"
engine_run "$busy" -- sh -c 'while :; do :; done' >/dev/null
# 8 MiB more of /dev/shm (counted in the container's memory, never as
# inactive file cache) every half second, up to 160 MiB, once /tmp/go is
# there.
engine_run "$grow" --shm-size 256m -- sh -c 'while [ ! -e /tmp/go ]; do sleep 0.1; done; i=0; while [ $i -lt 20 ]; do i=$((i+1));
	dd if=/dev/zero of=/dev/shm/f$i bs=1M count=8 2>/dev/null; sleep 0.5; done; sleep 1000000' >/dev/null

# field JSON KEY: a number of one --json object.
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
# bytes "1.5MiB": the bytes a docker size means.
bytes() {
	python3 -c 'import re,sys
m = re.fullmatch(r"([0-9.e+]+)([A-Za-z]*)", sys.argv[1])
u = {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3, "TiB": 1024**4, "kB": 1e3, "MB": 1e6, "GB": 1e9}
print(int(float(m.group(1)) * u[m.group(2)]))' "$1"
}

out=$("$P" stats --no-stream "$idle" "$busy"); rc=$?
t_is "$rc" 0 "--no-stream exits 0"
t_like "$(head -1 <<<"$out")" '^CONTAINER ID   NAME +CPU %     MEM USAGE / LIMIT +MEM %     NET I/O +BLOCK I/O +PIDS$' "docker stats' header"
t_is "$(wc -l <<<"$out")" 3 "a row for each container named, in order"
t_like "$(sed -n 2p <<<"$out")" "^[0-9a-f]{12}   $idle +[0-9.]+%   " "the row: short id, name, CPU %"

# Each column against docker stats --no-stream, read with its own format.
dk=$(engine_docker stats --no-stream --format '{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.MemPerc}}|{{.NetIO}}|{{.BlockIO}}|{{.PIDs}}' "$idle" "$busy")
ph=$("$P" stats --no-stream "$idle" "$busy" | tail -n +2 | sed -E 's/^[0-9a-f]{12} +//; s/ {3,}/|/g')
t_diag "docker:" "$dk" "porthole:" "$ph"
for name in "$idle" "$busy"; do
	IFS='|' read -r _ dcpu dmem _ dnet dblk dpids < <(grep "^$name|" <<<"$dk")
	IFS='|' read -r _ pcpu pmem _ pnet pblk ppids < <(grep "^$name|" <<<"$ph")
	t_ok "$name: CPU % within 25 points of docker's ($pcpu, $dcpu)" \
	    python3 -c 'import sys; a, b = (float(x.rstrip("%")) for x in sys.argv[1:]); sys.exit(abs(a - b) > 25)' "$pcpu" "$dcpu"
	pu=$(bytes "${pmem%% / *}"); du=$(bytes "${dmem%% / *}")
	t_ok "$name: memory used within 2 MiB or 10 % of docker's ($pmem, $dmem)" \
	    python3 -c 'import sys; a, b = map(int, sys.argv[1:]); sys.exit(abs(a - b) > max(2 << 20, b / 10))' "$pu" "$du"
	t_is "${pmem##* / }" "${dmem##* / }" "$name: the memory limit as docker prints it"
	t_is "$pnet" "$dnet" "$name: network I/O as docker prints it"
	t_is "$ppids" "$dpids" "$name: PIDs as docker counts them"
	t_like "$pblk" '^[0-9.e+]+[kMG]?B / [0-9.e+]+[kMG]?B$' "$name: block I/O in docker's units"
done

# The busy loop: above 50 % within 3 s (the engine takes two samples, a
# second apart, for one answer without streaming).
start=$(date +%s%N)
j=$("$P" stats --no-stream --json "$busy")
took=$((($(date +%s%N) - start) / 1000000))
t_ok "a busy loop shows CPU above 50 % ($(field "$j" cpu_percent))" \
    python3 -c 'import sys; sys.exit(float(sys.argv[1]) <= 50)' "$(field "$j" cpu_percent)"
t_diag "the answer took $took ms"
t_like "$took" '^([0-9]{1,3}|[0-2][0-9]{3})$' "within 3 s"
t_is "$(field "$j" name) $(field "$j" pids)" "$busy 1" "--json: name and PIDs (the shell runs the loop itself)"

# Streaming: one object a line, about one a second; memory grows.
engine_docker exec "$grow" touch /tmp/go
timeout 10 "$P" stats --json "$grow" >"$tmp/s" 2>&1 &
spid=$!
for i in $(seq 1 100); do [ "$(wc -l <"$tmp/s")" -ge 5 ] && break; sleep 0.1; done
kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
t_like "$(wc -l <"$tmp/s")" '^[5-9]$|^[1-9][0-9]$' "streaming --json: an object a line as they come"
first=$(field "$(sed -n 2p "$tmp/s")" memory_usage)
last=$(field "$(tail -1 "$tmp/s")" memory_usage)
t_diag "memory: $first then $last"
t_ok "memory grows from sample to sample" python3 -c 'import sys; a, b = map(float, sys.argv[1:]); sys.exit(b - a < 8 << 20)' "$first" "$last"

# No container named: every running one.
all=$("$P" stats --no-stream)
for name in "$idle" "$busy" "$grow"; do t_like "$all" "   $name   " "no name: $name is listed"; done
engine_docker stop -t 1 "$idle" >/dev/null
t_unlike "$("$P" stats --no-stream)" "   $idle   " "no name: a stopped one is not"
t_like "$("$P" stats --no-stream -a)" "   $idle +0.00% +0B / 0B " "-a: a stopped one shows with nothing"

"$P" stats --no-stream "nosuch-$$" >"$tmp/o" 2>"$tmp/e"; rc=$?
t_is "$rc" 1 "an unknown container exits 1"
t_like "$(cat "$tmp/e")" "^porthole: nosuch-$$: .*[Nn]o such container" "with the engine's message"
"$P" stats --frob 2>/dev/null; t_is "$?" 2 "a bad flag exits 2"
t_done
