import { Client } from "@line/bot-sdk";
import { ConflictError, HttpError, NotFoundError, ValidationError } from "@org/ats-core";
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  Conversations,
  createMessagingClient,
  InMemoryConversationStore,
  InMemoryLinkStore,
  lineUrls,
  parseLineLinkSettings,
} from "./index";
import { CANDIDATE_USER, SEED_SETTINGS } from "./testing/fixtures";
import { API, LINE_ERRORS, type LineApiState, lineApiHandlers } from "./testing/line-api";

const settings = parseLineLinkSettings(SEED_SETTINGS);
const state: LineApiState = { pushes: [], acceptedRetryKeys: new Set() };
const server = setupServer(
  ...lineApiHandlers(state, {
    channelId: settings.messaging.channelId,
    webhookUrl: lineUrls(settings).webhookUrl,
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let links: InMemoryLinkStore;
let store: InMemoryConversationStore;
let conversations: Conversations;
let clock: Date;

beforeEach(async () => {
  state.pushes = [];
  state.acceptedRetryKeys.clear();
  links = new InMemoryLinkStore();
  store = new InMemoryConversationStore();
  clock = new Date("2026-11-21T01:00:00Z");
  conversations = new Conversations({
    links,
    conversations: store,
    messaging: createMessagingClient({
      channelAccessToken: settings.messaging.channelAccessToken,
      timeoutMs: 100,
    }),
    sleep: async () => {},
    now: () => clock,
  });
  await links.save({
    candidateId: "cand-1",
    lineUserId: CANDIDATE_USER,
    applicationIds: ["app-1"],
    linkedAt: clock,
    reachable: true,
  });
});

describe("msw and @line/bot-sdk", () => {
  it("intercepts the SDK in Node on both its transports (fetch clients and the axios-based legacy Client)", async () => {
    const client = createMessagingClient({ channelAccessToken: "token" });
    expect((await client.getProfile(CANDIDATE_USER)).displayName).toBe("田中 太郎");
    const legacy = new Client({ channelAccessToken: "token" });
    expect((await legacy.getProfile(CANDIDATE_USER)).displayName).toBe("田中 太郎");
  });
});

describe("sending", () => {
  it("pushes up to 5 texts with an X-Line-Retry-Key and stores them as read outbound messages", async () => {
    const result = await conversations.send("cand-1", ["田中様", "面接日程のご連絡です。"], {
      sentBy: "rec-7",
    });
    expect(state.pushes).toEqual([
      { to: CANDIDATE_USER, texts: ["田中様", "面接日程のご連絡です。"], retryKey: result.retryKey },
    ]);
    expect(result).toMatchObject({ alreadyAccepted: false, attempts: 1 });
    const history = await conversations.history("cand-1");
    expect(history.map((m) => [m.direction, m.text, m.sentBy, m.lineMessageId])).toEqual([
      ["outbound", "田中様", "rec-7", "461230966842064897"],
      ["outbound", "面接日程のご連絡です。", "rec-7", "461230966842064898"],
    ]);
  });

  it("counts LINE's 409 for a reused retry key as success, and sends nothing twice", async () => {
    const first = await conversations.send("cand-1", "hello");
    const again = await conversations.send("cand-1", "hello", { retryKey: first.retryKey });
    expect(again.alreadyAccepted).toBe(true);
    expect(again.messages[0]?.lineMessageId).toBe("461230966842064897");
    expect(state.pushes).toHaveLength(1);
    expect(await conversations.history("cand-1")).toHaveLength(1);
  });

  it("retries a timed-out push with the same retry key; LINE's 409 then confirms the first went through", async () => {
    let calls = 0;
    server.use(
      http.post(`${API}/v2/bot/message/push`, async ({ request }) => {
        calls++;
        const key = request.headers.get("x-line-retry-key")!;
        if (calls === 1) {
          state.acceptedRetryKeys.add(key); // LINE accepted it, but the answer is late
          await delay(1000);
          return HttpResponse.json({ sentMessages: [] });
        }
        return HttpResponse.json(LINE_ERRORS.retryKeyAccepted, { status: 409 });
      }),
    );
    const result = await conversations.send("cand-1", "面接は14時からです");
    expect(result).toMatchObject({ alreadyAccepted: true, attempts: 2 });
  });

  it("gives up with a timeout HttpError after every attempt", async () => {
    server.use(http.post(`${API}/v2/bot/message/push`, async () => delay("infinite")));
    await expect(conversations.send("cand-1", "x")).rejects.toSatisfy(
      (e) => HttpError.is(e) && e.code === "timeout",
    );
  });

  it("validates texts before any call: empty, over 5000 UTF-16 units, more than 5 messages", async () => {
    const emoji = "😀".repeat(2501); // 5002 UTF-16 code units, 2501 code points
    await expect(conversations.send("cand-1", ["ok", "", emoji])).rejects.toSatisfy(
      (e) =>
        ValidationError.is(e) &&
        e.issues.map((i) => i.path.join(".")).join() === "messages.1,messages.2" &&
        e.message.includes("5002 characters (UTF-16 code units)"),
    );
    await expect(conversations.send("cand-1", ["1", "2", "3", "4", "5", "6"])).rejects.toSatisfy(
      (e) => ValidationError.is(e) && e.issues[0]?.path.join() === "messages",
    );
    expect(await conversations.send("cand-1", "a".repeat(5000))).toBeTruthy();
    expect(state.pushes).toHaveLength(1);
  });

  it("refuses an invalid stored user id before calling LINE", async () => {
    await links.remove("cand-1");
    const bad = {
      candidateId: "cand-1",
      lineUserId: "U../../v2/bot/info",
      applicationIds: [],
      linkedAt: clock,
      reachable: true,
    };
    (links as unknown as { byCandidate: Map<string, unknown> }).byCandidate.set("cand-1", bad);
    await expect(conversations.send("cand-1", "x")).rejects.toSatisfy((e) => ValidationError.is(e));
    await expect(createMessagingClient({ channelAccessToken: "t" }).getProfile("U1234")).rejects.toSatisfy(
      (e) => ValidationError.is(e),
    );
    expect(state.pushes).toHaveLength(0);
  });

  it("refuses unlinked candidates and candidates who blocked the account", async () => {
    await expect(conversations.send("nobody", "x")).rejects.toSatisfy((e) => NotFoundError.is(e));
    await links.setReachable(CANDIDATE_USER, false, clock);
    await expect(conversations.send("cand-1", "x")).rejects.toSatisfy(
      (e) => ConflictError.is(e) && /never deliver/.test(e.message),
    );
    expect(state.pushes).toHaveLength(0);
  });

  it("turns LINE's errors into HttpErrors with LINE's message and the fix, token redacted", async () => {
    const cases = [
      [401, LINE_ERRORS.invalidToken, "auth_failed", /issue a new one/],
      [429, LINE_ERRORS.monthlyLimit, "rate_limited", /monthly limit/],
      [400, LINE_ERRORS.textTooLong, "http_error", /messages\[0\]\.text: Length must be between 0 and 5000/],
    ] as const;
    for (const [status, body, code, message] of cases) {
      server.use(http.post(`${API}/v2/bot/message/push`, () => HttpResponse.json(body, { status })));
      const error = await conversations.send("cand-1", "x").catch((e: unknown) => e);
      expect(HttpError.is(error)).toBe(true);
      if (!HttpError.is(error)) continue;
      expect(error).toMatchObject({ code, status });
      expect(error.message).toMatch(message);
      expect(JSON.stringify(error.exchange)).not.toContain(settings.messaging.channelAccessToken);
    }
  });
});

describe("unread rule (seed: 候補者のメッセージで終わっている状態を未読とします)", () => {
  const inbound = (id: string, at: string) => ({
    id,
    candidateId: "cand-1",
    direction: "inbound" as const,
    at: new Date(at),
    kind: "text" as const,
    text: "質問があります",
  });

  it("is unread when the candidate wrote last; 'mark as read' or a reply makes it read", async () => {
    expect(await conversations.isUnread("cand-1")).toBe(false);
    await store.append(inbound("line:1", "2026-11-21T00:30:00Z"));
    expect(await conversations.isUnread("cand-1")).toBe(true);
    expect(await conversations.unreadCount()).toBe(1);
    await conversations.markRead("cand-1");
    expect(await conversations.isUnread("cand-1")).toBe(false);

    await store.append(inbound("line:2", "2026-11-21T01:30:00Z"));
    expect(await conversations.unreadCandidateIds()).toEqual(["cand-1"]);
    clock = new Date("2026-11-21T02:00:00Z");
    await conversations.send("cand-1", "ご質問ありがとうございます");
    expect(await conversations.isUnread("cand-1")).toBe(false);
    expect(await conversations.unreadCount()).toBe(0);
  });

  it("counts unread threads per tenant for the dashboard", async () => {
    await store.append(inbound("line:1", "2026-11-21T00:30:00Z"));
    await store.append({ ...inbound("line:2", "2026-11-21T00:31:00Z"), candidateId: "cand-2" });
    await store.append({ ...inbound("line:3", "2026-11-21T00:32:00Z"), candidateId: "cand-3" });
    await store.markRead("cand-3", new Date("2026-11-21T00:40:00Z"));
    expect(await conversations.unreadCount()).toBe(2);
    expect(await store.append(inbound("line:1", "2026-11-21T00:30:00Z"))).toBe(false);
  });

  it("pages history backwards", async () => {
    for (let i = 0; i < 5; i++) await store.append(inbound(`line:${i}`, `2026-11-21T00:0${i}:00Z`));
    const newest = await conversations.history("cand-1", { limit: 2 });
    expect(newest.map((m) => m.id)).toEqual(["line:3", "line:4"]);
    const older = await conversations.history("cand-1", { before: newest[0]!.at, limit: 2 });
    expect(older.map((m) => m.id)).toEqual(["line:1", "line:2"]);
  });
});
