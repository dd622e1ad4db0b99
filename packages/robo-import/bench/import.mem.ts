/**
 * Issue 7 benchmark: 100,000 applicants from a ~50 MB Shift_JIS CSV through the whole pipeline
 * (decode, parse, map, scout detection, routing, duplicate checks, in-memory stores): applicants/s
 * and peak RSS; then CSV decode + parse MB/s beside csv-parse on the same file, in the same run.
 *
 * The file is generated here (never committed) and deleted afterwards. Each measurement runs in its
 * own child process, plain `node` on an esbuild bundle of this script, so that peak RSS belongs to
 * the import alone (not to the generator or the tsx loader). Runs are interleaved and the medians
 * reported, because the machine is shared.
 *
 * Run: pnpm --filter @org/robo-import bench:memory   (env ROWS, RUNS)
 * Profile: add `--generate <file>`, then run `--child pipeline <file>` under `node --cpu-prof`.
 */
import { createReadStream } from "node:fs";
import { appendFile, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeHeapSnapshot } from "node:v8";
import {
  ApplicationRecorder,
  CsvTokenizer,
  compileRoutingRules,
  createInMemoryStores,
  importPositionTable,
  parseJob,
} from "@org/ats-core";
import { parse as csvParse } from "csv-parse";
import iconv from "iconv-lite";
import { bundleForBench, measureHere, median, runChild } from "../../../scripts/bench-bundle.ts";
import { FAMILY, GIVEN, mix } from "../../ats-core/bench/synthetic.ts";
import { BOARDS, CsvBoardSource, decodeText, ImportPipeline, InMemoryCheckpointStore } from "../src/index.ts";

