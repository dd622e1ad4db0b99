import { createLineSignatureVerifier } from "@org/line-link";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlLinkStore } from "../db/sql-line-stores";
import { candidateIdByName, startDemoForPages } from "./demo-fixture";
import { WebTestClient } from "./web-test-client";

let fixture: Awaited<ReturnType<typeof startDemoForPages>>;
let shoji: WebTestClient;
beforeAll(async () => {
  fixture = await startDemoForPages();
  const user = fixture.users.find((entry) => entry.tenantId === "sample-shoji")!;
  shoji = new WebTestClient(fixture.demo.server.url);
  await shoji.login(user.tenantId, user.email, user.password);
}, 90_000);
afterAll(() => fixture?.close());

const db = () => fixture.demo.server.db;
async function applicationsOf(candidateId: string) {
  return (await fixture.demo.server.registry.get("sample-shoji")).stores.applications.listByCandidate(
    candidateId,
  );
}
/** The demo's doda application of 山田太郎, flagged as a possible duplicate of 山田 太郎 (AMBI). */
async function flaggedYamada() {
  const id = await candidateIdByName(fixture.demo, "sample-shoji", "山田太郎");
  return { id, application: (await applicationsOf(id))[0]! };
}

describe("dashboard", () => {
  it("shows unread LINE conversations, new applications, possible duplicates and failed import runs", async () => {
    await db().query(
      "INSERT INTO import_runs (tenant_id, id, trigger, started_at, finished_at, failed, report) VALUES ($1, $2, $3, $4, $4, true, $5)",
      [
        "sample-shoji",
        "run-failed-1",
        "slot 09:00",
        new Date(),
        JSON.stringify({
          tenantId: "sample-shoji",
          trigger: "slot 09:00",
          startedAt: new Date(),
          finishedAt: new Date(),
          accounts: [
            { accountId: "acc-doda", board: "doda", status: "imported", checkpointMoved: true, filtered: 0 },
          ],
          routes: [],
          errors: [
            {
              accountId: "acc-doda",
              board: "doda",
              line: 7,
              reason: "応募者IDが空です / the applicant id is empty",
            },
          ],
        }),
      ],
    );
    const { status, html } = await shoji.page("/app");
    expect(status).toBe(200);
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("LINE未読の会話");
    expect(html).toMatch(/data-testid="unread-count">0</);
    expect(html).toContain("確認待ちの重複の可能性");
    expect(html).toContain("山田太郎");
    expect(html).toContain("the applicant id is empty");
    expect(html).toContain("7行目");
  });

  it("switches to English and back", async () => {
    const switched = await shoji.get("/app/lang?to=en&back=/app/candidates");
    expect(switched.headers.get("location")).toBe("/app/candidates");
    const { html } = await shoji.page("/app");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Unread LINE conversations");
    await shoji.get("/app/lang?to=ja&back=/app");
    expect((await shoji.page("/app")).html).toContain('<html lang="ja">');
  });
});

