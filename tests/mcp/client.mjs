// client.mjs: porthole mcp driven by the official MCP SDK client against a
// real engine. Prints TAP. The containers come from tests/engine/mcp.sh:
//   PH_MCP_A   running, its hostname its name, SECRET=hunter2 in its env
//   PH_MCP_B   exited with status 7
//   PH_MCP_C   printed numbered lines to stdout and stderr, then waits
//   PH_MCP_HOST the engine's address; PORTHOLE the binary
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawn, execFileSync } from "node:child_process";

const P = process.env.PORTHOLE, HOST = process.env.PH_MCP_HOST;
const A = process.env.PH_MCP_A, B = process.env.PH_MCP_B, C = process.env.PH_MCP_C;
let n = 0, failed = 0;
const ok = (cond, desc, diag) => {
  n++;
  console.log(`${cond ? "ok" : "not ok"} ${n} - ${desc}`);
  if (!cond) {
    failed++;
    if (diag !== undefined) console.log("# " + String(typeof diag === "string" ? diag : JSON.stringify(diag)).slice(0, 2000).replace(/\n/g, "\n# "));
  }
  return cond;
};
const diag = (s) => console.log("# " + s);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const docker = (...args) => execFileSync("docker", ["-H", HOST, ...args], { encoding: "utf8" });
// The processes of a container whose command line contains what.
const procs = (ctr, what) => docker("exec", ctr, "ps", "-o", "pid,args").split("\n").filter((l) => l.includes(what) && !l.includes("ps -o"));
async function goneWithin(ctr, what, ms) {
  const end = Date.now() + ms;
  for (;;) {
    if (procs(ctr, what).length === 0) return true;
    if (Date.now() > end) return false;
    await sleep(100);
  }
}

