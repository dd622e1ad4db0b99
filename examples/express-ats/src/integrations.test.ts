import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseJob } from "@org/ats-core";
import { parseImportSchedule } from "@org/robo-import";
import { TopCvContractMock } from "@org/topcv-client/testing";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { serveMock } from "./demo/mock-server";
import type { RunningServer } from "./server";
import { startTestServer } from "./test-app";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const job = parseJob({
  id: "job-backend",
  title: "バックエンドエンジニア",
  company: "サンプル商事",
  location: { country: "JP", region: "東京都", city: "港区三田" },
  status: "open",
  openedAt: "2026-10-01T00:00:00+09:00",
  descriptionHtml: "<p>Go と PostgreSQL</p>",
  employmentTypes: ["full_time"],
  pipeline: [
    { id: "screening", name: "書類選考" },
    { id: "interview", name: "面接" },
  ],
});

async function start(
  settings: Parameters<typeof startTestServer>[0],
  env: Record<string, string> = {},
  extra: Parameters<typeof startTestServer>[2] = {},
): Promise<RunningServer> {
  const server = await startTestServer(
    settings,
    { PUBLIC_BASE_URL: "https://ats.example.test", ...env },
    extra,
  );
  cleanups.push(() => server.stop());
  return server;
}

describe("TopCV through the reference app", () => {
  it("connects a company, posts a job, and stores a TopCV application in the job's first stage with its CV", async () => {
    const credentials = { accessToken: "at_acme", secretKey: "sk_acme" };
    let mock: TopCvContractMock | undefined;
    const served = await serveMock("TopCV", (request) => mock!.handle(request));
    cleanups.push(served.close);
    mock = new TopCvContractMock({
      ...credentials,
      baseUrl: `${served.url}/v1`,
      cvBaseUrl: `${served.url}/cv`,
    });
    const server = await start({ acme: {} }, {}, { topcvBaseUrl: `${served.url}/v1` });
    await (await server.registry.get("acme")).stores.jobs.put(job);

    const status = await server.topcv.connections("acme").configure("acme", credentials);
    if (status.status !== "configured") throw new Error("expected configured");
    expect(status.endpointUrl).toMatch(/^https:\/\/ats\.example\.test\/topcv\/webhooks\/[A-Za-z0-9_-]{43}$/);
    const posting = await server.topcv.client("acme", credentials).createPosting(job, {
      categoryIds: ["it-phan-mem"],
      jobLevel: "staff",
      experience: "2_years",
      headcount: 1,
      deadline: "2026-12-31",
      requirementsHtml: "<p>Go 2年以上</p>",
      benefitsHtml: "<p>リモート可</p>",
      salary: { kind: "negotiable" },
      contact: { name: "採用担当", email: "hr@sample.co.jp", phone: "0312345678" },
    });

    const delivery = mock.applicationWebhook({
      eventId: "evt_1",
      applicationId: "app_1",
      topcvJobId: posting.topcvJobId,
      fullName: "Nguyễn Văn An",
      phone: "0912345678",
      cv: { bytes: new TextEncoder().encode("%PDF-1.7 cv"), fileName: "cv.pdf" },
    });
    const webhookPath = new URL(status.endpointUrl).pathname;
    const answer = await fetch(server.url + webhookPath, {
      method: "POST",
      body: delivery,
      headers: { "content-type": "application/json" },
    });
    expect(answer.status).toBe(202);
    const { stores } = await server.registry.get("acme");
    const stored = await until(
      () =>
        stores.applications.findByExternalId({
          provider: "topcv",
          account: status.employer.id,
          externalId: "app_1",
        }),
      "the TopCV application",
    );
    expect(stored).toMatchObject({ jobId: "job-backend", stageId: "screening" });
    expect((await stores.blobs.get(stored.attachments[0]!.storageKey))?.bytes).toEqual(
      new TextEncoder().encode("%PDF-1.7 cv"),
    );
    expect(
      (await fetch(`${server.url}/topcv/webhooks/${"x".repeat(43)}`, { method: "POST", body: delivery }))
        .status,
    ).toBe(404);
  });
});

describe("import schedules in the reference app", () => {
  it("applies a changed schedule at once, without a restart", async () => {
    const server = await start({
      acme: {
        imports: {
          schedule: { slots: ["09:00"], startDate: "2026-01-01" },
          recipients: { to: ["hr@sample.co.jp"] },
          accounts: [],
        },
      },
    });
    const tokyoTime = (date: Date | undefined) =>
      date &&
      new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" }).format(
        date,
      );
    expect(tokyoTime(server.imports.nextRun("acme"))).toBe("09:00");
    server.imports.reschedule("acme", parseImportSchedule({ slots: ["06:30"], startDate: "2026-01-01" }));
    expect(tokyoTime(server.imports.nextRun("acme"))).toBe("06:30");
  });
});

