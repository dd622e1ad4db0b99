/**
 * Possible-duplicate detection at scale (issue 2): one check against 1,000,000 indexed candidates,
 * 100,000 new candidates against 1,000,000, and — as the peer — the naive pairwise scan on
 * 10,000 × 10,000 beside the indexed check of the same sets, in the same run.
 *
 * Run: pnpm --filter @org/ats-core bench:memory   (node --expose-gc, prints one line per result)
 */

import { median } from "../../../scripts/bench-bundle.ts";
import {
  candidateKeys,
  DEFAULT_MATCH_RULES,
  InMemoryCandidateIndex,
  PossibleDuplicateDetector,
} from "../src/index.ts";
import { now, peakRssMb, syntheticCandidate } from "./synthetic.ts";

const INDEXED = Number(process.env.INDEXED ?? 1_000_000);
const NEW = Number(process.env.NEW ?? 100_000);
const PAIRWISE = Number(process.env.PAIRWISE ?? 10_000);

const index = new InMemoryCandidateIndex();
const detector = new PossibleDuplicateDetector({ index });

let start = now();
for (let i = 0; i < INDEXED; i++) {
  const candidate = syntheticCandidate(i);
  index.addSync(candidate.id, detector.keysFor(candidate));
}
console.log(
  `index ${INDEXED.toLocaleString("en")} candidates: ${((now() - start) / 1000).toFixed(1)} s, ${index.size.toLocaleString("en")} keys, peak RSS ${peakRssMb().toFixed(0)} MB`,
);

// New candidates: every 10th shares an e-mail with an indexed one (a real duplicate); the rest are new people.
const fresh = (i: number) => {
  const candidate = syntheticCandidate(INDEXED + i, "n");
  if (i % 10 === 0) candidate.emails = [`user${(i * 7) % INDEXED}@example${((i * 7) % INDEXED) % 97}.co.jp`];
  return candidate;
};

const singles: number[] = [];
for (let i = 0; i < 20_000; i++) {
  const candidate = fresh(i);
  const t = now();
  await detector.check(candidate);
  singles.push((now() - t) * 1000);
}
console.log(
  `check one against ${INDEXED.toLocaleString("en")}: median ${median(singles).toFixed(1)} µs (20,000 checks; goal < 50 µs)`,
);

start = now();
let flagged = 0;
for (let i = 0; i < NEW; i++) if ((await detector.check(fresh(i))).length > 0) flagged++;
const bulkSeconds = (now() - start) / 1000;
console.log(
  `check ${NEW.toLocaleString("en")} new against ${INDEXED.toLocaleString("en")}: ${bulkSeconds.toFixed(2)} s, ${flagged.toLocaleString("en")} flagged, peak RSS ${peakRssMb().toFixed(0)} MB (goals < 10 s, < 2048 MB)`,
);

// Peer: the naive pairwise scan, with keys precomputed so it is the comparison alone that scales.
const left = Array.from({ length: PAIRWISE }, (_, i) => candidateKeys(fresh(i), DEFAULT_MATCH_RULES));
const right = Array.from(
  { length: PAIRWISE },
  (_, i) => new Set(candidateKeys(syntheticCandidate(i), DEFAULT_MATCH_RULES)),
);
start = now();
let naiveMatches = 0;
for (const keys of left) for (const other of right) if (keys.some((key) => other.has(key))) naiveMatches++;
const naiveSeconds = (now() - start) / 1000;

const small = new InMemoryCandidateIndex();
for (let i = 0; i < PAIRWISE; i++)
  small.addSync(`c${i}`, candidateKeys(syntheticCandidate(i), DEFAULT_MATCH_RULES));
start = now();
let indexedMatches = 0;
for (const keys of left) if (small.lookupSync(keys).size > 0) indexedMatches++;
const indexedSeconds = (now() - start) / 1000;
console.log(
  `${PAIRWISE.toLocaleString("en")} × ${PAIRWISE.toLocaleString("en")}: naive pairwise ${naiveSeconds.toFixed(2)} s, indexed ${(indexedSeconds * 1000).toFixed(1)} ms → indexed is ${(naiveSeconds / indexedSeconds).toFixed(0)}× faster (same ${naiveMatches === indexedMatches ? "result" : `MISMATCH ${naiveMatches} vs ${indexedMatches}`})`,
);