const ROWS = Number(process.env.ROWS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const HEADER = [
  "応募ID",
  "氏名",
  "フリガナ",
  "メールアドレス",
  "電話番号",
  "生年月日",
  "募集ポジション名",
  "エントリー経路",
  "応募日時",
  "住所",
  "最終学歴",
  "職務経歴",
  "自己PR",
];
const POSITIONS = [
  "バックエンドエンジニア",
  "フロントエンドエンジニア",
  "法人営業",
  "カスタマーサクセス",
  "データアナリスト",
  "人事",
];
const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
function row(i: number): string {
  const career = `株式会社サンプル${i % 500}にて${(i % 12) + 1}年間、${POSITIONS[i % POSITIONS.length]}として勤務。「顧客第一」を掲げ、売上を前年比${100 + (i % 50)}%に伸ばしました。\n主な実績: 新規開拓、チームリーダー、業務改善（㈱①髙）。`;
  const pr = `私の強みは粘り強さです。${"困難な課題にも最後まで取り組み、周囲と協力して成果を出してきました。".repeat(3)}`;
  return [
    `AMB-${i}`,
    `${FAMILY[i % 12]![0]} ${GIVEN[(i * 7) % 11]![0]}`,
    `${FAMILY[i % 12]![1]} ${GIVEN[(i * 7) % 11]![1]}`,
    `user${i}@example.co.jp`,
    `090${String(10_000_000 + i).slice(-8)}`,
    birthDate(i),
    POSITIONS[i % POSITIONS.length]!,
    i % 4 === 0 ? "1" : "0",
    `2026/11/${10 + (i % 10)} ${String(i % 24).padStart(2, "0")}:00`,
    `東京都港区三田${i % 5}-${i % 30}-${i % 7}`,
    "東京大学 経済学部",
    quote(career),
    quote(pr),
  ].join(",");
}

/*
 * Birth dates spread over 1970–2004 by a fixed pseudo-random sequence: with the 132 name readings
 * used (the first 12 family and 11 given names of the ats-core benchmark's pools), about 5 % of the applicants share a reading and birth date with an earlier one, and are
 * flagged as possible duplicates, as in a real import. (Dates computed from i in a short cycle
 * would make every applicant a possible duplicate of dozens.)
 */
function birthDate(i: number): string {
  const day = new Date(Date.UTC(1970, 0, 1) + (mix(i, 4) % 12_784) * 86_400_000);
  return `${day.getUTCFullYear()}/${String(day.getUTCMonth() + 1).padStart(2, "0")}/${String(day.getUTCDate()).padStart(2, "0")}`;
}

/*
 * Writes the file in slices of 1,000 rows, so that this process stays small: on Linux a child's
 * maxRSS can start at its parent's RSS, and the children's peaks must be their own.
 */
async function generate(file: string): Promise<number> {
  await writeFile(file, iconv.encode(`${HEADER.join(",")}\r\n`, "cp932"));
  for (let start = 0; start < ROWS; start += 1_000) {
    const slice: string[] = [];
    for (let i = start; i < Math.min(ROWS, start + 1_000); i++)
      slice.push(`${row(i).replace(/\n/g, "\r\n")}\r\n`);
    await appendFile(file, iconv.encode(slice.join(""), "cp932"));
  }
  return (await stat(file)).size;
}

/** The whole pipeline into the in-memory stores. */
async function importAll(file: string) {
  const stores = createInMemoryStores();
  const jobs = POSITIONS.map((title, i) =>
    parseJob({
      id: `job-${i}`,
      title,
      company: "サンプル商事",
      location: { region: "東京都" },
      status: "open",
      openedAt: "2026-10-01T00:00:00+09:00",
      pipeline: [{ id: "s1", name: "書類選考" }],
    }),
  );
  for (const job of jobs) await stores.jobs.put(job);
  const table = [
    "募集ポジション名,求人ID",
    ...POSITIONS.slice(0, 5).map((title, i) => `${title},job-${i}`),
  ].join("\n");
  const router = compileRoutingRules({ rules: importPositionTable(table) }, jobs);
  const clock = () => new Date("2026-11-21T09:00:00+09:00");
  const pipeline = new ImportPipeline({
    tenantId: "bench",
    sourceFor: () =>
      new CsvBoardSource({
        board: BOARDS.ambi,
        open: async () => createReadStream(file),
      }),
    sink: new ApplicationRecorder({ stores, duplicateRules: ["same_external_id"], clock }),
    checkpoints: new InMemoryCheckpointStore(),
    startDate: "2026-11-01",
    router,
    clock,
  });
  const report = await pipeline.run([{ id: "acc", board: "ambi", login: "ambi-login", enabled: true }]);
  // BENCH_SNAPSHOT=<file>: a heap snapshot with the stores alive, for finding where the memory goes.
  if (process.env.BENCH_SNAPSHOT) writeHeapSnapshot(process.env.BENCH_SNAPSHOT);
  globalThis.gc?.();
  const sum = (key: "new" | "possibleDuplicates" | "unassigned") =>
    report.routes.reduce((total, counts) => total + counts[key], 0);
  return {
    stored: sum("new"),
    possibleDuplicates: sum("possibleDuplicates"),
    unassigned: sum("unassigned"),
    errors: report.errors.length,
    // Read the stores once more so that they are alive at the end of the measurement.
    applicationsInStore: stores.applications.size,
    // The live heap at the end, when run with --expose-gc (for finding where the memory goes).
    heapUsedMb: process.memoryUsage().heapUsed / 1e6,
  };
}

async function oursParse(file: string) {
  const tokenizer = new CsvTokenizer();
  let rows = 0;
  for await (const text of decodeText(createReadStream(file, { highWaterMark: 256 * 1024 })))
    rows += tokenizer.push(text).length;
  return { rows: rows + tokenizer.end().length };
}

async function csvParseSameDecoder(file: string) {
  const parser = csvParse({ relax_column_count: true });
  const done = (async () => {
    let rows = 0;
    for await (const _ of parser) rows++;
    return rows;
  })();
  for await (const text of decodeText(createReadStream(file, { highWaterMark: 256 * 1024 })))
    if (!parser.write(text)) await new Promise((resolve) => parser.once("drain", resolve));
  parser.end();
  return { rows: await done };
}

async function iconvCsvParse(file: string) {
  let rows = 0;
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 })
    .pipe(iconv.decodeStream("cp932"))
    .pipe(csvParse({ relax_column_count: true }));
  for await (const _ of stream) rows++;
  return { rows };
}