describe("candidates", () => {
  it("lists applications with marks, and filters by job, source, unread LINE and possible duplicate", async () => {
    const all = await shoji.page("/app/candidates");
    expect(all.status).toBe(200);
    expect(all.html).toContain("8 件の応募");
    expect(all.html).toContain("重複の可能性</span>");
    const byJob = await shoji.page("/app/candidates?job=job-data");
    expect(byJob.html).toContain("1 件の応募");
    expect(byJob.html).toContain("髙橋 一郎");
    const unassigned = await shoji.page("/app/candidates?job=-");
    expect(unassigned.html).toContain("2 件の応募");
    const bySource = await shoji.page(`/app/candidates?source=${encodeURIComponent("エン転職 (スカウト)")}`);
    expect(bySource.html).toContain("1 件の応募");
    expect(bySource.html).toContain("高橋 一郎");
    const duplicates = await shoji.page("/app/candidates?duplicate=1");
    expect(duplicates.html).toContain("4 件の応募");
    expect((await shoji.page("/app/candidates?unread=1")).html).toContain("0 件の応募");
  });

  it("shows a candidate's applications with source, route, answers, flags and why a possible duplicate matched", async () => {
    const hanako = await candidateIdByName(fixture.demo, "sample-shoji", "佐藤 花子");
    const { stores } = await fixture.demo.server.registry.get("sample-shoji");
    const [application] = await stores.applications.listByCandidate(hanako);
    await stores.applications.update({
      ...application!,
      answers: [
        {
          questionId: "license",
          question: "普通自動車免許をお持ちですか？",
          values: ["yes"],
          labels: ["はい"],
        },
      ],
    });
    const { status, html } = await shoji.page(`/app/candidates/${hanako}`);
    expect(status).toBe(200);
    expect(html).toContain("<h1>佐藤 花子</h1>");
    expect(html).toContain("普通自動車免許をお持ちですか？");
    expect(html).toContain("<dd>はい</dd>");
    const suzuki = await candidateIdByName(fixture.demo, "sample-shoji", "鈴木 健");
    const page = (await shoji.page(`/app/candidates/${suzuki}`)).html;
    expect(page).toContain("未振り分け");
    expect(page).toContain("invalid_email");
    const { id } = await flaggedYamada();
    const yamada = (await shoji.page(`/app/candidates/${id}`)).html;
    expect(yamada).toContain("doda (通常応募)");
    expect(yamada).toContain("一致した理由");
    expect(yamada).toContain("この応募を重複としてクローズ");
    expect(yamada).toContain("山田 太郎 に統合");
  });

  it("closes an application as a duplicate", async () => {
    const takahashi = await candidateIdByName(fixture.demo, "sample-shoji", "高橋 一郎");
    const [application] = await applicationsOf(takahashi);
    const response = await shoji.submit(
      `/app/candidates/${takahashi}`,
      `/app/candidates/${takahashi}/applications/${application!.id}/close-duplicate`,
    );
    expect(response.status).toBe(303);
    const [closed] = await applicationsOf(takahashi);
    expect(closed!.status).toBe("closed");
    expect(closed!.closedReason).toBe("duplicate");
    const { html } = await shoji.page(`/app/candidates/${takahashi}`);
    expect(html).toContain("応募を重複としてクローズしました。");
    expect(html).not.toContain("この応募を重複としてクローズ");
  });

  it("merges two candidates and undoes the merge", async () => {
    const { id, application } = await flaggedYamada();
    const survivor = await candidateIdByName(fixture.demo, "sample-shoji", "山田 太郎");
    const merged = await shoji.submit(`/app/candidates/${id}`, `/app/candidates/${id}/merge`, {
      into: survivor,
    });
    expect(merged.headers.get("location")).toBe(`/app/candidates/${survivor}`);
    expect((await applicationsOf(survivor)).map((entry) => entry.id)).toContain(application.id);
    const page = (await shoji.page(`/app/candidates/${survivor}`)).html;
    expect(page).toContain("候補者を統合しました");
    expect(page).toMatch(/山田太郎 → 山田 太郎/);
    const mergeId = /action="\/app\/merges\/([^/]+)\/undo"/.exec(page)![1]!;
    const undone = await shoji.submit(`/app/candidates/${survivor}`, `/app/merges/${mergeId}/undo`);
    expect(undone.headers.get("location")).toBe(`/app/candidates/${id}`);
    expect((await applicationsOf(id)).map((entry) => entry.id)).toEqual([application.id]);
    expect((await shoji.page(`/app/candidates/${survivor}`)).html).toContain("元に戻し済み");
  });

  it("downloads a resume, only through its own company and candidate", async () => {
    const mauUser = fixture.users.find((entry) => entry.tenantId === "mau-vn")!;
    const mau = new WebTestClient(fixture.demo.server.url);
    await mau.login(mauUser.tenantId, mauUser.email, mauUser.password);
    const an = await candidateIdByName(fixture.demo, "mau-vn", "Nguyễn Văn An");
    const [application] = await (
      await fixture.demo.server.registry.get("mau-vn")
    ).stores.applications.listByCandidate(an);
    const page = (await mau.page(`/app/candidates/${an}`)).html;
    expect(page).toContain("cv-nguyen-van-an.pdf");
    const path = `/app/candidates/${an}/applications/${application!.id}/attachments/0`;
    const download = await mau.get(path);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("cv-nguyen-van-an.pdf");
    expect(await download.text()).toBe("%PDF-1.7 demo CV");
    expect(
      (await mau.get(`/app/candidates/${an}/applications/${application!.id}/attachments/1`)).status,
    ).toBe(404);
    expect((await shoji.get(path)).status).toBe(404);
  });
});

