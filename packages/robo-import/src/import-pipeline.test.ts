import { compileRoutingRules, importPositionTable } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import type { BoardAccount, BoardSource, SourceItem } from "./board-source";
import { BOARDS } from "./boards";
import { InMemoryCheckpointStore } from "./checkpoints";
import { CsvBoardSource } from "./csv-source";
import { ImportPipeline, type ImportSink } from "./import-pipeline";
import { type Mailer, type OutgoingEmail, ReportNotifier } from "./notifications";
import { totals } from "./run-report";
import { RUN_AT, shiftJis, tenantStores } from "./test-support";

const ambiAccount: BoardAccount = { id: "acc-ambi", board: "ambi", login: "ambi-login-1", enabled: true };
const dodaAccount: BoardAccount = { id: "acc-doda", board: "doda", login: "doda-login-1", enabled: true };

const AMBI = `応募ID,氏名,フリガナ,メールアドレス,電話番号,生年月日,募集ポジション名,エントリー経路,応募日時
A-1,山田 太郎,ヤマダ タロウ,taro@example.co.jp,090-1234-5678,1995/04/01,バックエンドエンジニア,1,2026/11/20 10:12
A-2,佐藤 花子,サトウ ハナコ,hanako@example.jp,080-2222-3333,1998/07/15,法人営業,0,2026/11/19 14:40
A-3,古い 応募,フルイ オウボ,old@example.jp,,,法人営業,0,2026/10/01 09:00
A-4,境界 一日,キョウカイ,edge@example.jp,,,未登録ポジション,0,2026/11/13 00:00
`;
const DODA = `応募ID,氏名,ふりがな,メールアドレス,電話番号,求人タイトル,応募日時
D-1,山田太郎,やまだ たろう,taro@example.co.jp,09012345678,ﾊﾞｯｸｴﾝﾄﾞｴﾝｼﾞﾆｱ,2026/11/20 18:30
`;

function csvSource(board: "ambi" | "doda", text: string): BoardSource {
  return new CsvBoardSource({ board: BOARDS[board], open: async () => shiftJis(text) });
}

async function setup(
  options: { sink?: (inner: ImportSink) => ImportSink; sources?: Partial<Record<string, BoardSource>> } = {},
) {
  const { stores, recorder } = await tenantStores();
  const jobs = [];
  for await (const job of stores.jobs.list()) jobs.push(job);
  const router = compileRoutingRules(
    {
      rules: importPositionTable(
        "募集ポジション名,求人ID\nバックエンドエンジニア,job-backend\n法人営業,job-sales\n",
      ),
    },
    jobs,
  );
  const checkpoints = new InMemoryCheckpointStore();
  const sent: OutgoingEmail[] = [];
  const mailer: Mailer = { send: async (email) => void sent.push(email) };
  const sources: Record<string, BoardSource> = {
    ambi: csvSource("ambi", AMBI),
    doda: csvSource("doda", DODA),
    ...options.sources,
  } as Record<string, BoardSource>;
  const pipeline = new ImportPipeline({
    tenantId: "sample-shoji",
    sourceFor: (account) => sources[account.board]!,
    sink: options.sink ? options.sink(recorder) : recorder,
    checkpoints,
    startDate: "2026-11-15",
    router,
    notifier: new ReportNotifier(mailer, { to: ["hr@example.co.jp"], cc: ["recruit-ml@example.co.jp"] }),
    clock: () => RUN_AT,
  });
  return { stores, pipeline, checkpoints, sent };
}