const CHILDREN = {
  idle: async () => ({}),
  pipeline: importAll,
  ours: oursParse,
  "csv-parse": csvParseSameDecoder,
  "iconv-csv-parse": iconvCsvParse,
} as const;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "robo-import-bench-"));
  try {
    const file = path.join(dir, "ambi-export.csv");
    const megabytes = (await generate(file)) / 1e6;
    const bundle = bundleForBench(fileURLToPath(import.meta.url), dir);
    const idle = runChild(bundle, ["--child", "idle", file]);
    console.log(
      `${ROWS.toLocaleString("en")} rows, ${megabytes.toFixed(1)} MB Shift_JIS; each measurement in a child process (plain node on an esbuild bundle; idle child ${idle.peakRssMb.toFixed(0)} MB RSS); medians of ${RUNS} runs, interleaved`,
    );
    const runs: Record<keyof typeof CHILDREN, ReturnType<typeof runChild>[]> = {
      idle: [],
      pipeline: [],
      ours: [],
      "csv-parse": [],
      "iconv-csv-parse": [],
    };
    for (let run = 0; run < RUNS; run++)
      for (const kind of ["pipeline", "ours", "csv-parse", "iconv-csv-parse"] as const)
        runs[kind].push(runChild(bundle, ["--child", kind, file]));

    const pipeline = runs.pipeline;
    const rate = (m: (typeof pipeline)[number]) => Number(m["stored"]) / m.seconds;
    const last = pipeline.at(-1)!;
    console.log(
      `pipeline: ${Number(last["stored"]).toLocaleString("en")} applicants stored (${last["possibleDuplicates"]} possible duplicates, ${last["unassigned"]} unassigned, ${last["errors"]} errors)`,
    );
    console.log(
      `  ${Math.round(median(pipeline.map(rate))).toLocaleString("en")} applicants/s median (runs ${pipeline.map((m) => Math.round(rate(m)).toLocaleString("en")).join(", ")}; ${Math.round(median(pipeline.map((m) => Number(m["stored"]) / m.cpuSeconds))).toLocaleString("en")} per CPU-second) — goal ≥ 20,000/s`,
    );
    console.log(
      `  peak RSS ${median(pipeline.map((m) => m.peakRssMb)).toFixed(0)} MB median (runs ${pipeline.map((m) => m.peakRssMb.toFixed(0)).join(", ")}) — goal < 500 MB`,
    );
    const mbps = (kind: "ours" | "csv-parse" | "iconv-csv-parse") =>
      median(runs[kind].map((m) => megabytes / m.seconds));
    for (const kind of ["ours", "csv-parse", "iconv-csv-parse"] as const)
      console.log(
        `${kind}: ${runs[kind][0]!["rows"]} rows, ${mbps(kind).toFixed(1)} MB/s median (runs ${runs[kind].map((m) => (megabytes / m.seconds).toFixed(1)).join(", ")}), peak RSS ${median(runs[kind].map((m) => m.peakRssMb)).toFixed(0)} MB`,
      );
    console.log(
      `ratio: decodeText + CsvTokenizer ${(mbps("ours") / mbps("csv-parse")).toFixed(2)}× csv-parse (same decoder), ${(mbps("ours") / mbps("iconv-csv-parse")).toFixed(2)}× iconv-lite + csv-parse`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// For profiling one part: `--generate <file>`, then `node --cpu-prof … bench/import.mem.ts --child pipeline <file>`.
if (process.argv[2] === "--generate") {
  console.log(`${await generate(process.argv[3]!)} bytes written to ${process.argv[3]}`);
} else if (process.argv[2] === "--child") {
  const kind = process.argv[3] as keyof typeof CHILDREN;
  const result = await measureHere(() => CHILDREN[kind](process.argv[4]!));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await main();
}
