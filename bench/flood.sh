#!/bin/bash
# bench/flood.sh [PROBES]: key latency under flood, model-only: it draws
# nothing and runs at the model's default size (bench/term.sh measures the
# real binary in a pty). bench/bench-flood drives the console model: tab B
# runs sh, and every 100 ms a probe types `echo tN` into it and times until
# "tN" shows in B's terminal model;
# PROBES probes (default 50) with nothing else running, then again while tab
# A runs `yes` through a TTY. Prints median and max latency of both, the
# bytes per second A received, and porthole's RSS after the flood; then the
# docker CLI's rate for the same `yes` through a TTY, for scale, and (with
# python3) the same probe through `docker exec -it sh` without and with a
# flood.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
B=${PH_BUILDDIR:-$src/_build}
prog=$B/bench/bench-flood
N=${1:-50}
. "$src/bench/lib.sh"
bench_built "$prog"
c=ph-flood-$$
bench_engine "$c"

echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$prog" "$PH_ENGINE_HOST" "$c" "$N"
rc=$?
# For scale: the docker CLI reading yes through a TTY for 5 s.
bytes=$(script -qc "docker exec -t $c timeout 5 yes" /dev/null </dev/null | wc -c)
printf '%-28s %s MB/s (%s bytes in 5 s)\n' "docker exec -t yes received:" \
	"$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 5 / 1e6 }')" "$bytes"

# The same probe through `docker exec -it sh` (on a pseudo-terminal), with
# nothing else running and then while `docker exec -t yes` floods the same
# container: what the engine itself adds under the flood.
cli_probe() {
	python3 - "$c" "$N" "$1" <<'PY'
import os, pty, select, sys, time
ctr, n, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.execvp("docker", ["docker", "exec", "-it", ctr, "sh"])
def pump(secs):
    end = time.monotonic() + secs
    while (left := end - time.monotonic()) > 0:
        if select.select([fd], [], [], left)[0]:
            os.read(fd, 65536)
pump(1.0)
lat = []
for i in range(n):
    tag, buf, t0 = "q%d" % i, b"", time.monotonic()
    os.write(fd, ("echo %s\r" % tag).encode())
    while ("\n%s\r" % tag).encode() not in buf:
        if not select.select([fd], [], [], 5)[0]:
            break
        buf += os.read(fd, 65536)
    else:
        lat.append((time.monotonic() - t0) * 1000)
    pump(max(0.0, 0.1 - (time.monotonic() - t0)))
os.write(fd, b"exit\r")
lat.sort()
if lat:
    print("%-28s median %6.1f ms  p90 %6.1f ms  max %6.1f ms  (%d of %d)" % (label, lat[len(lat) // 2],
          lat[min(len(lat) - 1, len(lat) * 9 // 10)], lat[-1], len(lat), n))
else:
    print("%-28s no probe answered" % label)
PY
}
if command -v python3 >/dev/null; then
	cli_probe "docker CLI, no flood:"
	script -qc "docker exec -t $c timeout $((N / 10 + 5)) yes" /dev/null </dev/null >/dev/null &
	sleep 1
	cli_probe "docker CLI, flood:"
	wait
else
	echo "(no python3: the docker CLI's latency is not measured)"
fi
exit "$rc"
