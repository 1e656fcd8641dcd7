#!/usr/bin/env python3
# console-list.py: how long the console takes to show the full lists of
# several engines (bench/engines.sh runs it). The real binary in a
# pseudo-terminal of ROWSxCOLS (bench/term.py's Term), started with -H for
# each engine; timed from the start until every engine's header row says it
# is up with all its containers ("up  200 containers"). RUNS rounds, the
# median printed in ms. With DOWN set, that address is given too (an engine
# that does not answer) and must show as down meanwhile.
#
# usage: console-list.py PORTHOLE ROWSxCOLS RUNS COUNT HOST... [-- DOWN]
import os
import re
import sys
import time

PORTHOLE, SIZE, RUNS, COUNT = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rest = sys.argv[5:]
down = None
if "--" in rest:
    down = rest[rest.index("--") + 1]
    rest = rest[:rest.index("--")]
HOSTS = rest
ROWS, COLS = (int(v) for v in SIZE.split("x"))
sys.argv = ["term.py", PORTHOLE, "/dev/null", "-", "1", "1"]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import term  # noqa: E402


def once():
    argv = [PORTHOLE, "--config", "/dev/null"]
    for h in HOSTS + ([down] if down else []):
        argv += ["-H", h]
    t0 = time.monotonic()
    t = term.Term(argv, ROWS, COLS)
    try:
        want = len(HOSTS)
        seen = b""
        rx = re.compile(rb"up  %d containers" % COUNT)
        rd = re.compile(rb"down: ")
        end = t0 + 30
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise term.Timeout("not every list within 30 s")
            data = t._read(left)
            seen += data
            if len(rx.findall(seen)) >= want and (down is None or rd.search(seen)):
                return (time.monotonic() - t0) * 1000
    finally:
        t.close()


ms = sorted(once() for _ in range(RUNS))
print("%.1f" % ms[len(ms) // 2])
