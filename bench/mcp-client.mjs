// mcp-client.mjs N: times porthole mcp through the official MCP SDK client
// (tests/mcp/node_modules): the connect (spawn and initialize), N exec
// calls of `true` one after another, and 5 rounds of 10 at once. Prints
// "connect MS", "seq MEDIAN_MS", "conc10 MEDIAN_MS" lines.
import { Client } from "../tests/mcp/node_modules/@modelcontextprotocol/sdk/dist/esm/client/index.js";
import { StdioClientTransport } from "../tests/mcp/node_modules/@modelcontextprotocol/sdk/dist/esm/client/stdio.js";

const [P, HOST, CTR] = [process.env.PORTHOLE, process.env.PH_ENGINE_HOST, process.env.PH_BENCH_CTR];
const N = Number(process.argv[2] || 20);
const median = (v) => v.sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;

let t0 = now();
const client = new Client({ name: "porthole-bench", version: "1" });
await client.connect(new StdioClientTransport({ command: P, args: ["-H", HOST, "mcp"], stderr: "inherit" }));
console.log(`connect ${(now() - t0).toFixed(1)}`);
const one = async () => {
  const r = await client.callTool({ name: "exec", arguments: { container: CTR, command: ["true"] } });
  if (r.isError || r.structuredContent.exit_code !== 0) throw new Error("exec failed: " + JSON.stringify(r));
};
await one();
const seq = [];
for (let i = 0; i < N; i++) {
  t0 = now();
  await one();
  seq.push(now() - t0);
}
console.log(`seq ${median(seq).toFixed(1)}`);
const conc = [];
for (let i = 0; i < 5; i++) {
  t0 = now();
  await Promise.all([...Array(10)].map(one));
  conc.push(now() - t0);
}
console.log(`conc10 ${median(conc).toFixed(1)}`);
await client.close();
