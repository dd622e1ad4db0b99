/*
 * Benchmarks that report peak RSS run each measurement in a child process on plain `node`, from an
 * esbuild bundle of the benchmark script: under the tsx loader every process starts at about
 * 120 MB of RSS (the loader compiles in a worker), which would drown the numbers, and a user's
 * process runs the built package, not the TypeScript sources.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Bundles `entry` (a file path) for Node 20 into `outDir`; returns the bundle's path. */
export function bundleForBench(entry: string, outDir: string): string {
  const outfile = join(outDir, "bench.mjs");
  // esbuild is not a direct dependency; it comes with tsup (a root devDependency).
  const fromTsup = createRequire(createRequire(import.meta.url).resolve("tsup"));
  const esbuild = join(dirname(fromTsup.resolve("esbuild/package.json")), "bin", "esbuild");
  const run = spawnSync(
    esbuild,
    [
      entry,
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--target=node20",
      "--conditions=@org/source",
      `--outfile=${outfile}`,
      "--banner:js=import { createRequire as createBannerRequire } from 'node:module'; const require = createBannerRequire(import.meta.url);",
    ],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`esbuild failed: ${run.error?.message ?? run.stderr}`);
  return outfile;
}

/** What a child measurement reports. */
export interface ChildMeasurement {
  seconds: number;
  /** User + system CPU time: steadier than wall time when other processes share the cores. */
  cpuSeconds: number;
  peakRssMb: number;
  [detail: string]: unknown;
}

/** Runs `bundle` with `args` in a child `node` and returns the JSON object it printed last. */
export function runChild(bundle: string, args: readonly string[]): ChildMeasurement {
  const run = spawnSync(process.execPath, [bundle, ...args], { encoding: "utf8", maxBuffer: 1 << 22 });
  if (run.status !== 0) throw new Error(`child ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as ChildMeasurement;
}

/** Times `work` in this process, with CPU time and peak RSS, for a child to print. */
export async function measureHere<T extends object>(work: () => Promise<T>): Promise<ChildMeasurement & T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const detail = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    ...detail,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** The median of `values`. */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