describe("imports through the reference app", () => {
  it("imports a Shift_JIS export from the drop folder, keeps the run and e-mails the report; a YOUTRUST push is stored at once", async () => {
    const importsDir = await mkdtemp(path.join(tmpdir(), "ats-imports-"));
    const outbox = await mkdtemp(path.join(tmpdir(), "ats-outbox-"));
    const server = await start(
      {
        acme: {
          imports: {
            schedule: { slots: ["09:00", "13:30"], startDate: "2026-11-15" },
            recipients: { to: ["hr@sample.co.jp"], cc: ["recruit-ml@sample.co.jp"] },
            accounts: [
              { id: "acc-ambi", board: "ambi", login: "ambi-login", enabled: true },
              { id: "acc-yt", board: "youtrust", login: "yt-company", enabled: true },
            ],
            youtrustToken: "youtrust-token-of-acme-0123456789",
          },
        },
      },
      { IMPORTS_DIR: importsDir, OUTBOX_DIR: outbox },
      // No scheduler: its catch-up run at start would move the checkpoint past the sample's dates.
      { schedule: false },
    );
    const tenant = await server.registry.get("acme");
    await tenant.stores.jobs.put(job);
    await tenant.stores.routingRules.put({
      rules: [
        {
          id: "eng",
          enabled: true,
          when: { position: { mode: "contains", value: "エンジニア" } },
          assign: { jobId: "job-backend", labels: [] },
        },
      ],
    });
    await mkdir(path.join(importsDir, "acme", "acc-ambi"), { recursive: true });
    const csv =
      "応募ID,氏名,メールアドレス,募集ポジション名,エントリー経路,応募日時\r\nA-1,山田 太郎,taro@example.co.jp,バックエンドエンジニア,1,2026/11/20 10:00\r\nA-2,髙橋 一郎,ichiro@example.jp,未登録,0,2026/11/20 11:00\r\n";
    await writeFile(path.join(importsDir, "acme", "acc-ambi", "export.csv"), iconv.encode(csv, "cp932"));

    const report = await server.imports.run("acme", "manual");
    expect(report?.routes).toEqual([
      { route: "AMBI (スカウト)", board: "ambi", new: 1, skipped: 0, possibleDuplicates: 0, unassigned: 0 },
      { route: "AMBI (通常応募)", board: "ambi", new: 1, skipped: 0, possibleDuplicates: 0, unassigned: 1 },
    ]);
    const runs = await server.db.query<{ trigger: string; failed: boolean }>(
      "SELECT trigger, failed FROM import_runs WHERE tenant_id = 'acme'",
    );
    expect(runs.rows).toEqual([{ trigger: "manual", failed: false }]);
    const mails = await readdir(outbox);
    const mail = await readFile(path.join(outbox, mails[0]!), "utf8");
    expect(mail).toMatch(/NOT sent/);
    expect(mail).toMatch(/To: hr@sample\.co\.jp\nCc: recruit-ml@sample\.co\.jp\nSubject: 【完了】/);

    const push = {
      entries: [
        {
          id: "YT-1",
          kind: "scout_reply",
          firstScoutReply: true,
          candidate: { name: "佐藤 花子", email: "hanako@example.jp" },
          appliedAt: "2026-11-21T08:00:00+09:00",
        },
      ],
    };
    const denied = await fetch(`${server.url}/t/acme/youtrust/push`, {
      method: "POST",
      body: JSON.stringify(push),
      headers: { authorization: "Bearer wrong" },
    });
    expect(denied.status).toBe(401);
    const pushed = await fetch(`${server.url}/t/acme/youtrust/push`, {
      method: "POST",
      body: JSON.stringify(push),
      headers: {
        authorization: "Bearer youtrust-token-of-acme-0123456789",
        "content-type": "application/json",
      },
    });
    expect(await pushed.json()).toMatchObject({ ok: true, imported: 1 });
    expect(
      await tenant.stores.applications.findByExternalId({
        provider: "youtrust",
        account: "yt-company",
        externalId: "YT-1",
      }),
    ).toMatchObject({ jobId: null, source: { displayName: "YOUTRUST (スカウト)" } });
  });
});
