import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createMessagingClient,
  InMemoryLinkingStore,
  InMemoryLinkStore,
  LineLinking,
  LineLoginClient,
  lineUrls,
  parseLineLinkSettings,
  renderCandidatePage,
  verifyLineIdToken,
} from "./index";
import { CANDIDATE_USER, OTHER_USER, SEED_SETTINGS } from "./testing/fixtures";
import { API, LINE_ERRORS, type LineApiState, lineApiHandlers } from "./testing/line-api";
import { FakeLineLogin, signIdToken } from "./testing/line-login-mock";

const settings = parseLineLinkSettings(SEED_SETTINGS);
const urls = lineUrls(settings);
let clock = new Date("2026-11-21T01:00:00Z");
const fake = new FakeLineLogin(settings.login.channelId, settings.login.channelSecret, () => clock);
const state: LineApiState = { pushes: [], acceptedRetryKeys: new Set() };
const server = setupServer(
  ...fake.handlers(),
  ...lineApiHandlers(state, { channelId: settings.messaging.channelId, webhookUrl: urls.webhookUrl }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let links: InMemoryLinkStore;
let linkingStore: InMemoryLinkingStore;
let linking: LineLinking;

beforeEach(async () => {
  clock = new Date("2026-11-21T01:00:00Z");
  fake.friends.clear();
  fake.idToken = {};
  fake.deauthorized.length = 0;
  links = new InMemoryLinkStore();
  linkingStore = new InMemoryLinkingStore();
  linking = await LineLinking.create({
    settings,
    links,
    linking: linkingStore,
    login: new LineLoginClient({
      channelId: settings.login.channelId,
      channelSecret: settings.login.channelSecret,
    }),
    messaging: createMessagingClient({ channelAccessToken: settings.messaging.channelAccessToken }),
    logger: { warn() {} },
    now: () => clock,
  });
});

const tokenOf = (url: string) => url.slice(urls.linkStartUrlPrefix.length);

async function open(url: string, options: { retry?: boolean } = {}) {
  const started = await linking.start(tokenOf(url), options);
  if (started.type !== "redirect") throw new Error(`expected a redirect, got ${started.page.kind}`);
  return started.location;
}

async function linkAs(url: string, userId: string, options: { addFriend?: boolean } = {}) {
  return linking.callback(fake.authorize(await open(url), userId, options));
}

describe("linking URL", () => {
  it("starts LINE Login with code flow, server-side state, nonce, profile openid, bot_prompt=aggressive and prompt=consent", async () => {
    const { url, expiresAt } = await linking.createLinkingUrl({
      candidateId: "cand-1",
      applicationId: "app-1",
    });
    expect(url.startsWith("https://ats.example.com/line/acme/link/")).toBe(true);
    expect(expiresAt.getTime() - clock.getTime()).toBe(7 * 24 * 3600 * 1000);
    const location = new URL(await open(url));
    expect(location.origin + location.pathname).toBe("https://access.line.me/oauth2/v2.1/authorize");
    const q = location.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      response_type: "code",
      client_id: "1654668289",
      redirect_uri: urls.loginCallbackUrl,
      scope: "profile openid",
      bot_prompt: "aggressive",
      prompt: "consent",
    });
    expect(location.search).toContain("scope=profile%20openid");
    expect(q.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.has("disable_auto_login")).toBe(false);
    expect(new URL(await open(url, { retry: true })).searchParams.get("disable_auto_login")).toBe("true");
  });

  it("holds no candidate id and differs per call (unguessable)", async () => {
    const a = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const b = await linking.createLinkingUrl({ candidateId: "cand-1" });
    expect(a.url).not.toBe(b.url);
    expect(a.url).not.toContain("cand-1");
  });

  it("shows a clear page and links nothing for tampered, foreign, unknown, expired and reused URLs", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const token = tokenOf(url);
    const [id, exp, sig] = token.split(".") as [string, string, string];
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    const pageOf = async (t: string) => {
      const r = await linking.start(t);
      return r.type === "page" ? r.page.kind : "redirect";
    };
    expect(await pageOf(`${flip(id)}.${exp}.${sig}`)).toBe("invalid_link");
    expect(await pageOf(`${id}.${Number(exp) + 86400}.${sig}`)).toBe("invalid_link");
    expect(await pageOf(`${id}.${exp}.${flip(sig)}`)).toBe("invalid_link");
    expect(await pageOf("garbage")).toBe("invalid_link");

    const otherTenant = await LineLinking.create({
      settings: { ...settings, tenantId: "other" },
      links,
      linking: new InMemoryLinkingStore(),
      login: new LineLoginClient({
        channelId: settings.login.channelId,
        channelSecret: settings.login.channelSecret,
      }),
      now: () => clock,
    });
    expect((await otherTenant.start(token)).type).toBe("page");

    clock = new Date(clock.getTime() + 8 * 24 * 3600 * 1000);
    const expired = await linking.start(token);
    expect(expired.type === "page" && expired.page).toMatchObject({ kind: "expired_link", status: 410 });
    clock = new Date("2026-11-21T01:00:00Z");

    // Two logins started from the same URL (forwarded, or opened twice): only the first links.
    const second = fake.authorize(await open(url), OTHER_USER);
    expect((await linkAs(url, CANDIDATE_USER)).outcome).toBe("linked");
    expect((await linking.callback(second)).page.kind).toBe("used_link");
    expect(await links.getByLineUser(OTHER_USER)).toBeUndefined();
    const reused = await linking.start(token);
    expect(reused.type === "page" && reused.page.kind).toBe("used_link");
  });
});

