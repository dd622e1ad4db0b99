/*
 * Where the writer's time goes, stage by stage, in one process (so that the machine's noise falls on
 * every stage alike): µs per job of ~3.2 KB for each step FeedWriter takes and for the bare writer's
 * template. Run from packages/indeed-feed:
 *
 *   node --conditions=@org/source --import tsx bench/write-stages.ts
 *
 * Each stage runs over the same 2,000 pre-built jobs, 200,000 times, three rounds; the fastest round is
 * printed (the least disturbed by other processes).
 */

import { fastCheckFeedJob } from "../src/feed-job-fast-check";
import { FeedJobXml } from "../src/feed-job-xml";
import { FEED_ELEMENTS, type FeedJob } from "../src/index";
import { DayFormatter } from "../src/rfc1123";
import { XmlIllegalScanner } from "../src/xml-illegal-scanner";
import { BENCH_ELEMENTS, benchJob } from "./bench-jobs";
import { type BareJob, bareJobXml as bareJob } from "./writers";

/** A benchmark job as the writer sees it once validated (every text the bench sets is there). */
type BenchJob = FeedJob & BareJob;

const jobs = Array.from({ length: 2000 }, (_, i) => benchJob(i) as BenchJob);
const layout = new Set(
  FEED_ELEMENTS.filter(
    (entry) => entry.required || (BENCH_ELEMENTS as readonly string[]).includes(entry.element),
  ).map((entry) => entry.element),
);
const xml = new FeedJobXml(layout, new DayFormatter("Asia/Tokyo"), "<job>\n", "</job>\n");

const scanner = new XmlIllegalScanner();

/** A chunk of jobs as the writer gathers it (flat, as the scan leaves it), and its number of jobs. */
const chunk = (() => {
  let text = "";
  let count = 0;
  while (text.length < 32_768) text += xml.write(jobs[count++]!, undefined);
  return { text: JSON.parse(JSON.stringify(text)) as string, count };
})();

const stages: Record<string, (job: BenchJob, i: number) => unknown> = {
  "FeedWriter: fast validation": (job) => fastCheckFeedJob(job),
  "FeedWriter: layout check": (job) => xml.carriesOutsideLayout(job),
  "FeedWriter: write the elements": (job) => xml.write(job, undefined),
  "FeedWriter: scan a 32 K chunk for XML-illegal characters and `]`, per job": (_job, i) =>
    i % chunk.count === 0 ? scanner.firstIllegal(chunk.text) : 0,
  "FeedWriter: write + Buffer.byteLength": (job) => Buffer.byteLength(xml.write(job, undefined)!),
  "bare: template": bareJob,
  "bare: template + Buffer.byteLength": (job) => Buffer.byteLength(bareJob(job)),
  "both: make the job (bench-jobs.ts)": (job) => benchJob(Number(job.referenceNumber.slice(4))),
};

for (const job of jobs) xml.write(job, undefined); // warm up; flattens the jobs' strings as a real feed's are
const best = new Map<string, number>();
for (let round = 0; round < 3; round++) {
  for (const [name, stage] of Object.entries(stages)) {
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) stage(jobs[i % jobs.length]!, i);
    const micros = ((performance.now() - started) * 1000) / 200_000;
    best.set(name, Math.min(best.get(name) ?? Number.POSITIVE_INFINITY, micros));
  }
}
console.log("| stage | µs per job (best of 3 rounds) |\n|---|---|");
for (const [name, micros] of best) console.log(`| ${name} | ${micros.toFixed(2)} |`);
