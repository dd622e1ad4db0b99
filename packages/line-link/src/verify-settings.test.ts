import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createMessagingClient,
  type LineLinkSettings,
  LineLoginClient,
  lineUrls,
  parseLineLinkSettings,
  verifySettings,
} from "./index";
import { SEED_SETTINGS } from "./testing/fixtures";
import { API, LINE_ERRORS, type LineApiState, lineApiHandlers } from "./testing/line-api";

const settings = parseLineLinkSettings(SEED_SETTINGS);
const urls = lineUrls(settings);
const state: LineApiState = { pushes: [], acceptedRetryKeys: new Set() };
const server = setupServer(
  ...lineApiHandlers(state, { channelId: settings.messaging.channelId, webhookUrl: urls.webhookUrl }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function verify(s: LineLinkSettings = settings) {
  return verifySettings(s, {
    messaging: createMessagingClient({ channelAccessToken: s.messaging.channelAccessToken, timeoutMs: 200 }),
    login: new LineLoginClient({
      channelId: s.login.channelId,
      channelSecret: s.login.channelSecret,
      timeoutMs: 200,
    }),
    selfTestUrl: "https://ats.example.com/line/acme/link/self-test-token",
  });
}

/** The stateless-token endpoint answering per client_id: LINE's `invalid_client` for the listed ids. */
function statelessTokenRefusing(...badClientIds: string[]) {
  return http.post(`${API}/oauth2/v3/token`, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    if (badClientIds.includes(form.get("client_id") ?? "")) {
      return HttpResponse.json(LINE_ERRORS.invalidClient, { status: 400 });
    }
    return HttpResponse.json({ token_type: "Bearer", access_token: "eyJhbGciOiJIUz.....", expires_in: 899 });
  });
}

const codes = (report: Awaited<ReturnType<typeof verify>>) => report.problems.map((p) => p.code);

describe("verify settings (設定検証)", () => {
  it("passes with correct settings and still lists what no API can check — callback URL (seed troubleshooting ②), published Login channel (③), linked bot, same provider — with the self-test link", async () => {
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.passed).toEqual(
      expect.arrayContaining([
        "access_token_invalid",
        "access_token_other_channel",
        "messaging_credentials_invalid",
        "login_credentials_invalid",
        "webhook_url_not_set",
        "webhook_url_mismatch",
        "webhook_inactive",
        "webhook_test_failed",
      ]),
    );
    expect(report.manualChecks.map((c) => c.code)).toEqual([
      "callback_url_registered",
      "login_channel_published",
      "linked_bot",
      "same_provider",
    ]);
    expect(report.manualChecks[0]?.how.en).toContain(urls.loginCallbackUrl);
    expect(report.manualChecks[2]?.how.ja).toContain("@742xidkb");
    expect(report.selfTestUrl).toContain("/line/acme/link/");
  });

  it('reports "Webhook URLが一致しません" when LINE has another webhook URL (the seed\'s example)', async () => {
    server.use(
      http.get(`${API}/v2/bot/channel/webhook/endpoint`, () =>
        HttpResponse.json({ endpoint: "https://ats.jobcan.jp/_/line/webhook", active: true }),
      ),
    );
    const report = await verify();
    expect(codes(report)).toEqual(["webhook_url_mismatch"]);
    const [problem] = report.problems;
    expect(problem?.message.ja).toBe("Webhook URLが一致しません");
    expect(problem?.fix.ja).toContain("LINEのMessaging API設定ページでWebhook URLを設定してください");
    expect(problem?.fix.en).toContain(urls.webhookUrl);
    expect(problem?.detail).toContain("https://ats.jobcan.jp/_/line/webhook");
  });

  it("reports a webhook URL not set, and webhooks turned off", async () => {
    server.use(
      http.get(`${API}/v2/bot/channel/webhook/endpoint`, () =>
        HttpResponse.json({ endpoint: "", active: false }),
      ),
    );
    expect(codes(await verify())).toEqual(["webhook_url_not_set"]);
    server.use(
      http.get(`${API}/v2/bot/channel/webhook/endpoint`, () =>
        HttpResponse.json({ endpoint: urls.webhookUrl, active: false }),
      ),
    );
    const report = await verify();
    expect(codes(report)).toEqual(["webhook_inactive"]);
    expect(report.problems[0]?.fix.ja).toContain("Webhookの利用");
  });

  it("reports LINE's failed webhook test with its status and reason", async () => {
    server.use(
      http.post(`${API}/v2/bot/channel/webhook/test`, () =>
        HttpResponse.json({
          success: false,
          timestamp: "2026-11-21T05:38:20.031Z",
          statusCode: 401,
          reason: "ERROR_STATUS_CODE",
          detail: "401 Unauthorized",
        }),
      ),
    );
    const report = await verify();
    expect(codes(report)).toEqual(["webhook_test_failed"]);
    expect(report.problems[0]).toMatchObject({
      fields: ["messaging.channelSecret"],
      detail: "401 ERROR_STATUS_CODE: 401 Unauthorized",
    });
    expect(report.problems[0]?.message.en).toContain("status 401, ERROR_STATUS_CODE");

    server.use(
      http.post(`${API}/v2/bot/channel/webhook/test`, () =>
        HttpResponse.json({
          success: false,
          timestamp: "2026-11-21T05:38:20.031Z",
          statusCode: 0,
          reason: "COULD_NOT_CONNECT",
          detail: "Connection refused",
        }),
      ),
    );
    expect((await verify()).problems[0]?.fix.en).toContain("reachable from the internet");
  });

  it("reports an expired or invalid access token, and skips the webhook checks that need it", async () => {
    server.use(
      http.post(`${API}/v2/oauth/verify`, () => HttpResponse.json(LINE_ERRORS.tokenExpired, { status: 400 })),
    );
    const expired = await verify();
    expect(codes(expired)).toEqual(["access_token_invalid"]);
    expect(expired.problems[0]?.message.ja).toContain("有効期限が切れています");
    expect(expired.problems[0]?.fields).toEqual(["messaging.channelAccessToken"]);

    server.use(
      http.post(`${API}/v2/oauth/verify`, () => HttpResponse.json(LINE_ERRORS.tokenInvalid, { status: 400 })),
    );
    expect((await verify()).problems[0]?.message.en).toBe("The channel access token is not valid.");
  });

  it("reports a token issued for another channel than the one entered", async () => {
    server.use(
      http.post(`${API}/v2/oauth/verify`, () =>
        HttpResponse.json({
          client_id: "1600000001",
          expires_in: 2591659,
          scope: "profile chat_message.write",
        }),
      ),
    );
    const report = await verify();
    expect(codes(report)).toEqual(["access_token_other_channel"]);
    expect(report.problems[0]?.message.en).toContain("belongs to channel 1600000001");
  });

  it("tells a wrong Messaging channel secret from a wrong id", async () => {
    server.use(statelessTokenRefusing(settings.messaging.channelId));
    const report = await verify();
    expect(codes(report)).toEqual(["messaging_credentials_invalid"]);
    expect(report.problems[0]?.fields).toEqual(["messaging.channelSecret"]);
  });

  it("reports wrong LINE Login channel id/secret (seed troubleshooting ①)", async () => {
    server.use(statelessTokenRefusing(settings.login.channelId));
    const report = await verify();
    expect(codes(report)).toEqual(["login_credentials_invalid"]);
    expect(report.problems[0]?.message.ja).toContain("ログインAPIのチャネルIDまたはチャネルシークレット");
    expect(report.problems[0]?.detail).toContain("invalid_client");
  });

  it("says what could not be checked when LINE does not answer, instead of blaming the settings", async () => {
    server.use(
      http.post(`${API}/v2/oauth/verify`, async () => delay("infinite")),
      http.post(`${API}/oauth2/v3/token`, () =>
        HttpResponse.json({ message: "Internal error" }, { status: 500 }),
      ),
    );
    const report = await verify();
    expect(codes(report)).toEqual(["line_unreachable", "line_unreachable", "line_unreachable"]);
    expect(report.ok).toBe(false);
  });

  it("lists several problems at once", async () => {
    server.use(
      statelessTokenRefusing(settings.messaging.channelId, settings.login.channelId),
      http.get(`${API}/v2/bot/channel/webhook/endpoint`, () =>
        HttpResponse.json({ endpoint: "", active: false }),
      ),
    );
    expect(codes(await verify())).toEqual([
      "messaging_credentials_invalid",
      "login_credentials_invalid",
      "webhook_url_not_set",
    ]);
  });
});