describe("Login callback", () => {
  it("links the candidate: state, code exchange, ID token, friendship, stored link", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1", applicationId: "app-1" });
    const result = await linkAs(url, CANDIDATE_USER);
    expect(result).toMatchObject({
      outcome: "linked",
      candidateId: "cand-1",
      lineUserId: CANDIDATE_USER,
      friend: true,
    });
    expect(result.page).toMatchObject({ kind: "linked", status: 200, title: "LINE連携が完了しました" });
    const link = await links.getByCandidate("cand-1");
    expect(link).toMatchObject({ lineUserId: CANDIDATE_USER, applicationIds: ["app-1"], reachable: true });
    expect(link?.loginTokens?.accessToken).toBe(`at-${CANDIDATE_USER}`);
  });

  it("accepts a state once", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const query = fake.authorize(await open(url), CANDIDATE_USER);
    expect((await linking.callback(query)).outcome).toBe("linked");
    const replay = await linking.callback(query);
    expect(replay.page.kind).toBe("session_expired");
    expect(await linking.callback({ code: "x" })).toMatchObject({ page: { kind: "session_expired" } });
  });

  it("ends an expired login on a page with a retry that disables auto-login", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const query = fake.authorize(await open(url), CANDIDATE_USER);
    clock = new Date(clock.getTime() + 11 * 60 * 1000);
    const result = await linking.callback(query);
    expect(result.page.kind).toBe("session_expired");
    expect(result.page.retryUrl).toBe(`${url}?retry=1`);
    expect(await links.getByCandidate("cand-1")).toBeUndefined();
  });

  it("access_denied (the candidate declined) → a page that explains and a retry without auto-login", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const location = await open(url);
    const state = new URL(location).searchParams.get("state")!;
    const result = await linking.callback({
      error: "access_denied",
      error_description: "The resource owner denied the request.",
      state,
    });
    expect(result.page).toMatchObject({ kind: "login_cancelled", status: 403, retryUrl: `${url}?retry=1` });
    expect(result.page.message).toContain("許可する");
    const retry = new URL(result.page.retryUrl!);
    const again = await linking.start(tokenOf(retry.origin + retry.pathname), {
      retry: retry.searchParams.get("retry") === "1",
    });
    expect(again.type === "redirect" && new URL(again.location).searchParams.get("disable_auto_login")).toBe(
      "true",
    );
  });

  it("invalid code after a failed auto-login (seed: オートログインに失敗しました) → login_failed with retry", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const query = fake.authorize(await open(url), CANDIDATE_USER);
    fake.tokenError = { status: 400, body: LINE_ERRORS.invalidGrant };
    const result = await linking.callback(query);
    expect(result).toMatchObject({
      outcome: "login_error",
      reason: "invalid_grant: invalid authorization code",
    });
    expect(result.page).toMatchObject({ kind: "login_failed", retryUrl: `${url}?retry=1` });
    expect(result.page.message).toContain("オートログインに失敗しました");
    // The URL is not spent: the retry links.
    expect((await linkAs(url, CANDIDATE_USER)).outcome).toBe("linked");
  });

  it("wrong Login channel secret in the settings (seed troubleshooting ①) → a company-side error page", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const query = fake.authorize(await open(url), CANDIDATE_USER);
    fake.tokenError = { status: 400, body: LINE_ERRORS.invalidClient };
    const result = await linking.callback(query);
    expect(result.page).toMatchObject({ kind: "company_settings_error", status: 502 });
    expect(result.reason).toContain("invalid_client");
    expect(result.page.retryUrl).toBeUndefined();
  });

  it("callback URL registered at LINE differs from ours (seed troubleshooting ②) → a company-side error page", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const query = fake.authorize(await open(url), CANDIDATE_USER);
    fake.tokenError = { status: 400, body: LINE_ERRORS.redirectMismatch };
    const result = await linking.callback(query);
    expect(result.page).toMatchObject({ kind: "company_settings_error", status: 502 });
    expect(result.reason).toBe("invalid_grant: redirect_uri does not match");
    expect(await links.getByCandidate("cand-1")).toBeUndefined();
  });

  it.each([
    ["signed with another secret", { secret: "ffffffffffffffffffffffffffffffff" }, "bad_signature"],
    ["wrong issuer", { claims: { iss: "https://evil.example.com" } }, "wrong_issuer"],
    ["another channel's token", { claims: { aud: "1600000000" } }, "wrong_audience"],
    ["expired", { claims: { exp: 1700000000 } }, "expired"],
    ["replayed nonce", { claims: { nonce: "old-nonce" } }, "nonce_mismatch"],
    ["alg none", { header: { alg: "none" } }, "unsupported_algorithm"],
  ])("refuses an ID token %s and links nothing", async (_name, overrides, failure) => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    fake.idToken = overrides;
    const result = await linkAs(url, CANDIDATE_USER);
    expect(result.page.kind).toBe("login_failed");
    expect(result.reason).toBe(`ID token refused: ${failure}`);
    expect(await links.getByCandidate("cand-1")).toBeUndefined();
  });

  it("links a candidate who skipped add-friend as unreachable, with the add-friend link", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const result = await linkAs(url, CANDIDATE_USER, { addFriend: false });
    expect(result).toMatchObject({ outcome: "linked", friend: false });
    expect(result.page).toMatchObject({
      kind: "linked_not_friend",
      addFriendUrl: "https://line.me/R/ti/p/%40742xidkb",
    });
    expect((await links.getByCandidate("cand-1"))?.reachable).toBe(false);
  });

  it("shares one link across a candidate's applications", async () => {
    await linkAs(
      (await linking.createLinkingUrl({ candidateId: "cand-1", applicationId: "app-1" })).url,
      CANDIDATE_USER,
    );
    const second = await linkAs(
      (await linking.createLinkingUrl({ candidateId: "cand-1", applicationId: "app-2" })).url,
      CANDIDATE_USER,
    );
    expect(second.outcome).toBe("application_added");
    expect((await links.getByCandidate("cand-1"))?.applicationIds).toEqual(["app-1", "app-2"]);
  });

  it("re-links a candidate who logs in with another LINE account", async () => {
    await linkAs((await linking.createLinkingUrl({ candidateId: "cand-1" })).url, CANDIDATE_USER);
    const result = await linkAs((await linking.createLinkingUrl({ candidateId: "cand-1" })).url, OTHER_USER);
    expect(result).toMatchObject({ outcome: "relinked", previousLineUserId: CANDIDATE_USER });
    expect(fake.deauthorized.map((d) => d.userAccessToken)).toEqual([`at-${CANDIDATE_USER}`]);
    expect(await links.getByLineUser(CANDIDATE_USER)).toBeUndefined();
    expect((await links.getByLineUser(OTHER_USER))?.candidateId).toBe("cand-1");
  });

  it("never links a LINE user already linked to another candidate (a forwarded URL)", async () => {
    await linkAs((await linking.createLinkingUrl({ candidateId: "cand-1" })).url, CANDIDATE_USER);
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-2" });
    const result = await linkAs(url, CANDIDATE_USER);
    expect(result.page).toMatchObject({ kind: "linked_to_other_candidate", status: 409 });
    expect(await links.getByCandidate("cand-2")).toBeUndefined();
    expect((await linking.start(tokenOf(url))).type).toBe("redirect");
  });

  it("renders pages as escaped, script-free HTML", async () => {
    const { url } = await linking.createLinkingUrl({ candidateId: "cand-1" });
    const location = await open(url);
    const result = await linking.callback({
      error: "access_denied",
      state: new URL(location).searchParams.get("state")!,
    });
    const html = renderCandidatePage({ ...result.page, title: "<script>x</script>" });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain(`href="${url}?retry=1"`);
  });
});

