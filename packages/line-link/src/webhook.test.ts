import { InMemoryWebhookInbox, WebhookVerificationError } from "@org/ats-core";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  createLineSignatureVerifier,
  InMemoryConversationStore,
  InMemoryLinkStore,
  type LineEmojiDisplay,
  LineEventProcessor,
  LineWebhookReceiver,
  parseLineLinkSettings,
} from "./index";
import {
  CANDIDATE_USER,
  followEvent,
  lineBody,
  messageEvent,
  OTHER_USER,
  SEED_SETTINGS,
  textEvent,
} from "./testing/fixtures";

const settings = parseLineLinkSettings(SEED_SETTINGS);
const encoder = new TextEncoder();

async function setup(options: { lineEmoji?: LineEmojiDisplay; language?: "ja" | "en" } = {}) {
  const verifier = await createLineSignatureVerifier(settings.messaging.channelSecret);
  const inbox = new InMemoryWebhookInbox();
  const links = new InMemoryLinkStore();
  const conversations = new InMemoryConversationStore();
  const warnings: string[] = [];
  const logger = { warn: (message: string) => void warnings.push(message) };
  const notified: string[] = [];
  const receiver = new LineWebhookReceiver({ verifier, inbox, logger });
  const processor = new LineEventProcessor({
    inbox,
    links,
    conversations,
    lineEmoji: options.lineEmoji ?? "drop",
    language: options.language ?? "ja",
    logger,
    onCandidateMessage: ({ message }) => void notified.push(message.text),
  });
  await links.save({
    candidateId: "cand-1",
    lineUserId: CANDIDATE_USER,
    applicationIds: ["app-1"],
    linkedAt: new Date(),
    reachable: true,
  });
  const deliver = async (body: string) => receiver.receive(encoder.encode(body), await verifier.sign(body));
  return { verifier, inbox, links, conversations, receiver, processor, deliver, warnings, notified };
}

