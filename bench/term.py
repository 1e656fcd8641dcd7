#!/usr/bin/env python3
# term.py: the end-to-end terminal benchmarks of bench/term.sh, which starts
# the engine and the container and runs this. Each program under test runs
# in a pseudo-terminal of its own whose output this reads (so the program
# never waits on a full pty), at each pane size asked for:
#   porthole   the console, panel off (--config), list hidden after the
#              first tab opens: the window is the pane plus the tab bar and
#              the status line
#   tmux       a tmux client (own server, no config, status line on)
#              attached to a session running `docker exec -it CTR sh`
#   docker     `docker exec -it CTR sh` in a bare pty of the pane's size
# Each first checks the shell's `stty size` is the pane's. After each, what
# it left running in the container is killed.
#
# B1  `seq 1 1000000` then a marker, typed into the shell; wall time from
#     the Enter until the marker is drawn, and the CPU (utime + stime from
#     /proc/PID/stat) the programs used meanwhile.
# B2  key echo latency: KEYS keys typed one by one into `cat >/dev/null`,
#     each timed from its write until its echo comes out of the pty; idle,
#     then again while `yes` floods a background tab (porthole: a second tab;
#     tmux: a second window running docker exec -it CTR yes; docker: a
#     `docker exec -t CTR yes` beside it, drawn nowhere).
#
# usage: term.py PORTHOLE CONFIG CTR KEYS RUNS ROWSxCOLS...
# Prints a table per size (RUNS rounds: medians of B1, B2's keys pooled)
# and porthole's ratios to the others.
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import fcntl
import time

PORTHOLE, CONFIG, CTR, KEYS, RUNS = sys.argv[1:4] + [int(v) for v in sys.argv[4:6]]
SIZES = [tuple(int(v) for v in s.split("x")) for s in sys.argv[6:]]
TICK = os.sysconf("SC_CLK_TCK")
# BENCH_PERF=FILE: `perf record -g` of porthole during its B1 runs.
PERF = os.environ.get("BENCH_PERF")
SEQ_TIMEOUT = 180      # seconds a B1 run may take at most
KEY_TIMEOUT = 3.0      # seconds one key's echo may take at most
# Keys that nothing else on these screens shows (the chrome is lower case
# and punctuation, the container's name too).
PROBE_KEYS = b"QXZWVJKY"


class Timeout(Exception):
    pass


_ctr_ids = {}


def container_procs(ctr):
    """{pid: comm} of the processes in container ctr (by its cgroup, from
    /proc), but its main process."""
    if ctr not in _ctr_ids:
        out = subprocess.run(["docker", "inspect", "-f", "{{.Id}} {{.State.Pid}}", ctr],
                             capture_output=True, text=True, timeout=30).stdout.split()
        if len(out) != 2:
            return {}
        _ctr_ids[ctr] = out
    cid, main = _ctr_ids[ctr]
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or pid == main:
            continue
        try:
            with open("/proc/%s/cgroup" % pid) as f:
                if cid not in f.read():
                    continue
            with open("/proc/%s/comm" % pid) as f:
                procs[int(pid)] = f.read().strip()
        except OSError:
            pass
    return procs


def reap(ctr):
    """Kills what a program under test left running in the container (a
    docker CLI or tmux killed leaves its exec's process behind, and a `yes`
    left running would load every later measurement)."""
    for pid in container_procs(ctr):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def cpu(pid):
    """utime + stime of pid in seconds (None when it is gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


class Term:
    """A program in a pseudo-terminal of ROWSxCOLS; its output is read and
    searched as it comes."""

    def __init__(self, argv, rows, cols, env=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            e = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", **(env or {}))
            os.execvpe(argv[0], argv, e)
        self.bytes = 0

    def write(self, data):
        os.write(self.fd, data)

    def _read(self, timeout):
        if not select.select([self.fd], [], [], max(0.0, timeout))[0]:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            raise Timeout("the program ended")
        if not data:
            raise Timeout("the program ended")
        self.bytes += len(data)
        return data

    def wait_for(self, pattern, timeout):
        """Reads until the regex pattern (bytes) matches the output read
        since the call; returns the time it matched and the match."""
        end = time.monotonic() + timeout
        seen = b""
        rx = re.compile(pattern)
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise Timeout("no %r within %g s" % (pattern, timeout))
            data = self._read(left)
            if data:
                now = time.monotonic()
                seen = seen[-4096:] + data
                m = rx.search(seen)
                if m:
                    return now, m

    def wait_byte(self, byte, timeout):
        """Reads until byte shows in the output; returns the time it did."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise Timeout("no echo of %r within %g s" % (byte, timeout))
            data = self._read(left)
            if byte in data:
                return time.monotonic()

    def drain(self, secs):
        end = time.monotonic() + secs
        while (left := end - time.monotonic()) > 0:
            try:
                self._read(left)
            except Timeout:
                return

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


