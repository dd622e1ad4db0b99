/**
 * Peak RSS of the intake: one 5 MB application end to end (verify, parse, map, store in memory),
 * and an endless body refused with 413 at the 32 MB default limit (the limit bounds memory: the
 * body is never buffered whole).
 *
 * Run: cd packages/indeed-apply && pnpm run bench:memory
 */
import { createHmac } from "node:crypto";
import { handleIndeedApplication } from "../src/index.ts";
import { benchIntake } from "./bench-intake.ts";
import { syntheticApplication } from "./synthetic-application.ts";

const SECRET = "bench api secret";
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const intake = await benchIntake(SECRET);
console.log(`baseline: peak RSS ${peakRssMb().toFixed(0)} MB`);

const body = new TextEncoder().encode(syntheticApplication(5 * 1024 * 1024));
const signature = createHmac("sha1", SECRET).update(body).digest("base64");
const chunks = async function* () {
  for (let offset = 0; offset < body.length; offset += 64 * 1024)
    yield body.subarray(offset, offset + 64 * 1024);
};
let start = performance.now();
const stored = await handleIndeedApplication(
  { body: chunks(), headers: { "x-indeed-signature": signature } },
  intake,
);
console.log(
  `5 MB application (${body.length} bytes) streamed in 64 KB chunks: ${stored.status} in ${(performance.now() - start).toFixed(0)} ms, peak RSS ${peakRssMb().toFixed(0)} MB`,
);

let sent = 0;
// Fresh chunks (as a socket delivers them), so buffering the whole body would show in RSS.
const endless = async function* () {
  for (;;) {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    sent += chunk.length;
    yield chunk;
  }
};
start = performance.now();
const refused = await handleIndeedApplication(
  { body: endless(), headers: { "x-indeed-signature": signature } },
  intake,
);
console.log(
  `endless body: ${refused.status} after ${(sent / 1024 / 1024).toFixed(1)} MB read (limit 32 MB) in ${(performance.now() - start).toFixed(0)} ms, peak RSS ${peakRssMb().toFixed(0)} MB`,
);
