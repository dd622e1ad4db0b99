import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlSeminarMappingStore } from "../db/sql-import-stores";
import { startDemoForPages } from "./demo-fixture";
import { PAGES_TENANT, startPagesTestServer } from "./pages-test-server";
import { WebTestClient } from "./web-test-client";

let pages: Awaited<ReturnType<typeof startPagesTestServer>>;
let demo: Awaited<ReturnType<typeof startDemoForPages>>;
let kaisha: WebTestClient;
beforeAll(async () => {
  [pages, demo] = await Promise.all([startPagesTestServer(), startDemoForPages()]);
  kaisha = new WebTestClient(pages.server.url);
  await kaisha.login(pages.user.tenantId, pages.user.email, pages.user.password);
}, 90_000);
afterAll(async () => {
  await pages?.close();
  await demo?.close();
});

async function demoClient(tenantId: string) {
  const user = demo.users.find((entry) => entry.tenantId === tenantId)!;
  const client = new WebTestClient(demo.demo.server.url);
  await client.login(user.tenantId, user.email, user.password);
  return client;
}

describe("LINE settings", () => {
  it("shows the URLs to paste and verifies the settings against LINE (mock): every check passes", async () => {
    const { html } = await kaisha.page("/app/settings");
    expect(html).toContain(`http://127.0.0.1:3000/line/${PAGES_TENANT}/webhook`);
    const response = await kaisha.submit("/app/settings", "/app/settings/line/verify");
    const report = await response.text();
    expect(response.status).toBe(200);
    expect(report).toContain("問題は見つかりませんでした。");
    expect(report).toContain(
      'Webhook URLがこのATSのURL <span class="hint">(webhook_url_mismatch)</span></td><td>✓',
    );
    expect(report).toContain("手動で確認すること");
  });

  it("reports a wrong webhook URL registered at LINE with its fix", async () => {
    pages.lineMock.registeredWebhookUrl = "https://old-ats.example.com/line/webhook";
    try {
      const report = await (await kaisha.submit("/app/settings", "/app/settings/line/verify")).text();
      expect(report).toContain("1 件の問題が見つかりました。");
      expect(report).toContain("webhook_url_mismatch");
      expect(report).toContain("https://old-ats.example.com/line/webhook");
    } finally {
      pages.lineMock.registeredWebhookUrl = (await pages.server.registry.get(PAGES_TENANT))
        .line!.urls.webhookUrl;
    }
  });
});