describe("webhook signature", () => {
  it("verifies over the raw bytes; the same body re-serialised fails (emoji escaped as LINE sends them)", async () => {
    const { verifier, receiver, inbox } = await setup();
    const raw = lineBody([textEvent(CANDIDATE_USER, "面接の件、承知しました😀")]);
    expect(raw).toContain("\\ud83d\\ude00");
    const signature = await verifier.sign(raw);
    await expect(verifier.verify(encoder.encode(raw), signature)).resolves.toBeUndefined();

    const reserialised = JSON.stringify(JSON.parse(raw));
    const receipt = await receiver.receive(encoder.encode(reserialised), signature);
    expect(receipt.status).toBe(401);
    expect(receipt.verificationError?.reason).toBe("signature_mismatch");
    expect(await inbox.pending()).toEqual([]);
  });

  it("answers 401 and stores nothing for a missing, malformed or wrong signature, or a parsed body", async () => {
    const { verifier, receiver, inbox } = await setup();
    const raw = lineBody([textEvent(CANDIDATE_USER, "hello")]);
    const bytes = encoder.encode(raw);
    const other = await createLineSignatureVerifier(settings.login.channelSecret);
    const cases: [string | undefined, string][] = [
      [undefined, "missing_signature"],
      ["not base64!", "malformed_signature"],
      [await other.sign(raw), "signature_mismatch"],
    ];
    for (const [signature, reason] of cases) {
      const receipt = await receiver.receive(bytes, signature);
      expect(receipt.status).toBe(401);
      expect(receipt.verificationError?.reason).toBe(reason);
    }
    await expect(verifier.verify(JSON.parse(raw), await verifier.sign(raw))).rejects.toSatisfy(
      (e) => WebhookVerificationError.is(e) && e.reason === "parsed_body" && /raw body/.test(e.message),
    );
    expect(await inbox.pending()).toEqual([]);
  });

  it("property: any signed body verifies, and changing any byte fails", async () => {
    const verifier = await createLineSignatureVerifier(settings.messaging.channelSecret);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), async (body, at) => {
        const signature = await verifier.sign(body);
        await verifier.verify(body, signature);
        const tampered = body.slice();
        const index = at % body.length;
        tampered[index] = (tampered[index]! + 1) % 256;
        await expect(verifier.verify(tampered, signature)).rejects.toSatisfy((e) =>
          WebhookVerificationError.is(e),
        );
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe("webhook receiving", () => {
  it("treats an empty events array as LINE's connectivity check", async () => {
    const { deliver, inbox } = await setup();
    const receipt = await deliver(lineBody([]));
    expect(receipt).toMatchObject({ status: 200, connectivityCheck: true, stored: [] });
    expect(await inbox.pending()).toEqual([]);
  });

  it("stores every event before answering, once per webhookEventId (redeliveries are acknowledged only)", async () => {
    const { deliver, inbox } = await setup();
    const event = textEvent(CANDIDATE_USER, "よろしくお願いします");
    const first = await deliver(lineBody([event, event]));
    expect(first.status).toBe(200);
    expect(first.stored).toEqual([`line:${event.webhookEventId}`]);
    expect(first.duplicates).toEqual([`line:${event.webhookEventId}`]);
    const redelivery = { ...event, deliveryContext: { isRedelivery: true } };
    const second = await deliver(lineBody([redelivery]));
    expect(second.stored).toEqual([]);
    expect(second.duplicates).toHaveLength(1);
    const pending = await inbox.pending();
    expect(pending).toHaveLength(1);
    expect(JSON.parse(pending[0]!.body).message.text).toBe("よろしくお願いします");
  });

  it("skips a malformed event with a logged reason and stores the rest of the batch", async () => {
    const { deliver, inbox, warnings } = await setup();
    const good = textEvent(CANDIDATE_USER, "ok");
    const receipt = await deliver(lineBody([{ type: "message", timestamp: 1 }, "junk", good]));
    expect(receipt.status).toBe(200);
    expect(receipt.skipped.map((s) => s.index)).toEqual([0, 1]);
    expect(receipt.skipped[0]?.reason).toContain("webhookEventId");
    expect(receipt.stored).toEqual([`line:${good.webhookEventId}`]);
    expect(warnings.filter((w) => w.includes("skipped"))).toHaveLength(2);
    expect(await inbox.pending()).toHaveLength(1);
  });

  it("answers 400 to a signed body that is not a LINE delivery", async () => {
    const { deliver } = await setup();
    expect((await deliver("{not json")).status).toBe(400);
    expect((await deliver('{"destination":"U1"}')).status).toBe(400);
  });

  it("does not answer 200 when the inbox cannot store (LINE redelivers)", async () => {
    const { verifier } = await setup();
    const inbox = new InMemoryWebhookInbox();
    inbox.add = vi.fn().mockRejectedValue(new Error("database down"));
    const receiver = new LineWebhookReceiver({ verifier, inbox, logger: { warn() {} } });
    const raw = lineBody([textEvent(CANDIDATE_USER, "x")]);
    await expect(receiver.receive(raw, await verifier.sign(raw))).rejects.toThrow("database down");
  });
});

describe("webhook processing", () => {
  it("stores text as is, notifies once, and a crash between receive and processing loses nothing", async () => {
    const { deliver, processor, conversations, notified, inbox } = await setup();
    await deliver(lineBody([textEvent(CANDIDATE_USER, "来週の面接、14時で大丈夫です")]));
    // "crash": nothing processed yet; the delivery waits in the inbox.
    expect(await inbox.pending()).toHaveLength(1);
    const results = await processor.processPending();
    expect(results.map((r) => r.outcome)).toEqual(["message_stored"]);
    expect(await inbox.pending()).toEqual([]);
    const [message] = await conversations.list("cand-1");
    expect(message).toMatchObject({
      direction: "inbound",
      kind: "text",
      text: "来週の面接、14時で大丈夫です",
    });
    expect(notified).toEqual(["来週の面接、14時で大丈夫です"]);
    expect(await processor.processPending()).toEqual([]);
  });

  it("keeps a failed event pending and applies it once on retry", async () => {
    const { deliver, processor, conversations, inbox } = await setup();
    await deliver(lineBody([textEvent(CANDIDATE_USER, "retry me")]));
    const append = conversations.append.bind(conversations);
    conversations.append = vi.fn().mockRejectedValueOnce(new Error("db timeout")).mockImplementation(append);
    expect((await processor.processPending())[0]).toMatchObject({ outcome: "failed", error: "db timeout" });
    expect((await inbox.pending())[0]).toMatchObject({ status: "failed", lastError: "db timeout" });
    expect((await processor.processPending())[0]?.outcome).toBe("message_stored");
    expect(await conversations.list("cand-1")).toHaveLength(1);
  });

  it("marks the candidate unreachable on unfollow and reachable again on follow", async () => {
    const { deliver, processor, links } = await setup();
    await deliver(lineBody([followEvent(CANDIDATE_USER, "unfollow")]));
    expect((await processor.processPending())[0]).toMatchObject({
      outcome: "unfollowed",
      candidateId: "cand-1",
    });
    expect((await links.getByCandidate("cand-1"))?.reachable).toBe(false);
    await deliver(lineBody([followEvent(CANDIDATE_USER)]));
    await processor.processPending();
    expect((await links.getByCandidate("cand-1"))?.reachable).toBe(true);
  });

  it("keeps messages of unlinked LINE users in the inbox only", async () => {
    const { deliver, processor, inbox } = await setup();
    const event = textEvent(OTHER_USER, "who am I?");
    await deliver(lineBody([event]));
    expect((await processor.processPending())[0]?.outcome).toBe("unlinked_user");
    expect((await inbox.get(`line:${event.webhookEventId}`))?.body).toContain("who am I?");
  });

  it("stores non-text messages with a readable fallback (Japanese and English)", async () => {
    const messages = [
      {
        type: "sticker",
        packageId: "446",
        stickerId: "1988",
        stickerResourceType: "STATIC",
        keywords: ["happy"],
      },
      { type: "image", contentProvider: { type: "line" } },
      { type: "video", duration: 62000, contentProvider: { type: "line" } },
      { type: "audio", duration: 5000, contentProvider: { type: "line" } },
      { type: "file", fileName: "履歴書.pdf", fileSize: 123456 },
      {
        type: "location",
        title: "本社",
        address: "東京都港区三田1-1-1",
        latitude: 35.6476,
        longitude: 139.7405,
      },
      { type: "hologram" },
    ];
    for (const [language, expected] of [
      [
        "ja",
        [
          "[スタンプ]",
          "[画像]",
          "[動画 1:02]",
          "[音声 0:05]",
          "[ファイル: 履歴書.pdf (121 KB)]",
          "[位置情報: 本社, 東京都港区三田1-1-1 (35.6476, 139.7405)]",
          "[未対応のメッセージ: hologram]",
        ],
      ],
      ["en", ["[Sticker]", "[Image]", "[Video 1:02]", "[Audio 0:05]", "[File: 履歴書.pdf (121 KB)]"]],
    ] as const) {
      const { deliver, processor, conversations } = await setup({ language });
      await deliver(lineBody(messages.map((m) => messageEvent(CANDIDATE_USER, m))));
      await processor.processPending();
      const texts = (await conversations.list("cand-1")).map((m) => m.text);
      expect(texts.slice(0, expected.length)).toEqual(expected);
    }
  });

  it("shows LINE emoji per the tenant's option; the original text is kept", async () => {
    const text = "了解です(love)!(moon grin)";
    const emojis = [
      { index: 4, length: 6, productId: "5ac1bfd5040ab15980c9b435", emojiId: "001" },
      { index: 11, length: 11, productId: "5ac1bfd5040ab15980c9b435", emojiId: "002" },
    ];
    const shown: Record<string, string> = {};
    for (const mode of ["drop", "placeholder", "keep"] as const) {
      const { deliver, processor, conversations } = await setup({ lineEmoji: mode });
      await deliver(lineBody([textEvent(CANDIDATE_USER, text, { emojis })]));
      await processor.processPending();
      const [message] = await conversations.list("cand-1");
      expect(message?.originalText).toBe(text);
      shown[mode] = message!.text;
    }
    expect(shown).toEqual({
      drop: "了解です!",
      placeholder: "了解です[LINE絵文字]![LINE絵文字]",
      keep: text,
    });
  });
});
