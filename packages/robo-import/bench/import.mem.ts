/**
 * Issue 7 benchmark: 100,000 applicants from a ~50 MB Shift_JIS CSV through the whole pipeline
 * (decode, parse, map, scout detection, routing, duplicate checks, in-memory stores): applicants/s
 * and peak RSS; then CSV decode + parse MB/s beside csv-parse on the same file, in the same run.
 * The file is generated here and deleted afterwards.
 *
 * Run: pnpm --filter @org/robo-import bench:memory
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
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
import { BOARDS, CsvBoardSource, decodeText, ImportPipeline, InMemoryCheckpointStore } from "../src/index.ts";

const ROWS = Number(process.env.ROWS ?? 100_000);
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
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
const FAMILY = [
  ["山田", "ヤマダ"],
  ["佐藤", "サトウ"],
  ["鈴木", "スズキ"],
  ["高橋", "タカハシ"],
  ["田中", "タナカ"],
  ["伊藤", "イトウ"],
  ["渡辺", "ワタナベ"],
  ["中村", "ナカムラ"],
  ["小林", "コバヤシ"],
  ["加藤", "カトウ"],
  ["吉田", "ヨシダ"],
  ["山本", "ヤマモト"],
] as const;
const GIVEN = [
  ["太郎", "タロウ"],
  ["花子", "ハナコ"],
  ["一郎", "イチロウ"],
  ["美咲", "ミサキ"],
  ["翔太", "ショウタ"],
  ["陽菜", "ヒナ"],
  ["大輔", "ダイスケ"],
  ["さくら", "サクラ"],
  ["健", "ケン"],
  ["結衣", "ユイ"],
  ["蓮", "レン"],
] as const;

function row(i: number): string {
  const career = `株式会社サンプル${i % 500}にて${(i % 12) + 1}年間、${POSITIONS[i % POSITIONS.length]}として勤務。「顧客第一」を掲げ、売上を前年比${100 + (i % 50)}%に伸ばしました。\n主な実績: 新規開拓、チームリーダー、業務改善（㈱①髙）。`;
  const pr = `私の強みは粘り強さです。${"困難な課題にも最後まで取り組み、周囲と協力して成果を出してきました。".repeat(3)}`;
  return [
    `AMB-${i}`,
    `${FAMILY[i % 12]![0]} ${GIVEN[(i * 7) % 11]![0]}`,
    `${FAMILY[i % 12]![1]} ${GIVEN[(i * 7) % 11]![1]}`,
    `user${i}@example.co.jp`,
    `090${String(10_000_000 + i).slice(-8)}`,
    `19${70 + (i % 30)}/${String((i % 12) + 1).padStart(2, "0")}/${String((Math.floor(i / 12) % 28) + 1).padStart(2, "0")}`,
    POSITIONS[i % POSITIONS.length]!,
    i % 4 === 0 ? "1" : "0",
    `2026/11/${10 + (i % 10)} ${String(i % 24).padStart(2, "0")}:00`,
    `東京都港区三田${i % 5}-${i % 30}-${i % 7}`,
    "東京大学 経済学部",
    quote(career),
    quote(pr),
  ].join(",");
}

const dir = await mkdtemp(path.join(tmpdir(), "robo-import-bench-"));
const file = path.join(dir, "ambi-export.csv");
try {
  const parts: Buffer[] = [iconv.encode(`${HEADER.join(",")}\r\n`, "cp932")];
  for (let i = 0; i < ROWS; i++) parts.push(iconv.encode(`${row(i).replace(/\n/g, "\r\n")}\r\n`, "cp932"));
  await writeFile(file, Buffer.concat(parts));
  parts.length = 0;
  const megabytes = (await stat(file)).size / 1e6;
  console.log(`generated ${ROWS.toLocaleString("en")} rows, ${megabytes.toFixed(1)} MB Shift_JIS`);

  // 1. The whole pipeline into the in-memory stores.
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
  const recorder = new ApplicationRecorder({
    stores,
    duplicateRules: ["same_external_id"],
    clock: () => new Date("2026-11-21T09:00:00+09:00"),
  });
  const pipeline = new ImportPipeline({
    tenantId: "bench",
    sourceFor: () =>
      new CsvBoardSource({
        board: BOARDS.ambi,
        open: async () => createReadStream(file, { highWaterMark: 256 * 1024 }),
      }),
    sink: recorder,
    checkpoints: new InMemoryCheckpointStore(),
    startDate: "2026-11-01",
    router,
    clock: () => new Date("2026-11-21T09:00:00+09:00"),
  });
  const start = performance.now();
  const report = await pipeline.run([{ id: "acc", board: "ambi", login: "ambi-login", enabled: true }]);
  const seconds = (performance.now() - start) / 1000;
  const stored = report.routes.reduce((sum, counts) => sum + counts.new, 0);
  console.log(
    `pipeline: ${stored.toLocaleString("en")} applicants in ${seconds.toFixed(2)} s = ${Math.round(stored / seconds).toLocaleString("en")} applicants/s (goal ≥ 20,000/s), ${report.errors.length} errors, peak RSS ${peakRssMb().toFixed(0)} MB (goal < 500 MB)`,
  );

  if (process.env.PIPELINE_ONLY) process.exit(0);
  // 2. Decode + parse only: ours beside csv-parse, same file, same run.
  const measure = async (name: string, work: () => Promise<number>) => {
    const began = performance.now();
    const rows = await work();
    const taken = (performance.now() - began) / 1000;
    console.log(`${name}: ${rows.toLocaleString("en")} rows, ${(megabytes / taken).toFixed(1)} MB/s`);
    return megabytes / taken;
  };
  const ours = await measure("decodeText + CsvTokenizer", async () => {
    const tokenizer = new CsvTokenizer();
    let rows = 0;
    for await (const text of decodeText(createReadStream(file, { highWaterMark: 256 * 1024 })))
      rows += tokenizer.push(text).length;
    return rows + tokenizer.end().length;
  });
  const peerSameDecode = await measure("decodeText + csv-parse", async () => {
    const parser = csvParse({ relax_column_count: true });
    const done = (async () => {
      let rows = 0;
      for await (const _ of parser) rows++;
      return rows;
    })();
    for await (const text of decodeText(createReadStream(file, { highWaterMark: 256 * 1024 })))
      if (!parser.write(text)) await new Promise((resolve) => parser.once("drain", resolve));
    parser.end();
    return done;
  });
  const peerIconv = await measure("iconv-lite + csv-parse", async () => {
    let rows = 0;
    const stream = createReadStream(file, { highWaterMark: 256 * 1024 })
      .pipe(iconv.decodeStream("cp932"))
      .pipe(csvParse({ relax_column_count: true }));
    for await (const _ of stream) rows++;
    return rows;
  });
  console.log(
    `ratio: ours ${(ours / peerSameDecode).toFixed(2)}× csv-parse (same decoder), ${(ours / peerIconv).toFixed(2)}× iconv-lite + csv-parse`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
