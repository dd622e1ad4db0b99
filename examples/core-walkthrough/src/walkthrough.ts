import { readFile } from "node:fs/promises";
import {
  ApplicationRecorder,
  type ApplicationSource,
  compileRoutingRules,
  createInMemoryStores,
  importPositionTable,
  parseCsv,
  parseJob,
  type RouteKind,
  RouteNamer,
} from "@org/ats-core";

/**
 * A walk-through of @org/ats-core on two job boards' CSV exports: every row becomes a candidate
 * and an application (normalised, routed by the correspondence table, checked for duplicates),
 * and the result is printed. The board robots of @org/robo-import produce such rows for real.
 */

const DATA = new URL("../data/", import.meta.url);
const TENANT_NOW = new Date("2026-11-21T09:00:00+09:00");

/** One board export as the walk-through reads it. */
interface BoardExport {
  provider: string;
  displayName: string;
  file: string;
  /** Column names in this board's export. */
  columns: {
    id: string;
    name: string;
    reading: string;
    email: string;
    phone: string;
    birthDate: string;
    position: string;
    appliedAt: string;
  };
  /** AMBI marks scouts in エントリー経路 (SPEC §5); doda cannot tell. */
  routeOf: (record: Record<string, string>) => RouteKind;
}

const BOARDS: BoardExport[] = [
  {
    provider: "ambi",
    displayName: "AMBI",
    file: "ambi.csv",
    columns: {
      id: "応募ID",
      name: "氏名",
      reading: "フリガナ",
      email: "メールアドレス",
      phone: "電話番号",
      birthDate: "生年月日",
      position: "募集ポジション名",
      appliedAt: "応募日時",
    },
    routeOf: (record) => (record["エントリー経路"] === "1" ? "scout" : "normal"),
  },
  {
    provider: "doda",
    displayName: "doda",
    file: "doda.csv",
    columns: {
      id: "応募ID",
      name: "氏名",
      reading: "ふりがな",
      email: "メールアドレス",
      phone: "電話番号",
      birthDate: "生年月日",
      position: "求人タイトル",
      appliedAt: "応募日時",
    },
    routeOf: () => "unknown",
  },
];

/** What the walk-through found, for printing and for its test. */
export interface WalkthroughResult {
  lines: string[];
  stored: number;
  skippedDuplicates: number;
  possibleDuplicates: number;
  unassigned: number;
  flagged: number;
  routeCounts: Map<string, number>;
}

/** Runs the walk-through on the sample data in ../data. */
export async function runWalkthrough(): Promise<WalkthroughResult> {
  const lines: string[] = [];
  const say = (line: string) => lines.push(line);
  const stores = createInMemoryStores();
  const jobs = [
    ["job-backend", "バックエンドエンジニア"],
    ["job-data", "データエンジニア"],
    ["job-sales", "法人営業"],
  ].map(([id, title]) =>
    parseJob({
      id,
      title,
      company: "サンプル商事",
      location: { country: "JP", region: "東京都", city: "港区三田" },
      status: "open",
      openedAt: "2026-10-01T00:00:00+09:00",
      pipeline: [
        { id: "screening", name: "書類選考" },
        { id: "interview", name: "面接" },
      ],
    }),
  );
  for (const job of jobs) await stores.jobs.put(job);

  const rules = importPositionTable(await readFile(new URL("positions.csv", DATA), "utf8"));
  const router = compileRoutingRules({ rules }, jobs);
  // Board imports treat only the same (board, account, external id) as the same application;
  // the same person arriving from another board is a possible duplicate for a recruiter to review.
  const recorder = new ApplicationRecorder({
    stores,
    clock: () => TENANT_NOW,
    duplicateRules: ["same_external_id"],
  });
  const namer = new RouteNamer();
  const result: WalkthroughResult = {
    lines,
    stored: 0,
    skippedDuplicates: 0,
    possibleDuplicates: 0,
    unassigned: 0,
    flagged: 0,
    routeCounts: new Map(),
  };

  say(`Routing: ${rules.length} rules imported from positions.csv`);
  for (const board of BOARDS) {
    const [header, ...rows] = parseCsv(await readFile(new URL(board.file, DATA), "utf8"));
    say(`\n${board.displayName}: ${rows.length} rows in ${board.file}`);
    for (const row of rows) {
      const record = Object.fromEntries(header!.fields.map((name, i) => [name, row.fields[i] ?? ""]));
      const column = (key: keyof BoardExport["columns"]) => record[board.columns[key]] ?? "";
      const route = board.routeOf(record);
      const source: ApplicationSource = {
        provider: board.provider,
        account: `${board.provider}-sample-account`,
        route,
        displayName: namer.name(board.displayName, route),
        via: "robo-import",
      };
      const routing = router.route({
        provider: board.provider,
        via: "robo-import",
        route,
        positionName: column("position"),
      });
      const outcome = await recorder.record({
        person: {
          name: { full: column("name") },
          nameReading: { full: column("reading") },
          emails: [column("email")],
          phones: [column("phone")],
          birthDate: column("birthDate"),
        },
        jobId: routing.matched ? routing.jobId : null,
        unassignedReason: routing.explanation,
        source,
        externalId: column("id"),
        appliedAt: new Date(`${column("appliedAt").replace(" ", "T")}:00+09:00`),
        raw: { line: row.line, record },
      });
      if (outcome.kind === "duplicate") {
        result.skippedDuplicates++;
        say(`  line ${row.line}: skipped, ${outcome.message}`);
        continue;
      }
      result.stored++;
      result.routeCounts.set(source.displayName, (result.routeCounts.get(source.displayName) ?? 0) + 1);
      const { application, candidate } = outcome;
      say(
        `  line ${row.line}: ${candidate.name.full} (${candidate.nameReading?.full ?? "no reading"}) → ${source.displayName}`,
      );
      say(`    ${routing.explanation}`);
      if (application.jobId === null) result.unassigned++;
      for (const flag of application.flags) {
        if (flag.code === "unassigned") continue;
        if (flag.code !== "possible_duplicate") {
          result.flagged++;
          say(`    flag ${flag.code}: ${flag.message}`);
        }
      }
      for (const match of outcome.possibleDuplicates) {
        result.possibleDuplicates++;
        const known = await stores.candidates.get(match.candidateId);
        const why = match.matches.map(
          (rule) =>
            `${rule.ruleId} [${rule.fields.map((field) => `${field.field}=${field.value}`).join(", ")}]`,
        );
        say(`    possible duplicate of ${known?.name.full}: ${why.join("; ")}`);
      }
    }
  }

  // Importing the same export again must import nothing twice.
  const again = await recorder.record({
    person: { name: { full: "山田 太郎" }, emails: ["taro.yamada@example.co.jp"], phones: [] },
    jobId: "job-backend",
    source: {
      provider: "ambi",
      account: "ambi-sample-account",
      route: "scout",
      displayName: "AMBI (スカウト)",
    },
    externalId: "AMB-1001",
    appliedAt: new Date("2026-11-18T10:12:00+09:00"),
    raw: {},
  });
  if (again.kind === "duplicate") {
    result.skippedDuplicates++;
    say(`\nRe-import of AMB-1001: ${again.message}`);
  }

  say("\nApplications by route:");
  for (const [name, count] of result.routeCounts) say(`  ${name}: ${count}`);
  say(
    `\nStored ${result.stored}, skipped ${result.skippedDuplicates} duplicate(s), ${result.possibleDuplicates} possible duplicate(s) to review, ${result.unassigned} unassigned, ${result.flagged} other flag(s).`,
  );
  return result;
}
