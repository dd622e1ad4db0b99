import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLineSignatureVerifier } from "@org/line-link";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateIdByName, startDemoForPages } from "./demo-fixture";
import { startPagesTestServer } from "./pages-test-server";

/**
 * Screenshots are always taken (rendering is part of the test), but written to the README's
 * docs/screenshots only with ATS_SCREENSHOTS=1, so that a test run does not change tracked files.
 */
const SCREENSHOTS =
  process.env["ATS_SCREENSHOTS"] === "1"
    ? path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../../docs/screenshots")
    : path.join(tmpdir(), "ats-screenshots");

let demo: Awaited<ReturnType<typeof startDemoForPages>>;
let pages: Awaited<ReturnType<typeof startPagesTestServer>>;
let browser: Browser;

beforeAll(async () => {
  [demo, pages] = await Promise.all([startDemoForPages(), startPagesTestServer()]);
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await pages?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, locale: "ja-JP" });
  return context.newPage();
}

async function logIn(
  page: Page,
  baseUrl: string,
  user: { tenantId: string; email: string; password: string },
) {
  await page.goto(`${baseUrl}/app`);
  await expect.poll(() => page.url()).toContain("/app/login");
  await page.getByLabel("会社ID").fill(user.tenantId);
  await page.getByLabel("メールアドレス").fill(user.email);
  await page.getByLabel("パスワード").fill(user.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL(`${baseUrl}/app`);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe("the recruiter's pages in Chromium", () => {
  it("logs in, reviews a possible duplicate and closes it as duplicate", async () => {
    const page = await newPage();
    const user = demo.users.find((entry) => entry.tenantId === "sample-shoji")!;
    await page.goto(`${demo.demo.server.url}/app/login`);
    await shot(page, "login");
    await logIn(page, demo.demo.server.url, user);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("ダッシュボード");
    await shot(page, "dashboard");

    await page.getByRole("link", { name: "候補者", exact: true }).click();
    await page.getByLabel("重複の可能性のみ").check();
    await page.getByRole("button", { name: "絞り込む" }).click();
    await expect.poll(() => page.getByText("4 件の応募").count()).toBe(1);
    await shot(page, "candidates");

    await page.getByRole("link", { name: "山田太郎", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("山田太郎");
    expect(await page.getByText("一致した理由").count()).toBe(1);
    await shot(page, "candidate-possible-duplicate");
    await page.getByRole("button", { name: "この応募を重複としてクローズ" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("応募を重複としてクローズしました。");
    expect(await page.getByRole("button", { name: "この応募を重複としてクローズ" }).count()).toBe(0);
    await page.context().close();
  });

  it("generates a linking URL, receives a LINE message (unread mark) and replies (cleared)", async () => {
    const page = await newPage();
    const url = demo.demo.server.url;
    await logIn(page, url, demo.users.find((entry) => entry.tenantId === "sample-shoji")!);
    const suzuki = await candidateIdByName(demo.demo, "sample-shoji", "鈴木 健");
    await page.goto(`${url}/app/candidates/${suzuki}/line`);
    await page.getByRole("button", { name: "LINE連携用URLを発行" }).click();
    const linking = await page.getByLabel(/メールに貼り付けるURL/).inputValue();
    expect(linking).toMatch(/^https:\/\/ats\.example\.test\/line\/sample-shoji\/link\/.+/);

    const { rows } = await demo.demo.server.db.query<{ secret: string }>(
      "SELECT settings->'line'->'messaging'->>'channelSecret' AS secret FROM tenants WHERE id = 'sample-shoji'",
    );
    const body = JSON.stringify({
      destination: `U${"d".repeat(32)}`,
      events: [
        {
          type: "message",
          webhookEventId: "01HF0000000000000000BROWSER",
          timestamp: Date.now(),
          source: { type: "user", userId: "U4af4980629e0f4bc7c0c2b3d5e5e9a7f" },
          message: { type: "text", id: "468531800999", text: "来週の火曜日はいかがでしょうか" },
        },
      ],
    });
    const signature = await (await createLineSignatureVerifier(rows[0]!.secret)).sign(body);
    const webhook = await fetch(`${url}/line/sample-shoji/webhook`, {
      method: "POST",
      body,
      headers: { "x-line-signature": signature, "content-type": "application/json" },
    });
    expect(webhook.status).toBe(200);

    await expect
      .poll(async () => {
        await page.goto(`${url}/app/candidates`);
        return page.locator(".mark.unread").count();
      })
      .toBe(1);
    const row = page.getByRole("row").filter({ has: page.locator(".mark.unread") });
    expect(await row.textContent()).toContain("山田 太郎");
    await row.getByRole("link").click();
    await page.getByRole("link", { name: "LINE" }).click();
    expect(await page.getByText("来週の火曜日はいかがでしょうか").count()).toBe(1);
    expect(await page.getByTestId("thread-unread").count()).toBe(1);
    await page.getByLabel("メッセージ").fill("火曜日の10時でお願いします。");
    await shot(page, "candidate-line");
    await page.getByRole("button", { name: "送信" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("送信しました。");
    expect(await page.getByTestId("thread-unread").count()).toBe(0);
    await page.goto(`${url}/app`);
    expect(await page.getByTestId("unread-count").textContent()).toBe("0");
    await page.context().close();
  });

  it("verifies LINE settings against a mock with a wrong webhook URL and shows the precise error", async () => {
    const page = await newPage();
    await logIn(page, pages.server.url, pages.user);
    pages.lineMock.registeredWebhookUrl = "https://old-ats.example.com/callback";
    try {
      await page.goto(`${pages.server.url}/app/settings`);
      await page.getByRole("button", { name: "設定を検証" }).click();
      const report = page.getByTestId("line-report");
      await expect.poll(() => report.textContent()).toContain("webhook_url_mismatch");
      expect(await report.textContent()).toContain("https://old-ats.example.com/callback");
      await report.screenshot({ path: path.join(SCREENSHOTS, "settings-line-verify.png") });
    } finally {
      pages.lineMock.registeredWebhookUrl = "";
    }
    await page.context().close();
  });

  it("uploads a broken MIWS seminar mapping and sees each row's error", async () => {
    const page = await newPage();
    await logIn(page, pages.server.url, pages.user);
    await page.goto(`${pages.server.url}/app/settings#miws`);
    await page.getByLabel("CSVファイル").setInputFiles({
      name: "seminars.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("イベントID,セミナー番号\n1.23E+11,S-100\nevt-2,\nevt-3,S 300\n"),
    });
    await page.getByRole("button", { name: "アップロード" }).click();
    const issues = page.getByTestId("mapping-issues");
    await expect.poll(() => issues.textContent()).toContain("row 2 / A");
    const text = await issues.textContent();
    expect(text).toContain("exponent notation");
    expect(text).toContain("row 3 / B");
    expect(text).toContain("row 4 / B");
    await page.locator("#miws").screenshot({ path: path.join(SCREENSHOTS, "settings-miws-errors.png") });
    await page.context().close();
  });

  it("shows the settings, import runs and English pages", async () => {
    const page = await newPage();
    const url = demo.demo.server.url;
    await logIn(page, url, demo.users.find((entry) => entry.tenantId === "sample-shoji")!);
    await page.goto(`${url}/app/settings?position=${encodeURIComponent("データエンジニア(東京)")}#routing`);
    expect(await page.getByTestId("routing-result").textContent()).toContain("データエンジニア");
    await page.locator("#routing").screenshot({ path: path.join(SCREENSHOTS, "settings-routing-test.png") });
    await page.goto(`${url}/app/settings`);
    await page.locator("#imports").screenshot({ path: path.join(SCREENSHOTS, "settings-imports.png") });
    await page.goto(`${url}/app/imports`);
    expect(await page.getByText("AMBI (スカウト)").count()).toBeGreaterThan(0);
    await shot(page, "import-runs");
    await page.getByRole("link", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Import runs");
    await page.goto(`${url}/app`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await shot(page, "dashboard-en");
    await page.context().close();
  });
});
