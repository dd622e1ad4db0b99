/*
 * The speed and memory benchmarks, at full size, each measurement in its own child process so
 * that peak RSS belongs to one writer or reader alone. Run from packages/indeed-feed:
 *
 *   node --conditions=@org/source --import tsx bench/feed-benchmarks.ts
 *
 * It generates its data (never committed) in the OS temp directory and deletes it afterwards; prints a
 * Markdown report. Each throughput is the median of RUNS runs, the writers/readers interleaved so that
 * noise from other processes on the machine falls on all of them alike. The writers are measured twice:
 * in a fresh process, and after writing WARM_UP_JOBS jobs untimed in the same process.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bundleForBench,
  type ChildMeasurement,
  measureHere,
  median,
  runChild,
} from "../../../scripts/bench-bundle.ts";
import { bareSaxesParse, readAndLint } from "./readers";
import { writeBare, writeWithFeedWriter, writeWithXmlBuilder } from "./writers";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WRITE_JOBS = Number(process.env.BENCH_WRITE_JOBS ?? 100_000);
const BIG_JOBS = Number(process.env.BENCH_BIG_JOBS ?? 1_000_000);
/**
 * Jobs a "warm" child writes, untimed, before the measured feed: a fresh process pays once for the JIT
 * compiling the writer and for ICU's time-zone data (FeedWriter formats days in Asia/Tokyo), costs a
 * long-running service does not pay per feed. Both kinds of measurement are reported.
 */
const WARM_UP_JOBS = Number(process.env.BENCH_WARM_UP_JOBS ?? 10_000);
const NOW = new Date("2026-11-21T00:00:00Z");

type Measurement = ChildMeasurement & { bytes: number; detail?: unknown };

const WRITERS = {
  feedwriter: writeWithFeedWriter,
  bare: writeBare,
  xmlbuilder: writeWithXmlBuilder,
} as const;

