/**
 * The Express endpoint on loopback under a bounded autocannon run: 10 KB signed applications, each
 * with its own Indeed id and e-mail (so every one is stored, none is a 409), in-memory store.
 * The server runs in a child process so that autocannon does not share its event loop.
 *
 * Run: cd packages/indeed-apply && node --conditions=@org/source --import tsx bench/express-endpoint.ts
 * Env: DURATION (s, default 10), CONNECTIONS (default 10), CPU_PROF=1 (server CPU profile in /tmp/cpuprof).
 */
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { syntheticApplication } from "./synthetic-application.ts";

const SECRET = "bench api secret";
const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);

const child = spawn(
  process.execPath,
  [
    ...(process.env.CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/cpuprof"] : []),
    "--conditions=@org/source",
    "--import",
    "tsx",
    new URL("./express-server.ts", import.meta.url).pathname,
  ],
  {
    env: { ...process.env, BENCH_SECRET: SECRET },
    stdio: ["pipe", "pipe", "inherit"],
  },
);
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
const { port } = JSON.parse((await lines.next()).value as string) as { port: number };

// One 10 KB template; each request gets its own Indeed id, e-mail, name and phone (as real
// applicants do — identical people would all be possible duplicates of each other), then its signature.
const template = syntheticApplication(10 * 1024, "bench-XXXXXXXXXX", 0)
  .replace("taro.0@example.jp", "taro.XXXXXXXXXX@example.jp")
  .replace("山田 太郎 0", "Tester NNNNNNNNNN")
  .replace("090-1234-5678", "090-PPPP-QQQQ");
const LETTERS = "ABCDEFGHIJ";
let counter = 0;
const result = await autocannon({
  url: `http://127.0.0.1:${port}`,
  connections: CONNECTIONS,
  duration: DURATION,
  requests: [
    {
      method: "POST",
      path: "/indeed/applications",
      setupRequest: (request) => {
        const n = String(++counter).padStart(10, "0");
        const body = template
          .replaceAll("XXXXXXXXXX", n)
          .replace(
            "NNNNNNNNNN",
            n.replace(/\d/g, (d) => LETTERS[Number(d)]!),
          )
          .replace("PPPP", n.slice(2, 6))
          .replace("QQQQ", n.slice(6));
        const signature = createHmac("sha1", SECRET).update(body).digest("base64");
        return {
          ...request,
          body,
          headers: { "content-type": "application/json", "x-indeed-signature": signature },
        };
      },
    },
  ],
});
child.stdin!.write("report\n");
const { peakRssMb } = JSON.parse((await lines.next()).value as string) as { peakRssMb: number };

console.log(
  JSON.stringify(
    {
      bodyBytes: Buffer.byteLength(template),
      durationS: DURATION,
      connections: CONNECTIONS,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      status2xx: result["2xx"],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      serverPeakRssMb: Math.round(peakRssMb),
    },
    null,
    2,
  ),
);