async function connect(extra = []) {
  // The whole environment (the SDK passes only a few variables), so that a
  // sanitizer build gets its options; stderr into the test's log.
  const transport = new StdioClientTransport({ command: P, args: ["-H", HOST, "mcp", ...extra], env: process.env, stderr: "inherit" });
  const client = new Client({ name: "porthole-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}
const call = (client, name, args, opts) => client.callTool({ name, arguments: args }, undefined, opts);
const text = (r) => (r.content || []).map((c) => c.text).join("\n");

const { client, transport } = await connect();

// ---- lifecycle and the tool list ----
ok(client.getServerVersion()?.name === "porthole", "initialize: the server is porthole", client.getServerVersion());
const tools = (await client.listTools()).tools;
const names = tools.map((t) => t.name).sort();
ok(JSON.stringify(names) === JSON.stringify(["container_info", "exec", "exec_info", "list_containers", "logs",
  "session_close", "session_open", "session_read", "session_resize", "session_send", "session_wait"]),
  "tools/list: the eleven tools", names);
ok(tools.every((t) => t.inputSchema?.type === "object" && t.outputSchema?.type === "object"),
  "every tool has an input schema and an output schema");
ok(tools.every((t) => typeof t.annotations?.readOnlyHint === "boolean" && typeof t.annotations?.destructiveHint === "boolean"),
  "every tool has readOnlyHint and destructiveHint");
ok(tools.find((t) => t.name === "exec").annotations.readOnlyHint === false &&
   tools.find((t) => t.name === "list_containers").annotations.readOnlyHint === true,
  "exec is not read-only, list_containers is");
await client.ping();
ok(true, "ping answers");

// ---- exec ----
let r = await call(client, "exec", { container: A, command: "hostname; hostname" });
ok(r.structuredContent?.stdout === `${A}\n${A}\n`, "a string command runs in the container's shell: hostname twice is the container's name twice", r);
ok(r.isError === false && r.structuredContent.exit_code === 0 && r.structuredContent.encoding === "utf-8", "exit code 0, text output, not an error");
ok(/^[0-9a-f]{64}$/.test(r.structuredContent.exec_id), "the result names the exec");
r = await call(client, "exec", { container: A, command: ["wc", "-l"], stdin: "a\nb\n" });
ok(r.structuredContent?.stdout.trim() === "2", "stdin a\\nb\\n to wc -l gives 2", r);
r = await call(client, "exec", { container: A, command: ["printf", "%s|", "a b", "$HOME", ";c"] });
ok(r.structuredContent?.stdout === "a b|$HOME|;c|", "an argv command goes through no shell", r);
r = await call(client, "exec", { container: A, command: "echo out; echo err >&2; exit 3" });
ok(r.isError === false && r.structuredContent.exit_code === 3, "a non-zero exit is a result, not an error (exit_code 3)", r);
ok(r.structuredContent.stdout === "out\n" && r.structuredContent.stderr === "err\n", "stdout and stderr apart");
r = await call(client, "exec", { container: A, command: ["no-such-command-here"] });
ok(r.isError === false && r.structuredContent.exit_code === 127, "a command that is not there: exit_code 127", r);
r = await call(client, "exec", { container: A, command: "pwd; id -u; echo $K1 $K2", workdir: "/tmp", user: "65534", env: ["K1=one"] });
ok(r.structuredContent?.stdout === "/tmp\n65534\none\n", "workdir, user and env (a list)", r);
r = await call(client, "exec", { container: A, command: "echo $K2", env: { K2: "two words" } });
ok(r.structuredContent?.stdout === "two words\n", "env as an object", r);
r = await call(client, "exec", { container: A, command: "pwd" });
ok(r.structuredContent?.stdout === "/srv\n", "without workdir the container's own working dir (/srv)", r);

r = await call(client, "exec", { container: A, command: "sleep 0.5; stty size; tty; echo e >&2", tty: { rows: 30, cols: 100 } });
ok(/^30 100\r\n\/dev\/pts\/[0-9]+\r\ne\r\n$/.test(r.structuredContent?.stdout || "") && r.structuredContent.stderr === "",
  "tty {rows, cols}: a 30x100 TTY, stderr with stdout", r.structuredContent);

// Bytes that are not UTF-8 come as base64, and go in as base64.
const bytes = Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42, 0x0a]);
r = await call(client, "exec", { container: A, command: ["cat"], stdin_base64: bytes.toString("base64") });
ok(r.structuredContent?.encoding === "base64" && Buffer.from(r.structuredContent.stdout, "base64").equals(bytes),
  "bytes ff fe 41 00 42 0a round-trip through base64", r.structuredContent);
ok(r.structuredContent?.stdout_bytes === 6, "and the count is 6 bytes");

// 10 MB of output: cut and flagged with max_output, whole without.
const big = "head -c 10000000 /dev/zero | tr '\\000' a";
r = await call(client, "exec", { container: A, command: big, max_output: 1000 });
ok(r.structuredContent?.stdout.length === 1000 && r.structuredContent.stdout_truncated === true &&
   r.structuredContent.stdout_bytes === 10000000, "10 MB with max_output 1000: 1000 kept, truncated, 10000000 counted", r.structuredContent && { ...r.structuredContent, stdout: r.structuredContent.stdout.length });
r = await call(client, "exec", { container: A, command: big });
ok(r.structuredContent?.stdout.length === 10000000 && r.structuredContent.stdout_truncated === false, "10 MB without max_output: all of it");

// A timeout stops the process for real.
let t0 = Date.now();
r = await call(client, "exec", { container: A, command: ["sleep", "601"], timeout: 2 });
let took = Date.now() - t0;
ok(r.structuredContent?.timed_out === true && r.structuredContent.stopped === true, "sleep 601 with a 2 s timeout: timed_out and stopped", r);
ok(took >= 1900 && took < 8000, `it returns after about 2 s (${took} ms)`);
ok(procs(A, "sleep 601").length === 0, "and no sleep 601 is left in the container", procs(A, "sleep 601"));
diag(`stop note: ${r.structuredContent?.stop_note}`);

// Progress notifications carry the output so far.
const progress = [];
r = await call(client, "exec", { container: A, command: "for i in 1 2 3; do echo tick $i; sleep 0.4; done" },
  { onprogress: (p) => progress.push(p) });
ok(progress.length >= 2 && progress.some((p) => /tick/.test(p.message || "")), `progress notifications with the output (${progress.length})`, progress);
ok(progress.every((p, i) => i === 0 || p.progress > progress[i - 1].progress), "their progress only grows");

// A cancelled call stops its process.
const ac = new AbortController();
const pending = call(client, "exec", { container: A, command: ["sleep", "602"] }, { signal: ac.signal }).catch((e) => e);
for (let i = 0; i < 50 && procs(A, "sleep 602").length === 0; i++) await sleep(100);
ok(procs(A, "sleep 602").length === 1, "a long call runs (sleep 602 in the container)");
ac.abort();
await pending;
ok(await goneWithin(A, "sleep 602", 6000), "cancelling the request stops it: no sleep 602 left within 6 s", procs(A, "sleep 602"));

// Ten calls at once.
t0 = Date.now();
const many = await Promise.all([...Array(10).keys()].map((i) => call(client, "exec", { container: A, command: `sleep 1; echo n${i}` })));
took = Date.now() - t0;
ok(many.every((m, i) => m.structuredContent?.stdout === `n${i}\n`), "10 exec calls in flight at once each get their own answer");
ok(took < 8000, `concurrently: all ten (1 s each) in ${took} ms`);
diag(`10 concurrent 1 s calls: ${took} ms`);

// Detached, then exec_info.
r = await call(client, "exec", { container: A, command: ["sleep", "2"], detach: true });
const xid = r.structuredContent?.exec_id;
ok(r.structuredContent?.detached === true && /^[0-9a-f]{64}$/.test(xid || ""), "detach returns the exec id at once", r);
r = await call(client, "exec_info", { exec_id: xid });
ok(r.structuredContent?.running === true && r.structuredContent.pid > 0, "exec_info: the detached exec runs, with a pid", r);
await sleep(2500);
r = await call(client, "exec_info", { exec_id: xid });
ok(r.structuredContent?.running === false && r.structuredContent.exit_code === 0, "exec_info: later it exited with 0", r);
r = await call(client, "exec_info", { exec_id: "0".repeat(64) });
ok(r.isError === true && /no such exec/.test(text(r)), "exec_info on an unknown id is an error", r);

// Errors.
r = await call(client, "exec", { container: B, command: ["true"] });
ok(r.isError === true && /not running/.test(text(r)) && /exit code 7/.test(text(r)), "a stopped container: an error with its state and exit code", text(r));
r = await call(client, "exec", { container: "ph-no-such-container", command: ["true"] });
ok(r.isError === true && /no such container: ph-no-such-container/.test(text(r)), "an unknown container: an error naming it", text(r));
r = await call(client, "exec", { container: A, command: 5 });
ok(r.isError === true && /command/.test(text(r)), "a wrong argument type: a tool error", text(r));
r = await call(client, "exec", { container: A, command: ["true"], bogus: 1 });
ok(r.isError === true && /unknown argument "bogus"/.test(text(r)), "an unknown argument: a tool error", text(r));
r = await call(client, "exec", { container: A });
ok(r.isError === true && /"command" is required/.test(text(r)), "a missing argument: a tool error", text(r));
let err = await call(client, "no_such_tool", {}).catch((e) => e);
ok(err instanceof Error && /unknown tool/.test(err.message), "an unknown tool: a JSON-RPC error", String(err));

// ---- the read tools ----
r = await call(client, "list_containers", { all: true, name: "ph-mcp-" });
const listed = (r.structuredContent?.containers || []).map((c) => c.name);
ok([A, B, C].every((x) => listed.includes(x)), "list_containers all with a name filter lists the three", listed);
r = await call(client, "list_containers", { name: "ph-mcp-" });
ok(!r.structuredContent.containers.some((c) => c.name === B), "without all, the stopped one is left out");
r = await call(client, "list_containers", { all: true, label: "ph-mcp-role=a" });
ok(r.structuredContent.containers.length === 1 && r.structuredContent.containers[0].name === A, "a label filter", r.structuredContent);
r = await call(client, "container_info", { container: A });
const env = r.structuredContent?.env || [];
ok(r.structuredContent?.running === true && r.structuredContent.pid > 0, "container_info: running, with its pid", r);
ok(env.includes("SECRET") && !JSON.stringify(r).includes("hunter2"), "environment names only, no values", env);
r = await call(client, "container_info", { container: A, env_values: true });
ok((r.structuredContent?.env || []).includes("SECRET=hunter2"), "values with env_values");
r = await call(client, "container_info", { container: B });
ok(r.isError === false && r.structuredContent.running === false && r.structuredContent.exit_code === 7, "container_info on a stopped one: its exit code", r.structuredContent);
r = await call(client, "logs", { container: C, tail: -1 });
ok(r.structuredContent?.stdout === [...Array(10).keys()].map((i) => `out ${i + 1}\n`).join("") &&
   r.structuredContent.stderr === [...Array(10).keys()].map((i) => `err ${i + 1}\n`).join(""),
  "logs: all of it, stdout and stderr apart", r.structuredContent);
r = await call(client, "logs", { container: C, tail: 2 });
ok((r.structuredContent?.stdout + r.structuredContent?.stderr).split("\n").filter(Boolean).length === 2 &&
   /10\n/.test(r.structuredContent.stdout + r.structuredContent.stderr), "logs tail 2: the last two lines", r.structuredContent);
r = await call(client, "logs", { container: C, stderr: false });
ok(r.structuredContent?.stdout.split("\n").length === 11 && r.structuredContent.stderr === "", "logs: stdout only");

// ---- a TTY session: vi, as a person would use it ----
r = await call(client, "session_open", { container: A, rows: 24, cols: 80 });
const sid = r.structuredContent?.session;
ok(/^s[0-9]+$/.test(sid || "") && r.structuredContent.state === "running", "session_open of the shell gives a session id", r);
r = await call(client, "session_wait", { session: sid, pattern: "[#$]$", timeout: 10 });
ok(r.structuredContent?.matched === "pattern", "session_wait sees the shell's prompt", r.structuredContent);
await call(client, "session_send", { session: sid, text: "vi /tmp/mcp-vi.txt", keys: ["Enter"] });
r = await call(client, "session_wait", { session: sid, pattern: "^~", timeout: 10 });
ok(r.structuredContent?.matched === "pattern", "vi starts: its ~ lines are on the screen", r.structuredContent?.screen);
ok(r.structuredContent.screen.length === 24 && r.structuredContent.screen.filter((l) => l.startsWith("~")).length >= 10,
  "session_read's screen: 24 rows, vi's empty-line marks", r.structuredContent.screen);
await call(client, "session_send", { session: sid, keys: ["i"] });
await call(client, "session_send", { session: sid, text: "hello from an agent", keys: ["Escape"] });
r = await call(client, "session_wait", { session: sid, pattern: "hello from an agent", timeout: 10 });
ok(r.structuredContent?.screen[0].startsWith("hello from an agent"), "the typed text shows on vi's first row", r.structuredContent?.screen);
ok(r.structuredContent.cursor.row === 0, "the cursor is on that row", r.structuredContent.cursor);
// vi reads ESC and a key right after it as one sequence (as a person's
// Alt-key): let the Escape stand alone before typing :wq.
await call(client, "session_wait", { session: sid, quiet_ms: 400, timeout: 5 });
await call(client, "session_send", { session: sid, text: ":wq", keys: ["Enter"] });
r = await call(client, "session_wait", { session: sid, pattern: "[#$]$", timeout: 10 });
ok(r.structuredContent?.matched === "pattern", "after :wq the shell's prompt is back");
r = await call(client, "exec", { container: A, command: ["cat", "/tmp/mcp-vi.txt"] });
ok(r.structuredContent?.stdout === "hello from an agent\n", "and the file holds the text", r.structuredContent);
r = await call(client, "session_resize", { session: sid, rows: 30, cols: 100 });
await call(client, "session_send", { session: sid, text: "stty size", keys: ["Enter"] });
r = await call(client, "session_wait", { session: sid, pattern: "^30 100$", timeout: 10 });
ok(r.structuredContent?.matched === "pattern" && r.structuredContent.rows === 30 && r.structuredContent.cols === 100,
  "session_resize: the TTY is 30x100 (stty size)", r.structuredContent);
await call(client, "session_read", { session: sid, scrolled: true });
await call(client, "session_send", { session: sid, text: "seq 1 200", keys: ["Enter"] });
await call(client, "session_wait", { session: sid, pattern: "^200$", timeout: 10 });
r = await call(client, "session_read", { session: sid, scrolled: true });
ok((r.structuredContent?.scrolled || []).includes("150") && !(r.structuredContent.scrolled || []).includes("2000"),
  "session_read scrolled: the lines that went off the top since the last read", r.structuredContent?.scrolled?.slice(-5));
await call(client, "session_send", { session: sid, text: "sleep 603", keys: ["Enter"] });
for (let i = 0; i < 50 && procs(A, "sleep 603").length === 0; i++) await sleep(100);
r = await call(client, "session_wait", { session: sid, quiet_ms: 300, timeout: 5 });
ok(r.structuredContent?.matched === "quiet", "session_wait quiet_ms: returns once the output is quiet", r.structuredContent?.matched);
await call(client, "session_send", { session: sid, keys: ["C-c"] });
r = await call(client, "session_wait", { session: sid, pattern: "[#$]$", timeout: 5 });
ok(await goneWithin(A, "sleep 603", 3000), "C-c through session_send interrupts sleep 603");
await call(client, "session_send", { session: sid, text: "sleep 604", keys: ["Enter"] });
for (let i = 0; i < 50 && procs(A, "sleep 604").length === 0; i++) await sleep(100);
r = await call(client, "session_close", { session: sid });
ok(r.isError === false && r.structuredContent.stopped === true, "session_close stops its process", r);
ok(await goneWithin(A, "sleep 604", 3000), "nothing the session started is left (sleep 604 gone)", procs(A, "sleep 604"));
r = await call(client, "session_read", { session: sid });
ok(r.isError === true && /no such session/.test(text(r)), "a closed session is gone", text(r));
r = await call(client, "session_send", { session: "s999", text: "x" });
ok(r.isError === true, "session_send to an unknown session is an error");
r = await call(client, "session_send", { session: sid, keys: ["C-NoSuchKey"] }).catch((e) => e);
ok(r.isError === true, "a bad key name is an error");
r = await call(client, "session_open", { container: A, command: ["sh", "-c", "echo bye; exit 5"] });
const s2 = r.structuredContent?.session;
r = await call(client, "session_wait", { session: s2, exit: true, timeout: 10 });
ok(r.structuredContent?.matched === "exit" && r.structuredContent.exit_code === 5 && r.structuredContent.screen[0].startsWith("bye"),
  "session_wait exit: a program that ends gives its exit code and last screen", r.structuredContent);
await call(client, "session_close", { session: s2 });
r = await call(client, "session_open", { container: B });
ok(r.isError === true && /not running/.test(text(r)), "session_open on a stopped container is an error", text(r));

// Closing the client stops what is still running.
const again = call(client, "exec", { container: A, command: ["sleep", "605"] }).catch((e) => e);
for (let i = 0; i < 50 && procs(A, "sleep 605").length === 0; i++) await sleep(100);
await call(client, "session_open", { container: A, command: ["sleep", "606"] });
ok(procs(A, "sleep 605").length === 1 && procs(A, "sleep 606").length === 1, "an exec and a session run when the client goes");
await client.close();
await again;
ok(await goneWithin(A, "sleep 605", 8000) && await goneWithin(A, "sleep 606", 2000),
  "after the client closes the server, neither is left in the container", procs(A, "sleep 60"));

// ---- --read-only and --allow ----
{
  const { client: ro } = await connect(["--read-only"]);
  const t = (await ro.listTools()).tools.map((x) => x.name);
  ok(!t.includes("exec") && !t.includes("session_open") && t.includes("list_containers") && t.includes("logs"),
    "--read-only offers only the read tools", t);
  const e = await call(ro, "exec", { container: A, command: ["true"] }).catch((x) => x);
  ok(e instanceof Error && /read-only/.test(e.message), "--read-only: exec is refused", String(e));
  await ro.close();
}
{
  const { client: al } = await connect(["--allow", C]);
  let x = await call(al, "exec", { container: A, command: ["true"] });
  ok(x.isError === true && /may touch/.test(text(x)), "--allow: another container is refused", text(x));
  x = await call(al, "exec", { container: C, command: ["echo", "fine"] });
  ok(x.structuredContent?.stdout === "fine\n", "--allow: the allowed one runs");
  x = await call(al, "list_containers", { all: true });
  ok(x.structuredContent.containers.length === 1 && x.structuredContent.containers[0].name === C, "--allow: the list shows only it");
  x = await call(al, "container_info", { container: A });
  ok(x.isError === true, "--allow: container_info on another is refused");
  await al.close();
}

// ---- raw protocol: garbage, unknown methods, an old revision ----
// Write lines, wait for `answers` answers (or 10 s), then end stdin.
async function raw(lines, answers) {
  const p = spawn(P, ["-H", HOST, "mcp"], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  p.stdout.on("data", (d) => (out += d));
  for (const l of lines) p.stdin.write(l + "\n");
  for (let i = 0; i < 100 && out.split("\n").filter(Boolean).length < answers; i++) await sleep(100);
  p.stdin.end();
  const code = await new Promise((res) => p.on("close", res));
  return { code, msgs: out.split("\n").filter(Boolean).map((l) => JSON.parse(l)) };
}
{
  const { code, msgs } = await raw([
    "this is not json", "[1,2]", '{"jsonrpc":"1.0","id":1,"method":"ping"}',
    '{"jsonrpc":"2.0","id":2,"method":"no/such"}', '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":[]}',
    '\u0000\u00ff{{{', '{"jsonrpc":"2.0","id":4,"method":"ping"}',
    '{"jsonrpc":"2.0","id":5,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"old","version":"0"}}}',
    '{"jsonrpc":"2.0","id":6,"method":"tools/list"}',
    '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"exec","arguments":{"container":"' + A + '","command":["echo","old"]}}}',
  ], 10);
  const by = (id) => msgs.find((m) => m.id === id);
  ok(msgs.filter((m) => m.error?.code === -32700).length === 2, "garbage lines get parse errors (-32700)", msgs);
  ok(msgs.some((m) => m.error?.code === -32600 && /batch/.test(m.error.message)), "a batch is an invalid request");
  ok(by(1)?.error?.code === -32600, "a wrong jsonrpc version is an invalid request");
  ok(by(2)?.error?.code === -32601, "an unknown method: -32601");
  ok(by(3)?.error?.code === -32602, "params that are not an object: -32602");
  ok(by(4)?.result !== undefined, "and the server still answers a ping after all that");
  ok(by(5)?.result?.protocolVersion === "2024-11-05", "initialize with 2024-11-05 negotiates it");
  ok(by(6)?.result?.tools?.length === 11 && by(6).result.tools.every((t) => !t.outputSchema), "no outputSchema for 2024-11-05");
  const r7 = by(7)?.result;
  ok(r7 && !r7.structuredContent && r7.content.some((c) => /"stdout":"old\\n"/.test(c.text)), "its results carry the JSON as text", r7);
  ok(code === 0, "stdin's end closes the server (status 0)");
}
{
  const { code, msgs } = await raw(['{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1999-01-01","capabilities":{},"clientInfo":{"name":"x","version":"0"}}}'], 1);
  ok(msgs[0]?.result?.protocolVersion === "2025-11-25" && code === 0, "an unknown revision gets the newest", msgs);
}
{
  // The engine unreachable: the server still serves, and says why.
  const p = spawn(P, ["-H", "unix:///nonexistent/docker.sock", "mcp"], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  p.stdout.on("data", (d) => (out += d));
  p.stdin.write('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_containers","arguments":{}}}\n');
  p.stdin.end();
  await new Promise((res) => p.on("close", res));
  const m = out.split("\n").filter(Boolean).map((l) => JSON.parse(l))[0];
  ok(m?.result?.isError === true && /nonexistent/.test(m.result.content[0].text), "an engine that is not there: isError, naming it", m);
}

console.log(`1..${n}`);
if (failed) console.log(`# failed ${failed} of ${n}`);
process.exit(0);
