import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, bench, describe } from "vitest";
import { bareSaxesParse, readAndLint } from "./readers";
import { writeWithFeedWriter } from "./writers";

// Read + lint against a bare saxes parse of the same generated file (10,000 jobs, ~32 MB; never
// committed). bench/feed-benchmarks.ts runs the 100,000-job version with peak RSS.
const JOBS = 10_000;
const dir = mkdtempSync(join(tmpdir(), "indeed-feed-read-bench-"));
const path = join(dir, "feed.xml");

beforeAll(async () => {
  const out = createWriteStream(path);
  await writeWithFeedWriter(JOBS, (chunk) =>
    out.write(chunk) ? undefined : new Promise<void>((resolve) => out.once("drain", () => resolve())),
  );
  await new Promise<void>((resolve) => out.end(() => resolve()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`read ${JOBS} jobs`, () => {
  bench(
    "bare saxes parse (the baseline)",
    async () => {
      await bareSaxesParse(path);
    },
    { iterations: 5, time: 0, warmupIterations: 2, warmupTime: 0 },
  );
  bench(
    "readFeed + FeedLinter, every rule on",
    async () => {
      await readAndLint(path, new Date("2026-11-21T00:00:00Z"));
    },
    { iterations: 5, time: 0, warmupIterations: 2, warmupTime: 0 },
  );
});