class Porthole:
    name = "porthole"

    def __init__(self, rows, cols):
        # Panel off by the configuration; the list is hidden (C-b L) once
        # the tab is open: the pane is the window less two rows.
        self.t = Term([PORTHOLE, "--config", CONFIG], rows + 2, cols)
        self.t.wait_for(rb"API \d", 15)
        self.t.drain(0.5)
        self.t.write(b"\r")             # a shell on the selected (only) container
        self.t.wait_for(rb"# ", 15)
        self.t.write(b"\x02L")          # hide the list
        self.t.drain(0.5)
        self.pids = {"porthole": self.t.pid}

    def flood(self):
        self.t.write(b"\x02c")          # a second tab on the same container
        self.t.wait_for(rb"# ", 15)
        self.t.drain(0.3)
        self.t.write(b"yes\r")
        self.t.drain(0.5)
        self.t.write(b"\x020")          # back to the first tab
        self.t.drain(1.0)

    def close(self):
        self.t.close()


class Tmux:
    name = "tmux"

    def __init__(self, rows, cols):
        self.sock = "ph-bt-%d" % os.getpid()
        # The status line takes a row: the client's terminal is one taller.
        self.t = Term(["tmux", "-L", self.sock, "-f", "/dev/null", "new-session", "-s", "b",
                       "docker exec -it %s sh" % CTR], rows + 1, cols)
        self.t.wait_for(rb"# ", 15)
        self.t.drain(0.5)
        server = int(self.tmux("display-message", "-p", "#{pid}"))
        pane = int(self.tmux("display-message", "-p", "-t", "b:0", "#{pane_pid}"))
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}")
        self.pids = {"tmux server": server, "tmux client": self.t.pid, "docker CLI": pane}

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.sock] + list(args), check=True,
                              capture_output=True, text=True, timeout=10).stdout.strip()

    def flood(self):
        self.tmux("new-window", "-d", "docker exec -it %s yes" % CTR)
        self.t.drain(1.0)

    def close(self):
        subprocess.run(["tmux", "-L", self.sock, "kill-server"], capture_output=True, timeout=10)
        self.t.close()
        try:                            # tmux leaves its socket file behind
            os.unlink(self.socket_path)
        except (AttributeError, OSError):
            pass


