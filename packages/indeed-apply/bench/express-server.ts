/**
 * The Express endpoint under benchmark: one tenant, in-memory ats-core stores, an open job
 * "123456". Started by express-endpoint.ts as a child process; prints its port, and its peak RSS
 * when it receives "report" on stdin.
 */

import { createInMemoryStores, parseJob } from "@org/ats-core";
import express from "express";
import { indeedApplyMiddleware } from "../src/express.ts";
import { createIndeedApplyIntake } from "../src/index.ts";

const stores = createInMemoryStores();
await stores.jobs.put(
  parseJob({
    id: "123456",
    title: "Test Engineer",
    company: "Your Company",
    location: { country: "JP" },
    status: "open",
    openedAt: new Date("2026-01-01T00:00:00Z"),
    pipeline: [{ id: "new", name: "新規" }],
  }),
);
const intake = await createIndeedApplyIntake({
  apiSecret: process.env.BENCH_SECRET ?? "bench api secret",
  stores,
  account: "bench",
});
const app = express();
app.post("/indeed/applications", indeedApplyMiddleware(intake));
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
process.stdin.on("data", () => {
  console.log(JSON.stringify({ peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  server.close();
  process.exit(0);
});