describe("LINE tab", () => {
  it("shows the link status, the conversation and the send box with LINE's limit", async () => {
    const taro = await candidateIdByName(fixture.demo, "sample-shoji", "山田 太郎");
    const { status, html } = await shoji.page(`/app/candidates/${taro}/line`);
    expect(status).toBe(200);
    expect(html).toContain('data-testid="link-status">連携済み<');
    expect(html).toContain("面接の日程を変更できますか？");
    expect(html).toContain("はい、候補日をお送りします。");
    expect(html).toContain('maxlength="5000"');
    expect(html).toContain("最大5000文字");
    const sato = await candidateIdByName(fixture.demo, "sample-shoji", "鈴木 健");
    expect((await shoji.page(`/app/candidates/${sato}/line`)).html).toContain("未連携");
  });

  it("shows blocked and not-a-friend links", async () => {
    const links = new SqlLinkStore(db(), "sample-shoji");
    const ichiro = await candidateIdByName(fixture.demo, "sample-shoji", "髙橋 一郎");
    await links.save({
      candidateId: ichiro,
      lineUserId: `U${"1".repeat(32)}`,
      applicationIds: [],
      linkedAt: new Date(),
      reachable: false,
    });
    expect((await shoji.page(`/app/candidates/${ichiro}/line`)).html).toContain("友だち未追加");
    await links.save({
      candidateId: ichiro,
      lineUserId: `U${"1".repeat(32)}`,
      applicationIds: [],
      linkedAt: new Date(),
      reachable: false,
      reachabilityChangedAt: new Date(),
    });
    expect((await shoji.page(`/app/candidates/${ichiro}/line`)).html).toContain("ブロックされています");
  });

  it("generates a linking URL to paste into an e-mail", async () => {
    const suzuki = await candidateIdByName(fixture.demo, "sample-shoji", "鈴木 健");
    const response = await shoji.submit(
      `/app/candidates/${suzuki}/line`,
      `/app/candidates/${suzuki}/line/link-url`,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(
      /data-testid="linking-url">https:\/\/ats\.example\.test\/line\/sample-shoji\/link\/[^<]+</,
    );
  });

  it("receives a message (unread), marks it read, replies (read) and refuses a text over 5000 characters", async () => {
    const taro = await candidateIdByName(fixture.demo, "sample-shoji", "山田 太郎");
    const { rows } = await db().query<{ secret: string }>(
      "SELECT settings->'line'->'messaging'->>'channelSecret' AS secret FROM tenants WHERE id = 'sample-shoji'",
    );
    const body = JSON.stringify({
      destination: `U${"d".repeat(32)}`,
      events: [
        {
          type: "message",
          webhookEventId: "01HF00000000000000000PAGES1",
          timestamp: Date.now(),
          source: { type: "user", userId: "U4af4980629e0f4bc7c0c2b3d5e5e9a7f" },
          message: { type: "text", id: "468531800777", text: "明日でも大丈夫です" },
        },
      ],
    });
    const signature = await (await createLineSignatureVerifier(rows[0]!.secret)).sign(body);
    const webhook = await fetch(`${fixture.demo.server.url}/line/sample-shoji/webhook`, {
      method: "POST",
      body,
      headers: { "x-line-signature": signature, "content-type": "application/json" },
    });
    expect(webhook.status).toBe(200);
    const line = (await fixture.demo.server.registry.get("sample-shoji")).line!;
    for (let i = 0; i < 100 && !(await line.conversations.isUnread(taro)); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect((await shoji.page("/app")).html).toMatch(/data-testid="unread-count">1</);
    expect((await shoji.page("/app/candidates?unread=1")).html).toContain("1 件の応募");
    const tab = `/app/candidates/${taro}/line`;
    expect((await shoji.page(tab)).html).toContain('data-testid="thread-unread"');
    expect((await shoji.submit(tab, `${tab}/read`)).status).toBe(303);
    expect(await line.conversations.isUnread(taro)).toBe(false);

    const tooLong = await shoji.submit(tab, `${tab}/send`, { text: "あ".repeat(5001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain("5000");
    const sent = await shoji.submit(tab, `${tab}/send`, { text: "<b>承知しました</b>" });
    expect(sent.status).toBe(303);
    const page = (await shoji.page(tab)).html;
    expect(page).toContain("&lt;b&gt;承知しました&lt;/b&gt;");
    expect(page).toContain("送信しました。");
  });
});

describe("import runs", () => {
  it("shows each run's counts per board and route, and its errors; runs an import on demand", async () => {
    const { status, html } = await shoji.page("/app/imports");
    expect(status).toBe(200);
    expect(html).toContain("AMBI (スカウト)");
    expect(html).toContain("acc-ambi (ambi): imported");
    expect(html).toContain("the applicant id is empty");
    const before = (await db().query("SELECT id FROM import_runs WHERE tenant_id = 'sample-shoji'")).rows
      .length;
    expect((await shoji.submit("/app/imports", "/app/imports/run")).status).toBe(303);
    const after = (await db().query("SELECT id FROM import_runs WHERE tenant_id = 'sample-shoji'")).rows
      .length;
    expect(after).toBe(before + 1);
    expect((await shoji.page("/app/imports")).html).toContain("manual (recruiter@sample-shoji.example)");
  });
});