describe("import settings", () => {
  it("adds a board account, and refuses one that is already registered or incomplete", async () => {
    const response = await kaisha.submit("/app/settings", "/app/settings/imports/accounts", {
      board: "green",
      login: "green-kaisha",
      graduationYear: "",
    });
    expect(response.status).toBe(303);
    const accounts = (await pages.server.registry.get(PAGES_TENANT)).settings.imports!.accounts;
    expect(accounts.at(-1)).toMatchObject({ board: "green", login: "green-kaisha", enabled: true });
    const again = await kaisha.submit("/app/settings", "/app/settings/imports/accounts", {
      board: "green",
      login: "green-kaisha",
      graduationYear: "",
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("is already registered");
    const miws = await kaisha.submit("/app/settings", "/app/settings/imports/accounts", {
      board: "mynavi-shinsotsu",
      login: "miws-kaisha",
      graduationYear: "",
    });
    expect(await miws.text()).toContain("MIWS accounts are per graduation year");
    const unknown = await kaisha.submit("/app/settings", "/app/settings/imports/accounts", {
      board: "bizreach",
      login: "x",
      graduationYear: "",
    });
    expect(await unknown.text()).toContain("Choose a board from the list");
  });

  it("saves the 4-slot schedule, the notification addresses and the enabled accounts", async () => {
    const response = await kaisha.submit("/app/settings", "/app/settings/imports", {
      slot1: "09:00",
      slot2: "12:30",
      slot3: "15:00",
      slot4: "18:30",
      startDate: "2026-11-20",
      to: "hr@kaisha.example.jp, boss@kaisha.example.jp",
      cc: "",
    });
    expect(response.status).toBe(303);
    const tenant = await pages.server.registry.get(PAGES_TENANT);
    expect(tenant.settings.imports!.schedule.slots).toEqual(["09:00", "12:30", "15:00", "18:30"]);
    expect(tenant.settings.imports!.recipients.to).toEqual([
      "hr@kaisha.example.jp",
      "boss@kaisha.example.jp",
    ]);
    expect(tenant.settings.imports!.accounts[0]!.enabled).toBe(false);
    expect((await kaisha.page("/app/settings")).html).toContain("取り込み設定を保存しました");
  });

  it("refuses an off-grid time and a wrong address, saving nothing", async () => {
    const response = await kaisha.submit("/app/settings", "/app/settings/imports", {
      slot1: "09:15",
      startDate: "2026-11-20",
      to: "not-an-address",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("30-minute grid");
    expect(html).toContain("&quot;not-an-address&quot; is not an e-mail address");
    expect((await pages.server.registry.get(PAGES_TENANT)).settings.imports!.schedule.slots).toHaveLength(4);
  });

  it("shows each row's errors of a broken MIWS seminar mapping and stores a good one", async () => {
    const { html } = await kaisha.page("/app/settings");
    const token = WebTestClient.csrfOf(html);
    const broken = "イベントID,セミナー番号\n1.23E+11,S-100\nevt-2,\n\tevt-3,S-300\n";
    const refused = await kaisha.post(
      "/app/settings/miws-mapping",
      { _csrf: token, account: "acc-mynavi" },
      {
        field: "file",
        name: "mapping.csv",
        bytes: new TextEncoder().encode(broken),
      },
    );
    expect(refused.status).toBe(400);
    const report = await refused.text();
    expect(report).toContain("row 2 / A");
    expect(report).toContain("exponent notation");
    expect(report).toContain("row 3 / B");
    expect(report).toContain("row 4 / A");
    expect(await new SqlSeminarMappingStore(pages.server.db, PAGES_TENANT).get("acc-mynavi")).toBeUndefined();
    const saved = await kaisha.post(
      "/app/settings/miws-mapping",
      { _csrf: token, account: "acc-mynavi" },
      {
        field: "file",
        name: "mapping.csv",
        bytes: new TextEncoder().encode("イベントID,セミナー番号\nevt-1,S-100\nevt-1,S-101\n"),
      },
    );
    expect(saved.status).toBe(303);
    const mapping = await new SqlSeminarMappingStore(pages.server.db, PAGES_TENANT).get("acc-mynavi");
    expect([...mapping!.seminarToEvent]).toEqual([
      ["S-100", "evt-1"],
      ["S-101", "evt-1"],
    ]);
    // Without the session's token the upload is refused like any other form.
    const forged = await kaisha.post(
      "/app/settings/miws-mapping",
      { account: "acc-mynavi" },
      {
        field: "file",
        name: "mapping.csv",
        bytes: new TextEncoder().encode("evt-9,S-9\n"),
      },
    );
    expect(forged.status).toBe(403);
  });
});

describe("TopCV, Indeed and routing settings", () => {
  it("shows the TopCV webhook URL, disconnects, refuses wrong credentials and connects again", async () => {
    const mau = await demoClient("mau-vn");
    const before = (await mau.page("/app/settings")).html;
    expect(before).toMatch(
      /id="topcv-endpoint" readonly value="https:\/\/ats\.example\.test\/topcv\/webhooks\/[^"]+"/,
    );
    expect((await mau.submit("/app/settings", "/app/settings/topcv/disconnect")).status).toBe(303);
    expect((await mau.page("/app/settings")).html).toContain("未接続");
    const wrong = await mau.submit("/app/settings", "/app/settings/topcv", {
      accessToken: "at_wrong",
      secretKey: "sk_wrong",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('class="notice error"');
    const right = await mau.submit("/app/settings", "/app/settings/topcv", {
      accessToken: "at_mau_demo",
      secretKey: "sk_mau_demo",
    });
    expect(right.status).toBe(303);
    expect((await mau.page("/app/settings")).html).toContain("接続済み");
  });

  it("shows the Indeed feed URL and lints the feed", async () => {
    const shoji = await demoClient("sample-shoji");
    expect((await shoji.page("/app/settings")).html).toContain(
      "https://ats.example.test/t/sample-shoji/indeed/feed.xml",
    );
    const response = await shoji.submit("/app/settings", "/app/settings/indeed/lint");
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(
      /data-testid="lint-report"><p>(問題は見つかりませんでした。|\d+ 件の指摘)/,
    );
  });

  it("tests a position name against the routing rules and explains the match", async () => {
    const shoji = await demoClient("sample-shoji");
    const matched = (
      await shoji.page(`/app/settings?position=${encodeURIComponent("ﾃﾞｰﾀｴﾝｼﾞﾆｱ(東京)")}&route=normal`)
    ).html;
    expect(matched).toContain("→ データエンジニア");
    expect(matched).toMatch(/Rule &quot;[^&]+&quot; \(#2\) matched/);
    const none = (await shoji.page(`/app/settings?position=${encodeURIComponent("経理")}`)).html;
    expect(none).toContain("→ 未振り分け");
    expect(none).toContain("No rule matched");
  });
});