class Docker:
    name = "docker"

    def __init__(self, rows, cols):
        self.t = Term(["docker", "exec", "-it", CTR, "sh"], rows, cols)
        self.t.wait_for(rb"# ", 15)
        self.t.drain(0.5)
        self.pids = {"docker CLI": self.t.pid}
        self.yes = None

    def flood(self):
        self.yes = subprocess.Popen(["docker", "exec", "-t", CTR, "yes"], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.t.drain(1.0)

    def close(self):
        if self.yes:
            self.yes.kill()
            self.yes.wait()
        self.t.close()


def stty_size(p):
    """The shell's `stty size` as drawn, "ROWSxCOLS"."""
    p.t.write(b"echo SIZE-$(stty size | tr ' ' x)-END\r")
    m = p.t.wait_for(rb"SIZE-(\d+)x(\d+)-END", 10)[1]
    return "%sx%s" % (m.group(1).decode(), m.group(2).decode())


def b1(p):
    """seq 1 1000000 and a marker: (wall s, {process: cpu s})."""
    p.t.drain(0.3)
    p.t.write(b'seq 1 1000000; echo ENDMA""RK')
    p.t.drain(0.3)
    rec = None
    if PERF and p.name == "porthole":
        rec = subprocess.Popen(["perf", "record", "-q", "-g", "-o", PERF, "-p",
                                str(p.t.pid)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        time.sleep(0.5)
    before = {k: cpu(v) for k, v in p.pids.items()}
    t0 = time.monotonic()
    p.t.write(b"\r")
    t1 = p.t.wait_for(rb"ENDMARK", SEQ_TIMEOUT)[0]
    after = {k: cpu(v) for k, v in p.pids.items()}
    if rec is not None:
        rec.send_signal(signal.SIGINT)
        rec.wait()
    p.t.drain(0.5)
    used = {k: (after[k] - before[k]) if before[k] is not None and after[k] is not None else None
            for k in p.pids}
    return t1 - t0, used


def b2(p):
    """KEYS keys into cat: sorted latencies in ms, and the count that timed out."""
    p.t.write(b"cat >/dev/null\r")
    p.t.drain(0.5)
    lat, lost = [], 0
    for i in range(KEYS):
        if i and i % 50 == 0:
            p.t.write(b"\r")
            p.t.drain(0.05)
        k = PROBE_KEYS[i % len(PROBE_KEYS):][:1]
        t0 = time.monotonic()
        p.t.write(k)
        try:
            lat.append((p.t.wait_byte(k, KEY_TIMEOUT) - t0) * 1000)
        except Timeout:
            lost += 1
        p.t.drain(0.01 + (i % 7) * 0.003)
    p.t.write(b"\x03")
    p.t.drain(0.3)
    lat.sort()
    return lat, lost


def pct(v, q):
    return v[min(len(v) - 1, int(len(v) * q))] if v else float("nan")


def ratio(a, b):
    return "%.2fx" % (a / b) if a is not None and b else "-"


def median(v):
    v = sorted(x for x in v if x is not None)
    if not v:
        return None
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def run_size(rows, cols):
    """RUNS rounds of every program, the order turned by one each round so
    that a change in the machine's load does not always hit the same one:
    per program the B1 walls and CPU times of each round and the B2
    latencies of all rounds together."""
    progs = (Porthole, Tmux, Docker)
    res = {c.name: {"stty": "?", "wall": [], "cpu": {}, "idle": ([], 0), "flood": ([], 0), "error": None}
           for c in progs}
    for n in range(RUNS):
        for cls in progs[n % 3:] + progs[:n % 3]:
            r, p = res[cls.name], None
            try:
                p = cls(rows, cols)
                r["stty"] = stty_size(p)
                wall, used = b1(p)
                r["wall"].append(wall)
                for k, v in used.items():
                    r["cpu"].setdefault(k, []).append(v)
                for what in ("idle", "flood"):
                    if what == "flood":
                        p.flood()
                    lat, lost = b2(p)
                    r[what] = (sorted(r[what][0] + lat), r[what][1] + lost)
            except (Timeout, OSError, subprocess.SubprocessError, ValueError) as e:
                r["error"] = str(e)
            finally:
                if p:
                    p.close()
                reap(CTR)
    for r in res.values():
        r["wall"] = median(r["wall"])
        r["cpu"] = {k: median(v) for k, v in r["cpu"].items()}
    return res


def fmt_cpu(c):
    return ", ".join("%s %.2f s" % (k, v) for k, v in c.items() if v is not None) or "-"


def report(rows, cols, res):
    print("\n== pane %dx%d (stty size inside: %s)" % (cols, rows, ", ".join(
        "%s %s" % (n, "x".join(reversed(r["stty"].split("x"))) if r["stty"] != "?" else "?")
        for n, r in res.items())))
    for n, r in res.items():
        if r["error"]:
            print("   %s: stopped early: %s" % (n, r["error"]))
    print("B1 seq 1 1000000 until the marker is drawn (median of %d)" % RUNS)
    print("   %-10s %8s   %s" % ("", "wall", "CPU meanwhile"))
    for n, r in res.items():
        print("   %-10s %8s   %s" % (n, "%.2f s" % r["wall"] if r["wall"] else "-", fmt_cpu(r["cpu"])))
    print("B2 key echo latency, %d keys x %d (ms)" % (KEYS, RUNS))
    print("   %-10s %-28s %s" % ("", "idle p50 / p99 / max", "yes in a background tab p50 / p99 / max"))
    for n, r in res.items():
        cells = []
        for what in ("idle", "flood"):
            lat, lost = r[what]
            s = "%.2f / %.2f / %.2f" % (pct(lat, 0.5), pct(lat, 0.99), lat[-1]) if lat else "-"
            if lost:
                s += " (%d lost)" % lost
            cells.append(s)
        print("   %-10s %-28s %s" % (n, cells[0], cells[1]))
    ph, tm, dk = res["porthole"], res["tmux"], res["docker"]
    ph_cpu = ph["cpu"].get("porthole")
    print("ratios (target in brackets)")
    print("   B1 CPU porthole / tmux server     %s  [<= 0.8]" % ratio(ph_cpu, tm["cpu"].get("tmux server")))
    print("   B1 wall porthole / tmux + CLI     %s  [<= 0.9]" % ratio(ph["wall"], tm["wall"]))
    print("   B1 wall porthole / bare CLI       %s  [<= 1.15]" % ratio(ph["wall"], dk["wall"]))
    p50 = lambda r, w: pct(r[w][0], 0.5) if r[w][0] else None
    print("   B2 idle p50 porthole / docker -it %s  [<= 1.3]" % ratio(p50(ph, "idle"), p50(dk, "idle")))
    print("   B2 idle p50 porthole / tmux       %s" % ratio(p50(ph, "idle"), p50(tm, "idle")))
    fl = ph["flood"][0]
    print("   B2 flood p99 porthole             %s  [<= 10 ms]" % ("%.2f ms" % pct(fl, 0.99) if fl else "-"))


def main():
    print("load average %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    for rows, cols in SIZES:
        report(rows, cols, run_size(rows, cols))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