describe("unlinking", () => {
  it("removes the link and deauthorizes the app at LINE with a Login channel token", async () => {
    await linkAs((await linking.createLinkingUrl({ candidateId: "cand-1" })).url, CANDIDATE_USER);
    expect(await linking.unlink("cand-1")).toEqual({ unlinked: true, deauthorized: true });
    expect(fake.deauthorized).toEqual([
      { userAccessToken: `at-${CANDIDATE_USER}`, authorization: "Bearer eyJhbGciOiJIUz....." },
    ]);
    expect(await links.getByCandidate("cand-1")).toBeUndefined();
    expect(await linking.unlink("cand-1")).toMatchObject({ unlinked: false });
  });

  it("refreshes an expired access token (30 days) before deauthorizing", async () => {
    await linkAs((await linking.createLinkingUrl({ candidateId: "cand-1" })).url, CANDIDATE_USER);
    clock = new Date(clock.getTime() + 31 * 24 * 3600 * 1000);
    expect(await linking.unlink("cand-1")).toEqual({ unlinked: true, deauthorized: true });
    expect(fake.deauthorized.map((d) => d.userAccessToken)).toEqual([`at2-${CANDIDATE_USER}`]);
  });

  it("reports a refused refresh token and still unlinks", async () => {
    await linkAs((await linking.createLinkingUrl({ candidateId: "cand-1" })).url, CANDIDATE_USER);
    fake.refreshTokens.clear();
    clock = new Date(clock.getTime() + 31 * 24 * 3600 * 1000);
    expect(await linking.unlink("cand-1")).toEqual({
      unlinked: true,
      deauthorized: false,
      reason: "refresh token refused: invalid_grant: invalid refresh token",
    });
    expect(fake.deauthorized).toEqual([]);
  });

  it("still unlinks when LINE refuses to deauthorize (expired user token)", async () => {
    await linkAs((await linking.createLinkingUrl({ candidateId: "cand-1" })).url, CANDIDATE_USER);
    server.use(
      http.post(`${API}/user/v1/deauthorize`, () =>
        HttpResponse.json({ message: "The access token is expired" }, { status: 400 }),
      ),
    );
    const result = await linking.unlink("cand-1");
    expect(result).toMatchObject({ unlinked: true, deauthorized: false });
    expect(result.reason).toContain("The access token is expired");
  });
});

