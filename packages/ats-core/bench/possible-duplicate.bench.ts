import { bench, describe } from "vitest";
import { InMemoryCandidateIndex, PossibleDuplicateDetector } from "../src/index.ts";
import { syntheticCandidate } from "./synthetic.ts";

/** One possible-duplicate check against 1,000,000 indexed candidates (issue 2: median under 50 µs). */
const index = new InMemoryCandidateIndex();
const detector = new PossibleDuplicateDetector({ index });
for (let i = 0; i < 1_000_000; i++) {
  const candidate = syntheticCandidate(i);
  index.addSync(candidate.id, detector.keysFor(candidate));
}
let next = 0;

describe("possible duplicates", () => {
  bench("check one candidate against 1,000,000 indexed", async () => {
    await detector.check(syntheticCandidate(1_000_000 + (next++ % 100_000), "n"));
  });
});
