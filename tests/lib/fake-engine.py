#!/usr/bin/env python3
"""fake-engine.py: a small Docker-Engine-API-shaped server on a unix socket
that misbehaves on purpose, for the tests of how porthole copes with a broken
or hostile engine (python3 standard library only).

    python3 fake-engine.py SOCKET MODE[@TARGET]

The socket appears (atomically, by rename) once the server listens; the
server runs until killed (SIGTERM or SIGINT) and removes the socket then.
Every request is logged on stderr as "fake-engine: METHOD PATH -> WHAT".

Without a misbehaviour (MODE sane) it answers like a tiny engine: GET /_ping
(with Api-Version: 1.41 and Server: Docker/20.10.24 (linux)), /version,
/containers/json (one running container, "ph-fake"; any name or id prefix
of it works for inspect), /containers/ID/json, exec create, start (hijacked
with a 101 and multiplexed frames, or raw with a TTY), inspect and resize,
and a GET /events stream that stays open. The exec process "runs" the
command: true exits 0, false exits 1, cat echoes stdin until its EOF,
anything else prints "fake: CMD" and exits 0.

MODE picks what goes wrong, on the requests TARGET names (default: as listed
below; "api" is every request except /_ping):

  garbage     random bytes (some of them escape sequences) instead of an
              HTTP answer, then close                        [api]
  truncated   200 with Content-Length: 1000, 10 bytes of the body, close [api]
  oversize    200 with a JSON body of 200 MB of the right shape (a list
              of containers, or an object with a huge field), streamed as
              fast as it is read or at $FAKE_OVERSIZE_RATE bytes a second,
              for at most $FAKE_OVERSIZE_SECONDS (default 10) seconds, then
              close                                          [api]
  slow        accepts the request and never answers         [api]
  badjson     200 with {"Id": [                              [api]
  wrongshape  200 with "just a string" for a list, [] for an inspect or
              an exec create                                 [api]
  httperror   500 with a plain-text body holding escape sequences
              (ESC ] 0;x BEL ESC [2J)                        [api]
  noapi       /_ping answers 200 without Api-Version         [ping]
  badupgrade  exec start: 101, then a frame whose stream byte is 7 [start]
  badupgrade-200    exec start: HTTP/1.1 200 OK, then garbage     [start]
  badupgrade-cut    exec start: 101, a frame cut in the middle, close [start]
  badevents   /events: malformed lines between valid events, one line of
              2 MB, an event naming a container with escape sequences;
              /containers/json lists the containers whose events were
              sent so far                                    [events]
  sane        nothing goes wrong

TARGET is one of api, ping, version, list, inspect, create, start,
execinspect, resize, events: e.g. slow@start never answers exec start but
answers everything before it, garbage@create answers exec create with
garbage. Outside the target everything is sane, so an exec gets as far as
the request under test.
"""

import json
import os
import random
import signal
import socket
import socketserver
import sys
import threading
import time

API = "1.41"
SERVER = "Docker/20.10.24 (linux)"
MB = 1024 * 1024

MODES = {
    "sane": None,
    "garbage": "api",
    "truncated": "api",
    "oversize": "api",
    "slow": "api",
    "badjson": "api",
    "wrongshape": "api",
    "httperror": "api",
    "noapi": "ping",
    "badupgrade": "start",
    "badupgrade-200": "start",
    "badupgrade-cut": "start",
    "badevents": "events",
}
KINDS = ("api", "ping", "version", "list", "inspect", "create", "start",
         "execinspect", "resize", "events")

HOSTILE = "\033]0;x\007\033[2J"


def log(msg):
    sys.stderr.write("fake-engine: %s\n" % msg)
    sys.stderr.flush()


def cid(name):
    """A stable 64-hex container id for a name."""
    h = 0
    for ch in name.encode():
        h = (h * 131 + ch) & ((1 << 64) - 1)
    return ("%016x" % h) * 4


