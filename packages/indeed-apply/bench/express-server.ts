/**
 * The Express endpoint under benchmark: one tenant, in-memory ats-core stores, an open job
 * "123456". Started by express-endpoint.ts as a child process; prints its port, and its peak RSS
 * when it receives "report" on stdin.
 */

import express from "express";
import { indeedApplyMiddleware } from "../src/express.ts";
import { benchIntake } from "./bench-intake.ts";

const intake = await benchIntake(process.env.BENCH_SECRET ?? "bench api secret");
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
