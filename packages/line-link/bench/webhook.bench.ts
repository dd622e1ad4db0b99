/**
 * LINE webhook batches of 100 events, end to end (verify x-line-signature over the raw bytes,
 * JSON.parse, envelope check, dedupe and store each event in an in-memory inbox), beside the
 * bare limit — HMAC-SHA256 of the same bytes plus TextDecoder + JSON.parse — in the same run.
 * A third case adds processing (link lookup, fallback text, conversation store, unread thread).
 * events/s = batches/s (hz) × 100.
 *
 * Run from the root: npx vitest bench --run --project line-link
 */
import { createHmac } from "node:crypto";
import { InMemoryWebhookInbox } from "@org/ats-core";
import { bench, describe } from "vitest";
import {
  createLineSignatureVerifier,
  InMemoryConversationStore,
  InMemoryLinkStore,
  LineEventProcessor,
  LineWebhookReceiver,
} from "../src/index";

const SECRET = "0afee0d932baec81a91a8f0601e09b5c";
const BATCHES = 64;
const USERS = Array.from({ length: 100 }, (_, i) => `U${i.toString(16).padStart(32, "0")}`);
const encoder = new TextEncoder();

/** A batch of 100 text-message events shaped like LINE's, non-ASCII escaped as LINE sends it. */
function batch(n: number): Uint8Array {
  const events = USERS.map((userId, i) => ({
    type: "message",
    message: {
      type: "text",
      id: `46853180${String(n * 100 + i).padStart(10, "0")}`,
      quoteToken: "q3Plxr4AgKd0Sv9lrRWaJk6wGtmDs5uzd6kZQvPEfD6EOcvBI2Zs3vbfFWRnZ9dQYgN8GS0",
      text: `面接日程の件、承知しました。よろしくお願いします😀 (${n}-${i})`,
    },
    webhookEventId: `01HF${String(n).padStart(6, "0")}${String(i).padStart(16, "0")}`,
    deliveryContext: { isRedelivery: false },
    timestamp: 1692251666727 + i,
    source: { type: "user", userId },
    replyToken: "38ef843bde154d9b91c21320ffd17a0f",
    mode: "active",
  }));
  const json = JSON.stringify({ destination: "Ub9952f8c5a5e5f2b6c1f0e2a3d4c5b6a", events }).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return encoder.encode(json);
}

const bodies = Array.from({ length: BATCHES }, (_, n) => batch(n));
const signatures = bodies.map((body) => createHmac("sha256", SECRET).update(body).digest("base64"));
const verifier = await createLineSignatureVerifier(SECRET);
const webCryptoKey = await crypto.subtle.importKey(
  "raw",
  encoder.encode(SECRET),
  { name: "HMAC", hash: "SHA-256" },
  false,
  ["sign"],
);
const links = new InMemoryLinkStore();
for (const [i, lineUserId] of USERS.entries()) {
  await links.save({
    candidateId: `cand-${i}`,
    lineUserId,
    applicationIds: [],
    linkedAt: new Date(),
    reachable: true,
  });
}
const silent = { warn() {} };
let next = 0;
const pick = () => {
  next = (next + 1) % BATCHES;
  return next;
};

describe(`LINE webhook, batch of 100 events (${bodies[0]!.length} bytes)`, () => {
  bench("limit: node:crypto HMAC-SHA256 + JSON.parse", () => {
    const i = pick();
    const body = bodies[i]!;
    if (createHmac("sha256", SECRET).update(body).digest("base64") !== signatures[i])
      throw new Error("signature");
    JSON.parse(new TextDecoder().decode(body));
  });

  bench("limit: Web Crypto HMAC-SHA256 + JSON.parse", async () => {
    const i = pick();
    const body = bodies[i]!;
    await crypto.subtle.sign("HMAC", webCryptoKey, body as BufferSource);
    JSON.parse(new TextDecoder().decode(body));
  });

  bench("receive: verify + parse + dedupe + store (line-link)", async () => {
    const i = pick();
    // A fresh inbox per batch: every event is new, as in production, and the Map stays small.
    const receiver = new LineWebhookReceiver({ verifier, inbox: new InMemoryWebhookInbox(), logger: silent });
    const receipt = await receiver.receive(bodies[i]!, signatures[i]);
    if (receipt.stored.length !== 100) throw new Error(`stored ${receipt.stored.length}`);
  });

  bench("receive + process into conversations (line-link)", async () => {
    const i = pick();
    const inbox = new InMemoryWebhookInbox();
    const receiver = new LineWebhookReceiver({ verifier, inbox, logger: silent });
    await receiver.receive(bodies[i]!, signatures[i]);
    const processor = new LineEventProcessor({
      inbox,
      links,
      conversations: new InMemoryConversationStore(),
      lineEmoji: "drop",
      language: "ja",
      logger: silent,
    });
    const results = await processor.processPending();
    if (results.length !== 100 || results[0]?.outcome !== "message_stored") throw new Error("not processed");
  });
});