describe("self-test on the recruiter's own LINE account", () => {
  it("passes when callback, linked bot and provider are right; links nobody", async () => {
    const { url } = await linking.createSelfTestUrl();
    const result = await linkAs(url, CANDIDATE_USER);
    expect(result).toMatchObject({ outcome: "self_test", page: { kind: "self_test_passed" } });
    expect(await links.getByLineUser(CANDIDATE_USER)).toBeUndefined();
  });

  it("reports channels under different providers (the Messaging API does not know the Login user id)", async () => {
    server.use(
      http.get(`${API}/v2/bot/profile/:id`, () =>
        HttpResponse.json(LINE_ERRORS.profileNotFound, { status: 404 }),
      ),
    );
    const result = await linkAs((await linking.createSelfTestUrl()).url, CANDIDATE_USER);
    expect(result.page.kind).toBe("self_test_failed");
    expect(result.page.details?.join("\n")).toContain("同じプロバイダー");
  });

  it("reports a missing linked bot (no add-friend)", async () => {
    const result = await linkAs((await linking.createSelfTestUrl()).url, CANDIDATE_USER, {
      addFriend: false,
    });
    expect(result.page.details?.join("\n")).toContain("リンクされたボット");
  });
});

describe("ID token verification", () => {
  it("accepts LINE's HS256 token and rejects a malformed one", async () => {
    const now = new Date("2026-11-21T01:00:00Z");
    const iat = now.getTime() / 1000;
    const token = await signIdToken(settings.login.channelSecret, {
      iss: "https://access.line.me",
      sub: CANDIDATE_USER,
      aud: settings.login.channelId,
      exp: iat + 3600,
      iat,
      nonce: "n-1",
    });
    const expected = {
      channelId: settings.login.channelId,
      channelSecret: settings.login.channelSecret,
      nonce: "n-1",
      now,
    };
    expect(await verifyLineIdToken(token, expected)).toMatchObject({
      ok: true,
      claims: { sub: CANDIDATE_USER },
    });
    expect(await verifyLineIdToken("a.b", expected)).toEqual({ ok: false, failure: "malformed" });
    expect(await verifyLineIdToken(`${token}x`, expected)).toMatchObject({ ok: false });
  });

  it("the Login client uses the injected fetch", async () => {
    const seen: string[] = [];
    const client = new LineLoginClient({
      channelId: settings.login.channelId,
      channelSecret: settings.login.channelSecret,
      fetch: async (input, init) => {
        seen.push(`${init?.method} ${String(input)}`);
        return Response.json({ friendFlag: true });
      },
    });
    expect(await client.getFriendship("token")).toBe(true);
    expect(seen).toEqual(["GET https://api.line.me/friendship/v1/status"]);
  });
});