describe("ImportPipeline", () => {
  it("imports from 2 days before the start date (inclusive), detects scouts, routes and reports", async () => {
    const { stores, pipeline, checkpoints, sent } = await setup();
    const report = await pipeline.run([ambiAccount, dodaAccount], { trigger: "slot 09:00" });

    expect(report.accounts).toEqual([
      {
        accountId: "acc-ambi",
        board: "ambi",
        status: "imported",
        window: { from: new Date("2026-11-13T00:00:00+09:00"), to: RUN_AT },
        checkpointMoved: true,
        filtered: 1,
      },
      {
        accountId: "acc-doda",
        board: "doda",
        status: "imported",
        window: { from: new Date("2026-11-13T00:00:00+09:00"), to: RUN_AT },
        checkpointMoved: true,
        filtered: 0,
      },
    ]);
    expect(report.routes).toEqual([
      { route: "AMBI (スカウト)", board: "ambi", new: 1, skipped: 0, possibleDuplicates: 0, unassigned: 0 },
      { route: "AMBI (通常応募)", board: "ambi", new: 2, skipped: 0, possibleDuplicates: 0, unassigned: 1 },
      { route: "doda (通常応募)", board: "doda", new: 1, skipped: 0, possibleDuplicates: 1, unassigned: 0 },
    ]);
    expect(report.errors).toEqual([]);
    expect(await checkpoints.get("acc-ambi")).toEqual(RUN_AT);

    const stored = [];
    for await (const application of stores.applications.list()) stored.push(application);
    const edge = stored.find((application) => application.externalId === "A-4")!;
    expect(edge.jobId).toBeNull();
    expect(edge.flags.find((flag) => flag.code === "unassigned")?.message).toMatch(
      /No rule matched .*未登録ポジション/,
    );
    expect(stored.find((application) => application.externalId === "A-1")?.source).toEqual({
      provider: "ambi",
      account: "ambi-login-1",
      route: "scout",
      displayName: "AMBI (スカウト)",
      via: "robo-import",
    });

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: ["hr@example.co.jp"],
      cc: ["recruit-ml@example.co.jp"],
      subject: expect.stringMatching(/^【完了】.*新規 4/),
    });
    expect(sent[0]?.text).toContain("AMBI (スカウト): 1, 0, 0, 0");
  });

  it("imports nothing twice: a re-run of the same window, and a deleted-and-re-added account", async () => {
    const { pipeline, checkpoints } = await setup();
    await pipeline.run([ambiAccount]);
    await checkpoints.set("acc-ambi", new Date("2026-11-01T00:00:00+09:00"));
    const again = await pipeline.run([ambiAccount]);
    expect(totals(again)).toMatchObject({ new: 0, skipped: 3 });
    // Same board login under a new ATS account id: no checkpoint, same source identity.
    const readded = await pipeline.run([{ ...ambiAccount, id: "acc-ambi-new" }]);
    expect(totals(readded)).toMatchObject({ new: 0, skipped: 3 });
  });

  it("keeps the checkpoint when the sink fails half-way; the next run loses nothing and imports nothing twice", async () => {
    let calls = 0;
    const failing = await setup({
      sink: (inner) => ({
        record: async (draft) => {
          if (++calls === 2) throw new Error("database connection lost");
          return inner.record(draft);
        },
      }),
    });
    const first = await failing.pipeline.run([ambiAccount, dodaAccount]);
    expect(
      first.accounts.map((account) => [account.accountId, account.status, account.checkpointMoved]),
    ).toEqual([
      ["acc-ambi", "failed", false],
      ["acc-doda", "imported", true],
    ]);
    expect(first.errors).toEqual([
      expect.objectContaining({
        accountId: "acc-ambi",
        line: 3,
        externalId: "A-2",
        reason: expect.stringMatching(/database connection lost.*retries from the same checkpoint/),
      }),
    ]);
    expect(await failing.checkpoints.get("acc-ambi")).toBeUndefined();
    expect(failing.sent[0]?.subject).toMatch(/^【エラーあり】/);

    const second = await failing.pipeline.run([ambiAccount]);
    expect(totals(second)).toMatchObject({ new: 2, skipped: 1 });
    expect(failing.stores.applications.size).toBe(4);
  });

  it("isolates accounts: a failing fetch, a failed login and a disabled account do not stop the others", async () => {
    const broken: BoardSource = {
      // biome-ignore lint/correctness/useYield: a source whose fetch fails before yielding anything
      async *fetch() {
        throw new Error("login page changed");
      },
    };
    const { stores, recorder } = await tenantStores();
    const pipeline = new ImportPipeline({
      tenantId: "t",
      sourceFor: (account) => (account.board === "green" ? broken : csvSource("doda", DODA)),
      sink: recorder,
      checkpoints: new InMemoryCheckpointStore(),
      startDate: "2026-11-15",
      loginCheck: async (account) =>
        account.board === "engage" ? { ok: false, reason: "password expired" } : { ok: true },
      clock: () => RUN_AT,
    });
    const report = await pipeline.run([
      { id: "g", board: "green", login: "g", enabled: true },
      { id: "e", board: "engage", login: "e", enabled: true },
      { id: "off", board: "wantedly", login: "w", enabled: false },
      { id: "x", board: "bizreach" as never, login: "b", enabled: true },
      dodaAccount,
    ]);
    expect(report.accounts.map((account) => account.status)).toEqual([
      "failed",
      "login_failed",
      "disabled",
      "failed",
      "imported",
    ]);
    expect(report.errors.map((error) => error.reason)).toEqual([
      "The fetch failed: login page changed",
      "Login check failed: password expired",
      expect.stringMatching(/^Unknown board "bizreach"; known boards: wantedly/),
    ]);
    expect(stores.applications.size).toBe(1);
  });

  it("reports damaged rows and rows without an id, with the raw row, and still moves on", async () => {
    const text = `応募ID,氏名,エントリー経路,応募日時\nA-1,山田,1,2026/11/20\n,名無し,0,2026/11/20\nA-3,佐藤,0\n`;
    const { pipeline, stores } = await setup({ sources: { ambi: csvSource("ambi", text) } });
    const report = await pipeline.run([ambiAccount]);
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 3,
        reason: expect.stringMatching(/no application id/),
        raw: ["", "名無し", "0", "2026/11/20"],
      }),
      expect.objectContaining({
        line: 4,
        reason: expect.stringMatching(/3 fields where the header has 4/),
        raw: ["A-3", "佐藤", "0"],
      }),
    ]);
    expect(report.accounts[0]).toMatchObject({ status: "imported", checkpointMoved: true });
    expect(stores.applications.size).toBe(1);
  });

  it("does not move the checkpoint past a file it could not read", async () => {
    const unreadable: BoardSource = {
      fetch: async function* (): AsyncGenerator<SourceItem> {
        yield { kind: "problem", fatal: true, line: 1, message: "The export is empty: no header row" };
      },
    };
    const { pipeline, checkpoints } = await setup({ sources: { ambi: unreadable } });
    const report = await pipeline.run([ambiAccount]);
    expect(report.accounts[0]).toMatchObject({ status: "failed", checkpointMoved: false });
    expect(await checkpoints.get("acc-ambi")).toBeUndefined();
  });

  it("flags an unreadable application date instead of dropping the row", async () => {
    const { pipeline, stores } = await setup({
      sources: { ambi: csvSource("ambi", "応募ID,氏名,応募日時\nA-9,山田,昨日\n") },
    });
    await pipeline.run([ambiAccount]);
    const [application] = await stores.applications.listByCandidate((await firstCandidateId(stores))!);
    expect(application?.flags.map((flag) => flag.code)).toContain("applied_at_unreadable");
    expect(application?.source.route).toBe("unknown");
  });
});

async function firstCandidateId(stores: Awaited<ReturnType<typeof tenantStores>>["stores"]) {
  for await (const application of stores.applications.list()) return application.candidateId;
  return undefined;
}
