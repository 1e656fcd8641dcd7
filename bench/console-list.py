#!/usr/bin/env python3
# console-list.py: how long the console takes to show the full lists of
# several engines (bench/engines.sh runs it). The real binary in a tmux
# pane of COLSxROWS (a server of its own), started with -H for each
# engine, and at once a filter typed that only the last container of each
# engine's list passes (its name ends in -COUNT-1: the lists are longer
# than any screen, so without it only the first engine's rows would show);
# timed from the start until the pane (capture-pane, polled every 5 ms)
# shows every engine's header saying it is up with all its containers
# ("up  200 containers", cut on a narrow list) and each one's last
# container. The bytes porthole
# writes cannot be searched instead: curses moves equal lines with scroll
# operations. RUNS rounds, the median printed in ms. With DOWN set, that
# address is given too (an engine that does not answer) and its header must
# say it is down.
#
# With BENCH_PROC=1 it also prints, after the median, porthole's peak RSS
# in kB and its open sockets at the end of the last run.
#
# usage: console-list.py PORTHOLE COLSxROWS RUNS COUNT HOST... [-- DOWN]
import os
import re
import shlex
import subprocess
import sys
import time

PORTHOLE, SIZE, RUNS, COUNT = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rest = sys.argv[5:]
down = None
if "--" in rest:
    down = rest[rest.index("--") + 1]
    rest = rest[:rest.index("--")]
HOSTS = rest
COLS, ROWS = (int(v) for v in SIZE.split("x"))
SOCK = "ph-bench-cl-%d" % os.getpid()


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCK, "-f", "/dev/null"] + list(args), check=check,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout


proc = []


def once():
    argv = [PORTHOLE, "--config", "/dev/null"]
    for h in HOSTS + ([down] if down else []):
        argv += ["-H", h]
    cmd = "exec env LANG=C.UTF-8 TERM=tmux-256color " + " ".join(shlex.quote(a) for a in argv)
    last = re.compile(r"^. ph-be-\d+-%d " % (COUNT - 1), re.M)
    try:
        t0 = time.monotonic()
        tmux("respawn-pane", "-k", "-t", "b", cmd)
        tmux("send-keys", "-t", "b", "/-%d" % (COUNT - 1), "Enter")
        s = ""
        while time.monotonic() - t0 < 30:
            s = tmux("capture-pane", "-p", "-t", "b")
            # One engine alone has no header: its last container is enough.
            heads = len(HOSTS) == 1 and down is None or s.count("up  %d contain" % COUNT) >= len(HOSTS)
            if (heads and len(last.findall(s)) >= len(HOSTS)
                    and (down is None or "  down: " in s)):
                took = (time.monotonic() - t0) * 1000
                proc.clear()
                pid = tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip()
                try:
                    hwm = [ln.split()[1] for ln in open("/proc/%s/status" % pid) if ln.startswith("VmHWM:")]
                    socks = sum(1 for f in os.listdir("/proc/%s/fd" % pid)
                                if os.readlink("/proc/%s/fd/%s" % (pid, f)).startswith("socket:"))
                    proc.extend([hwm[0], str(socks)])
                except OSError:
                    pass
                return took
            time.sleep(0.005)
        sys.stderr.write(s)
        raise SystemExit("console-list: not every list on screen within 30 s")
    finally:
        tmux("respawn-pane", "-k", "-t", "b", "sleep 1000")


tmux("new-session", "-d", "-s", "b", "-x", str(COLS), "-y", str(ROWS), "sleep 1000")
try:
    ms = sorted(once() for _ in range(RUNS))
finally:
    tmux("kill-server", check=False)
print("%.1f" % ms[len(ms) // 2] + (" " + " ".join(proc) if os.environ.get("BENCH_PROC") else ""))
