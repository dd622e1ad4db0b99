import { bench, describe } from "vitest";
import { writeBare, writeWithFeedWriter, writeWithXmlBuilder } from "./writers";

// Throughput at a size vitest can repeat (10,000 jobs, ~32 MB); bench/feed-benchmarks.ts runs the
// full-size measurements with peak RSS. Run: npx vitest bench --run --project indeed-feed
const JOBS = 10_000;

describe(`write ${JOBS} jobs of ~3 KB`, () => {
  bench(
    "FeedWriter (this package)",
    async () => {
      await writeWithFeedWriter(JOBS);
    },
    { iterations: 5, time: 0, warmupIterations: 2, warmupTime: 0 },
  );
  bench(
    "bare string concatenation (the limit)",
    async () => {
      await writeBare(JOBS);
    },
    { iterations: 5, time: 0, warmupIterations: 2, warmupTime: 0 },
  );
  bench(
    "fast-xml-parser XMLBuilder (the peer)",
    async () => {
      await writeWithXmlBuilder(JOBS);
    },
    { iterations: 5, time: 0, warmupIterations: 2, warmupTime: 0 },
  );
});