class State:
    """The engine's containers and exec instances (shared by the threads)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.containers = {}   # id -> dict(name, image, state, status, exit)
        self.execs = {}        # id -> dict(cmd, tty, stdin, running, exit, cid)
        self.nexec = 0

    def add(self, name, image="porthole-test:busybox", state="running", status="Up 2 seconds",
            exit_code=0):
        with self.lock:
            self.containers[cid(name)] = dict(name=name, image=image, state=state,
                                              status=status, exit=exit_code, created=1700000000)

    def find(self, ref):
        with self.lock:
            for i, c in self.containers.items():
                if ref in (c["name"], "/" + c["name"]) or (len(ref) >= 4 and i.startswith(ref)):
                    return i, dict(c)
        return None, None

    def listing(self):
        with self.lock:
            out = []
            for i, c in sorted(self.containers.items(), key=lambda kv: kv[1]["name"]):
                out.append({"Id": i, "Names": ["/" + c["name"]], "Image": c["image"],
                            "ImageID": "sha256:" + "0" * 64, "Command": "sleep 1000000",
                            "Created": c["created"], "State": c["state"], "Status": c["status"],
                            "Ports": [], "Labels": {}})
            return out


class Handler(socketserver.StreamRequestHandler):
    # ---- plumbing ----

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.request.sendall(data)

    def answer(self, status, body=b"", ctype="application/json", extra=()):
        if isinstance(body, str):
            body = body.encode()
        reason = {101: "UPGRADED", 200: "OK", 201: "Created", 204: "No Content",
                  404: "Not Found", 500: "Internal Server Error"}.get(status, "Status")
        head = ["HTTP/1.1 %d %s" % (status, reason),
                "Api-Version: %s" % API,
                "Server: %s" % SERVER,
                "Docker-Experimental: false",
                "Ostype: linux",
                "Date: %s" % time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())]
        if ctype:
            head.append("Content-Type: %s" % ctype)
        head.extend(extra)
        if status != 101:
            head.append("Content-Length: %d" % len(body))
            head.append("Connection: close")
        self.send("\r\n".join(head).encode() + b"\r\n\r\n" + body)

    def json_answer(self, status, obj):
        self.answer(status, json.dumps(obj) + "\n")

    def read_request(self):
        line = self.rfile.readline(65537)
        if not line:
            return False
        parts = line.decode("latin-1").rstrip("\r\n").split(" ")
        if len(parts) != 3:
            return False
        self.method, self.target = parts[0], parts[1]
        self.headers = {}
        while True:
            h = self.rfile.readline(65537)
            if not h or h in (b"\r\n", b"\n"):
                break
            k, _, v = h.decode("latin-1").partition(":")
            self.headers[k.strip().lower()] = v.strip()
        n = int(self.headers.get("content-length", "0") or "0")
        self.body = self.rfile.read(n) if n > 0 else b""
        path = self.target.split("?", 1)[0]
        if path.startswith("/v1.") or path.startswith("/v2."):
            path = "/" + path.split("/", 2)[2] if path.count("/") >= 2 else "/"
        self.path_only = path
        return True

    def kind(self):
        p = self.path_only.rstrip("/")
        seg = p.split("/")
        if p == "/_ping":
            return "ping"
        if p == "/version":
            return "version"
        if p == "/events":
            return "events"
        if p == "/containers/json":
            return "list"
        if len(seg) == 4 and seg[1] == "containers" and seg[3] == "json":
            return "inspect"
        if len(seg) == 4 and seg[1] == "containers" and seg[3] == "exec":
            return "create"
        if len(seg) == 4 and seg[1] == "exec":
            return {"start": "start", "json": "execinspect", "resize": "resize"}.get(seg[3], "other")
        return "other"

    def handle(self):
        try:
            if not self.read_request():
                return
            k = self.kind()
            mode, target = self.server.mode, self.server.target
            hit = mode != "sane" and (target == k or (target == "api" and k != "ping"))
            log("%s %s -> %s" % (self.method, self.target, mode if hit else "ok"))
            if hit:
                getattr(self, "bad_" + mode.replace("-", "_"))(k)
            else:
                getattr(self, "ok_" + k, self.ok_other)()
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception as e:  # keep serving; say what went wrong
            log("handler error: %r" % (e,))

    # ---- a sane engine ----

    def ok_ping(self):
        self.answer(200, "OK", ctype="text/plain; charset=utf-8",
                    extra=("Builder-Version: 2", "Cache-Control: no-cache, no-store, must-revalidate",
                           "Pragma: no-cache"))

    def ok_version(self):
        self.json_answer(200, {"Version": "20.10.24", "ApiVersion": API, "MinAPIVersion": "1.12",
                               "Os": "linux", "Arch": "amd64",
                               "Platform": {"Name": "Docker Engine - Community"}})

    def ok_list(self):
        self.json_answer(200, self.server.state.listing())

    def ok_inspect(self):
        ref = self.path_only.split("/")[2]
        i, c = self.server.state.find(ref)
        if i is None:
            self.json_answer(404, {"message": "No such container: %s" % ref})
            return
        running = c["state"] == "running"
        self.json_answer(200, {
            "Id": i, "Name": "/" + c["name"], "Image": "sha256:" + "0" * 64,
            "Created": "2023-11-14T22:13:20.000000000Z", "Path": "sleep", "Args": ["1000000"],
            "State": {"Status": c["state"], "Running": running, "Paused": False,
                      "Restarting": False, "OOMKilled": False, "Dead": False,
                      "Pid": 4242 if running else 0, "ExitCode": c["exit"], "Error": "",
                      "StartedAt": "2023-11-14T22:13:21.000000000Z",
                      "FinishedAt": "0001-01-01T00:00:00Z"},
            "ExecIDs": None,
            "Config": {"Hostname": i[:12], "User": "", "Tty": False, "Env": ["PATH=/bin"],
                       "Cmd": ["sleep", "1000000"], "Image": c["image"], "WorkingDir": "",
                       "Entrypoint": None}})

    def ok_create(self):
        ref = self.path_only.split("/")[2]
        i, c = self.server.state.find(ref)
        if i is None:
            self.json_answer(404, {"message": "No such container: %s" % ref})
            return
        try:
            cfg = json.loads(self.body or b"{}")
        except ValueError:
            self.json_answer(400, {"message": "bad exec config"})
            return
        st = self.server.state
        with st.lock:
            st.nexec += 1
            xid = ("%08x" % st.nexec) * 8
            st.execs[xid] = dict(cmd=list(cfg.get("Cmd") or []), tty=bool(cfg.get("Tty")),
                                 stdin=bool(cfg.get("AttachStdin")), running=False,
                                 started=False, exit=None, cid=i)
        self.json_answer(201, {"Id": xid})

    def exec_of(self):
        xid = self.path_only.split("/")[2]
        with self.server.state.lock:
            return xid, self.server.state.execs.get(xid)

    def ok_execinspect(self):
        xid, x = self.exec_of()
        if x is None:
            self.json_answer(404, {"message": "No such exec instance: %s" % xid})
            return
        self.json_answer(200, {
            "ID": xid, "ContainerID": x["cid"], "Running": x["running"],
            "ExitCode": x["exit"], "Pid": 4343 if x["running"] else 0,
            "OpenStdin": x["stdin"], "OpenStdout": True, "OpenStderr": True,
            "CanRemove": False, "DetachKeys": "",
            "ProcessConfig": {"tty": x["tty"], "entrypoint": x["cmd"][0] if x["cmd"] else "",
                              "arguments": x["cmd"][1:], "privileged": False}})

    def ok_resize(self):
        self.answer(201, b"", ctype=None)

    def ok_other(self):
        self.json_answer(404, {"message": "page not found"})

    def frame(self, stream, data, tty):
        if isinstance(data, str):
            data = data.encode()
        if tty:
            return data
        return bytes([stream, 0, 0, 0]) + len(data).to_bytes(4, "big") + data

    def upgrade_head(self, tty):
        ctype = "application/vnd.docker.raw-stream" if tty else \
            "application/vnd.docker.multiplexed-stream"
        self.answer(101, b"", ctype=ctype, extra=("Connection: Upgrade", "Upgrade: tcp"))

    def start_exec(self):
        """The exec start request: 404 or the exec's record (now running)."""
        xid, x = self.exec_of()
        if x is None:
            self.json_answer(404, {"message": "No such exec instance: %s" % xid})
            return None, None
        with self.server.state.lock:
            x["running"] = x["started"] = True
        return xid, x

    def end_exec(self, x, code):
        with self.server.state.lock:
            x["running"] = False
            x["exit"] = code

    def ok_start(self):
        xid, x = self.start_exec()
        if x is None:
            return
        try:
            detach = json.loads(self.body or b"{}").get("Detach")
        except ValueError:
            detach = False
        if detach:
            self.end_exec(x, 0)
            self.answer(200, b"", ctype=None)
            return
        tty = x["tty"]
        self.upgrade_head(tty)
        cmd = x["cmd"]
        code = 0
        if cmd[:1] == ["true"]:
            pass
        elif cmd[:1] == ["false"]:
            code = 1
        elif cmd[:1] == ["cat"]:
            while True:
                data = self.rfile.read1(65536)
                if not data:
                    break
                self.send(self.frame(1, data, tty))
        else:
            self.send(self.frame(1, "fake: %s\n" % " ".join(cmd), tty))
        self.end_exec(x, code)
        self.request.shutdown(socket.SHUT_RDWR)

    def events_head(self):
        self.send("HTTP/1.1 200 OK\r\nApi-Version: %s\r\nServer: %s\r\n"
                  "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                  % (API, SERVER))

    def chunk(self, data):
        if isinstance(data, str):
            data = data.encode()
        if data:
            self.send(b"%x\r\n" % len(data) + data + b"\r\n")

    def wait_client_gone(self):
        try:
            while self.rfile.read1(4096):
                pass
        except OSError:
            pass

    def ok_events(self):
        self.events_head()
        self.wait_client_gone()

    # ---- misbehaviours ----

    def bad_garbage(self, k):
        rng = random.Random(len(self.target))
        junk = bytes(rng.randrange(256) for _ in range(4096))
        self.send(b"\x16\x03\x01\x02\x00" + HOSTILE.encode() + b"\x00\xff" + junk)
        self.request.shutdown(socket.SHUT_RDWR)

    def bad_truncated(self, k):
        self.send("HTTP/1.1 200 OK\r\nApi-Version: %s\r\nServer: %s\r\n"
                  "Content-Type: application/json\r\nContent-Length: 1000\r\n"
                  "Connection: close\r\n\r\n"
                  '[{"Id": "0' % (API, SERVER))
        self.request.shutdown(socket.SHUT_RDWR)

    def bad_oversize(self, k):
        # A body of the right shape (a list of containers, or one object
        # with a huge field), so that only its size can make it wrong.
        total = 200 * MB
        secs = float(os.environ.get("FAKE_OVERSIZE_SECONDS", "10"))
        rate = float(os.environ.get("FAKE_OVERSIZE_RATE", "0"))
        big = "x" * 65536
        if k in ("list", "events"):
            item = json.dumps({"Id": cid("ph-big"), "Names": ["/ph-big"], "Image": "big",
                               "State": "running", "Status": "Up", "Command": big,
                               "Created": 1700000000}).encode()
            head, tail = b"[", b"]"
        else:
            obj = {"Id": cid("ph-fake"), "ID": cid("ph-fake"), "Name": "/ph-fake",
                   "State": {"Status": "running", "Running": True, "Pid": 4242, "ExitCode": 0},
                   "Config": {"Image": "big", "Cmd": ["sleep", "1000000"]},
                   "Running": False, "ExitCode": 0}
            head = json.dumps(obj)[:-1].encode() + b', "Padding": ['
            item = json.dumps(big).encode()
            tail = b"]}"
        self.send("HTTP/1.1 200 OK\r\nApi-Version: %s\r\nServer: %s\r\n"
                  "Content-Type: application/json\r\nContent-Length: %d\r\n"
                  "Connection: close\r\n\r\n" % (API, SERVER, total))
        # head item ("," item)* spaces tail: exactly total bytes.
        block = b",".join([item] * 16) + b","
        start = time.monotonic()
        deadline = start + secs
        self.send(head)
        sent = len(head)
        while sent + len(block) + len(item) + len(tail) < total:
            if time.monotonic() >= deadline:
                log("oversize: time is up after %d bytes of %d" % (sent, total))
                self.request.shutdown(socket.SHUT_RDWR)
                return
            self.send(block)
            sent += len(block)
            if rate > 0:
                ahead = (sent - len(head)) / rate - (time.monotonic() - start)
                if ahead > 0:
                    time.sleep(ahead)
        self.send(item + b" " * (total - sent - len(item) - len(tail)) + tail)
        log("oversize: sent all %d bytes" % total)
        self.request.shutdown(socket.SHUT_RDWR)

    def bad_slow(self, k):
        # Read whatever comes (so the client's send completes) and never
        # answer; the client gives up and closes.
        self.wait_client_gone()

    def bad_badjson(self, k):
        self.answer(200, '{"Id": [')

    def bad_wrongshape(self, k):
        if k in ("list", "version", "events"):
            self.answer(200, '"just a string"')
        else:
            self.answer(200 if k != "create" else 201, "[]")

    def bad_httperror(self, k):
        self.answer(500, "engine trouble " + HOSTILE + " oh no\n", ctype="text/plain")

    def bad_noapi(self, k):
        self.send("HTTP/1.1 200 OK\r\nServer: %s\r\nContent-Type: text/plain\r\n"
                  "Content-Length: 2\r\nConnection: close\r\n\r\nOK" % SERVER)

    def prologue(self, x):
        """Some good output first: cat echoes its first piece of stdin."""
        if x["cmd"][:1] == ["cat"] and x["stdin"]:
            data = self.rfile.read1(65536)
            if data:
                self.send(self.frame(1, data, False))
                return
        self.send(self.frame(1, "before the bad frame\n", False))

    def bad_badupgrade(self, k):
        xid, x = self.start_exec()
        if x is None:
            return
        self.upgrade_head(False)
        self.prologue(x)
        self.send(bytes([7, 0, 0, 0, 0, 0, 0, 5]) + b"oops\n")
        self.send(self.frame(1, "after the bad frame\n", False))
        self.end_exec(x, 0)
        self.request.shutdown(socket.SHUT_RDWR)

    def bad_badupgrade_200(self, k):
        xid, x = self.start_exec()
        if x is None:
            return
        rng = random.Random(7)
        self.send("HTTP/1.1 200 OK\r\nApi-Version: %s\r\nServer: %s\r\n\r\n" % (API, SERVER))
        self.send(HOSTILE.encode() + bytes(rng.randrange(256) for _ in range(512)))
        self.end_exec(x, 0)
        self.request.shutdown(socket.SHUT_RDWR)

    def bad_badupgrade_cut(self, k):
        xid, x = self.start_exec()
        if x is None:
            return
        self.upgrade_head(False)
        self.prologue(x)
        self.send(bytes([1, 0, 0, 0, 0, 0, 0x10, 0]) + b"half of a 4096-byte frame")
        self.end_exec(x, 0)
        self.request.shutdown(socket.SHUT_RDWR)

    def bad_badevents(self, k):
        st = self.server.state
        self.events_head()
        now = int(time.time())
        seq = [0]

        def event(action, name, extra=None, image="porthole-test:busybox"):
            seq[0] += 1
            attrs = {"image": image, "name": name}
            attrs.update(extra or {})
            return json.dumps({"status": action, "id": cid(name), "from": image,
                               "Type": "container", "Action": action,
                               "Actor": {"ID": cid(name), "Attributes": attrs},
                               "scope": "local", "time": now,
                               "timeNano": now * 1000000000 + seq[0]}) + "\n"

        def valid(action, name, state, status, exit_code=0, extra=None):
            # The engine's list reflects the event before it is sent.
            if action == "create":
                st.add(name, state="created", status="Created")
            else:
                st.add(name, state=state, status=status, exit_code=exit_code)
            self.chunk(event(action, name, extra))
            time.sleep(0.05)

        def junk(line):
            self.chunk(line)
            time.sleep(0.05)

        time.sleep(0.3)
        junk("this is not json\n")
        valid("create", "ph-ev-alpha", None, None)
        junk('{"Type": "container", "Action": "start", "Actor": {"ID": \n')
        valid("start", "ph-ev-alpha", "running", "Up Less than a second")
        junk(b"\x00\x01\x1b[2J\x1b]0;pwned\x07\xff\xfe garbage\n")
        junk('{"Action": "start"}\n')
        junk('["an", "array"]\n')
        junk('{"Type": "container", "Action": "die", "Actor": {"ID": 42}}\n')
        valid("create", "ph-ev-beta", None, None)
        valid("start", "ph-ev-beta", "running", "Up Less than a second")
        junk('{"Type": "container", "Action": "start", "Actor": {"ID": "%s", '
             '"Attributes": {"name": "ph-ev-half"' % cid("ph-ev-half"))
        junk("\n")
        valid("die", "ph-ev-beta", "exited", "Exited (3) Less than a second ago", 3,
              {"exitCode": "3"})
        # One line of 2 MB: a well-formed event with a huge attribute, sent
        # in 64 KiB chunks. Its container is not in any listing.
        big = event("start", "ph-ev-huge", {"label": "L" * (2 * MB)})
        for i in range(0, len(big), 65536):
            self.chunk(big[i:i + 65536])
        time.sleep(0.05)
        junk("}}}}\n")
        valid("start", "ph-ev-gamma", "running", "Up Less than a second")
        valid("start", "ph-ev-esc" + HOSTILE, "running", "Up Less than a second")
        junk("\n\n\n")
        log("badevents: all events sent")
        self.wait_client_gone()


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: fake-engine.py SOCKET MODE[@TARGET]\n")
        return 2
    path, spec = sys.argv[1], sys.argv[2]
    mode, _, target = spec.partition("@")
    if mode not in MODES or (target and target not in KINDS):
        sys.stderr.write("fake-engine.py: unknown mode %r (modes: %s; targets: %s)\n"
                         % (spec, ", ".join(MODES), ", ".join(KINDS)))
        return 2
    tmp = path + ".tmp"
    for p in (path, tmp):
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass
    srv = Server(tmp, Handler)
    srv.mode = mode
    srv.target = target or MODES[mode]
    srv.state = State()
    srv.state.add("ph-fake")
    if mode == "badevents":
        srv.state.add("ph-ev-base")

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    os.rename(tmp, path)  # appears only once it listens
    log("listening on %s, mode %s, target %s" % (path, mode, srv.target))
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
