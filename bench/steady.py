#!/usr/bin/env python3
# steady.py: the steady-state benchmarks of bench/steady.sh, which starts
# the engine and the container and runs this. The real binaries in
# pseudo-terminals of ROWSxCOLS (the driving is term.py's), side by side:
#   porthole   the console, panel off, scrollback 10000 (--config)
#   tmux       a tmux server (history-limit 10000) with a window per shell,
#              each running `docker exec -it CTR sh`
#   docker     one `docker exec -it CTR sh` per shell, each in a bare pty
#
# S1  10 shells: the time from asking for them (porthole: one Enter and
#     nine C-b c; tmux: nine new-window; docker: nine more CLIs) until ten
#     shells run in the container (found in /proc by the container's
#     cgroup, polled every 2 ms).
# S2  wakeups while idle: with the ten shells open and nothing printing
#     (after 3 s to settle),
#     the context switches (voluntary and not, every thread) of porthole,
#     of the tmux server and client, and of the ten docker CLIs together,
#     over IDLE seconds, all three measured in the same seconds.
# S3  memory: the resident set growth of porthole and of the tmux server
#     after 10,000 lines of 200 characters printed in one shell (each line
#     different, so no program can share them).
#
# usage: steady.py PORTHOLE CONFIG CTR IDLE ROWSxCOLS
import os
import subprocess
import sys
import time

PORTHOLE, CONFIG, CTR = sys.argv[1:4]
IDLE = float(sys.argv[4])
ROWS, COLS = (int(v) for v in sys.argv[5].split("x"))
sys.argv = ["term.py", PORTHOLE, CONFIG, CTR, "1", "1"]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import term  # noqa: E402

SHELLS = 10
LINES = 10000


def shells():
    """The number of sh processes in the container."""
    return sum(1 for c in term.container_procs(CTR).values() if c == "sh")


def wait_shells(n, timeout=30.0):
    end = time.monotonic() + timeout
    while shells() < n:
        if time.monotonic() > end:
            raise term.Timeout("%d shells not running within %g s" % (n, timeout))
        time.sleep(0.002)
    return time.monotonic()


def switches(pid):
    """Context switches of every thread of pid so far."""
    n = 0
    try:
        tasks = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return 0
    for t in tasks:
        try:
            with open("/proc/%d/task/%s/status" % (pid, t)) as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        n += int(line.split()[1])
        except OSError:
            pass
    return n


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def fill(t, marker):
    """LINES lines of 200 characters, each with its number, then a marker."""
    t.write(("i=0; while [ $i -lt %d ]; do i=$((i+1)); printf '%%08d%%0192d\\n' $i $i; done;"
             " echo %s\"\"DONE\r" % (LINES, marker)).encode())
    t.wait_for((marker + "DONE").encode(), 300)
    t.drain(0.5)


class Porthole:
    def __init__(self):
        # The tab bar and the status line take two rows; the list is
        # hidden once the tabs open, so the pane is ROWSxCOLS.
        self.t = term.Term([PORTHOLE, "--config", CONFIG], ROWS + 2, COLS)
        self.t.wait_for(rb"API \d", 15)
        self.t.drain(0.5)
        self.pids = [self.t.pid]

    def open(self):
        self.t.write(b"\r")
        for _ in range(SHELLS - 1):
            self.t.write(b"\x02c")
        self.t.write(b"\x02L")

    def close(self):
        self.t.close()


class Tmux:
    def __init__(self):
        self.sock = "ph-bs-%d" % os.getpid()
        self.t = term.Term(["tmux", "-L", self.sock, "-f", "/dev/null", "new-session", "-s", "s",
                            ";", "set", "-g", "history-limit", str(LINES)], ROWS + 1, COLS)
        self.t.wait_for(rb"\[s\]", 15)
        self.t.drain(0.3)
        self.server = int(self.tmux("display-message", "-p", "#{pid}"))
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}")
        self.pids = [self.server, self.t.pid]

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.sock] + list(args), check=True,
                              capture_output=True, text=True, timeout=10).stdout.strip()

    def open(self):
        # The first window's shell is the host's; the ten are new windows
        # (with history-limit set before they exist), then the first goes.
        for _ in range(SHELLS):
            self.tmux("new-window", "docker exec -it %s sh" % CTR)
        self.tmux("kill-window", "-t", "s:0")

    def close(self):
        subprocess.run(["tmux", "-L", self.sock, "kill-server"], capture_output=True, timeout=10)
        self.t.close()
        try:
            os.unlink(self.socket_path)
        except OSError:
            pass


class Docker:
    def __init__(self):
        self.ts = []
        self.pids = []

    def open(self):
        for _ in range(SHELLS):
            t = term.Term(["docker", "exec", "-it", CTR, "sh"], ROWS, COLS)
            self.ts.append(t)
            self.pids.append(t.pid)

    def drain(self, secs):
        end = time.monotonic() + secs
        while (left := end - time.monotonic()) > 0:
            for t in self.ts:
                t.drain(min(left, 0.05) / len(self.ts))

    def close(self):
        for t in self.ts:
            t.close()


def main():
    print("load average %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    progs = {"porthole": Porthole, "tmux": Tmux, "docker": Docker}
    ready, running = {}, {}
    try:
        for name, cls in progs.items():
            base = shells()
            p = cls()
            t0 = time.monotonic()
            p.open()
            ready[name] = wait_shells(base + SHELLS) - t0
            running[name] = p
            if name != "docker":
                p.t.drain(0.5)
        # S2: all three idle in the same seconds. The ptys are drained
        # before and after; nothing prints meanwhile.
        time.sleep(3)
        before = {n: sum(switches(pid) for pid in p.pids) for n, p in running.items()}
        time.sleep(IDLE)
        idle = {n: sum(switches(pid) for pid in p.pids) - before[n] for n, p in running.items()}
        # S3: 10,000 lines in one shell of porthole's and one of tmux's.
        mem = {}
        for name in ("porthole", "tmux"):
            p = running[name]
            pid = p.pids[0]
            r0 = rss_kb(pid)
            fill(p.t, name.upper())
            mem[name] = (rss_kb(pid) - r0) / 1024.0
    finally:
        for p in running.values():
            p.close()
        term.reap(CTR)
    print("pane %dx%d, %d shells, %d lines of 200 characters" % (COLS, ROWS, SHELLS, LINES))
    print("S1 %d shells running (s)   porthole %.3f   tmux %.3f   docker %.3f   porthole/tmux %s   porthole/docker %s" % (
        SHELLS, ready["porthole"], ready["tmux"], ready["docker"],
        term.ratio(ready["porthole"], ready["tmux"]), term.ratio(ready["porthole"], ready["docker"])))
    print("S2 context switches in %g s idle   porthole %d   tmux server+client %d   %d docker CLIs %d" % (
        IDLE, idle["porthole"], idle["tmux"], SHELLS, idle["docker"]))
    print("S3 resident set growth after %d lines   porthole %.2f MB   tmux server %.2f MB   porthole/tmux %s" % (
        LINES, mem["porthole"], mem["tmux"], term.ratio(mem["porthole"], mem["tmux"])))


if __name__ == "__main__":
    main()