/** The child side: one measurement, printed as JSON on stdout. */
async function child(args: string[]): Promise<void> {
  if (args[0] === "write-warm") {
    await WRITERS[args[1] as keyof typeof WRITERS](WARM_UP_JOBS);
    args = ["write", ...args.slice(1)];
  }
  const result = await measureHere(() => work(args));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function work(args: string[]): Promise<{ bytes: number; detail?: unknown }> {
  const [kind, name, arg] = args;
  let bytes = 0;
  let detail: unknown;
  if (kind === "write") {
    const [count, path] = [Number(arg), args[3]];
    const write = WRITERS[name as keyof typeof WRITERS];
    if (path === undefined) {
      bytes = await write(count);
    } else {
      // To a file, honouring the stream's backpressure.
      const out = createWriteStream(path);
      bytes = await write(count, (chunk) =>
        out.write(chunk) ? undefined : new Promise<void>((resolve) => out.once("drain", () => resolve())),
      );
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    }
  } else {
    const path = arg!;
    bytes = (await stat(path)).size;
    detail = name === "bare-saxes" ? { jobs: await bareSaxesParse(path) } : await readAndLint(path, NOW);
  }
  return { bytes, detail };
}

let bundled = "";

const measure = (args: string[]) => runChild(bundled, ["--child", ...args]) as Measurement;
const mbps = (m: Measurement) => m.bytes / 1e6 / m.seconds;
const mbPerCpuSecond = (m: Measurement) => m.bytes / 1e6 / m.cpuSeconds;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "indeed-feed-bench-"));
  bundled = bundleForBench(fileURLToPath(import.meta.url), dir);
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    process.stderr.write(`${line}\n`);
  };
  try {
    const idle = measure(["write", "bare", "0"]);
    log(
      `Each child is plain \`node\` on an esbuild bundle; an idle child peaks at ${idle.peakRssMb.toFixed(0)} MB RSS.`,
    );
    log("");
    const ratio = (a: Measurement[], b: Measurement[], metric: (m: Measurement) => number) =>
      (median(a.map(metric)) / median(b.map(metric))).toFixed(2);
    for (const [kind, title] of [
      ["write", "each in a fresh process"],
      [
        "write-warm",
        `each after writing ${WARM_UP_JOBS.toLocaleString("en-US")} jobs untimed in its process`,
      ],
    ] as const) {
      log(
        `## Write ${WRITE_JOBS.toLocaleString("en-US")} jobs (bytes counted, not stored), ${title}, median of ${RUNS}`,
      );
      const writes: Record<string, Measurement[]> = { feedwriter: [], bare: [], xmlbuilder: [] };
      for (let run = 0; run < RUNS; run++) {
        for (const name of Object.keys(writes)) writes[name]!.push(measure([kind, name, String(WRITE_JOBS)]));
      }
      log(
        "| writer | MB written | MB/s (median) | runs MB/s | MB per CPU-second (median) | peak RSS MB (max) |",
      );
      log("|---|---|---|---|---|---|");
      for (const [name, runs] of Object.entries(writes)) {
        log(
          `| ${name} | ${(runs[0]!.bytes / 1e6).toFixed(1)} | ${median(runs.map(mbps)).toFixed(1)} | ${runs.map((r) => mbps(r).toFixed(1)).join(", ")} | ${median(runs.map(mbPerCpuSecond)).toFixed(1)} | ${Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)} |`,
        );
      }
      log("");
      log(
        `FeedWriter / XMLBuilder: ${ratio(writes.feedwriter!, writes.xmlbuilder!, mbps)}× wall, ${ratio(writes.feedwriter!, writes.xmlbuilder!, mbPerCpuSecond)}× CPU (goal ≥ 2.5×)`,
      );
      log(
        `bare writer / FeedWriter: ${ratio(writes.bare!, writes.feedwriter!, mbps)}× wall, ${ratio(writes.bare!, writes.feedwriter!, mbPerCpuSecond)}× CPU (goal ≤ 1.3×)`,
      );
      log("");
    }
    log(`## Write ${BIG_JOBS.toLocaleString("en-US")} jobs to a file`);
    const bigPath = join(dir, "big.xml");
    const big = measure(["write", "feedwriter", String(BIG_JOBS), bigPath]);
    log(
      `FeedWriter: ${(big.bytes / 1e9).toFixed(2)} GB in ${big.seconds.toFixed(1)} s (${mbps(big).toFixed(1)} MB/s), peak RSS ${big.peakRssMb.toFixed(0)} MB (goal < 150 MB)`,
    );
    await rm(bigPath, { force: true });

    log("");
    log(`## Read + lint the ${WRITE_JOBS.toLocaleString("en-US")}-job feed, median of ${RUNS}`);
    const feedPath = join(dir, "feed.xml");
    measure(["write", "feedwriter", String(WRITE_JOBS), feedPath]);
    const reads: Record<string, Measurement[]> = { "bare-saxes": [], "read+lint": [] };
    for (let run = 0; run < RUNS; run++) {
      for (const name of Object.keys(reads)) reads[name]!.push(measure(["read", name, feedPath]));
    }
    log(
      "| reader | MB read | MB/s (median) | runs MB/s | MB per CPU-second (median) | peak RSS MB (max) | result |",
    );
    log("|---|---|---|---|---|---|---|");
    for (const [name, runs] of Object.entries(reads)) {
      log(
        `| ${name} | ${(runs[0]!.bytes / 1e6).toFixed(1)} | ${median(runs.map(mbps)).toFixed(1)} | ${runs.map((r) => mbps(r).toFixed(1)).join(", ")} | ${median(runs.map(mbPerCpuSecond)).toFixed(1)} | ${Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0)} | ${JSON.stringify(runs[0]!.detail)} |`,
      );
    }
    log("");
    log(
      `read+lint / bare saxes: ${ratio(reads["read+lint"]!, reads["bare-saxes"]!, mbps)}× wall, ${ratio(reads["read+lint"]!, reads["bare-saxes"]!, mbPerCpuSecond)}× CPU (goal ≥ 0.5×)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (process.argv[2] === "--child") await child(process.argv.slice(3));
else await main();
