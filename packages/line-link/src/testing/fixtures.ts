/**
 * Test fixtures shaped like LINE's real payloads (Messaging API reference, "Webhook Event Objects")
 * and the seed's own values (003_bf749bcc0dbdcb3a.txt: channel id 1654689566 and secret
 * 0afee0d932baec81a91a8f0601e09b5c shown in the Messaging API screenshot, Login channel 1654668289).
 */
import type { LineLinkSettingsInput } from "../settings";

export const SEED_SETTINGS: LineLinkSettingsInput = {
  tenantId: "acme",
  publicBaseUrl: "https://ats.example.com",
  messaging: {
    channelId: "1654689566",
    channelSecret: "0afee0d932baec81a91a8f0601e09b5c",
    channelAccessToken: "W1TeHCgfH2Liwa8hD9kBOdZ3Sxg4nuPq/6L5BmOdhm2aH1kxx8dGTF7u/IFU=",
  },
  login: { channelId: "1654668289", channelSecret: "7c4f2b1d9e8a6f3c5b0d1e2f3a4b5c6d" },
  linkingSecret: "3f6b1c9d2e7a4f8b0c5d6e1f2a3b4c5d6e7f8091a2b3c4d5",
};

export const CANDIDATE_USER = "U4af4980629e0f4bc7c0c2b3d5e5e9a7f";
export const OTHER_USER = "Ub1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";

let counter = 0;
/** A webhook event id like LINE's (26-char ULID). */
export function eventId(): string {
  counter++;
  return `01FZ74A0TDDPYRVKNK77XKC3${String(counter).padStart(2, "0")}`.slice(0, 26);
}

export function textEvent(userId: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: "message",
    message: {
      type: "text",
      id: `4685318${String(++counter).padStart(11, "0")}`,
      quoteToken: "q3Plxr4AgKd...",
      text,
      ...extra,
    },
    webhookEventId: eventId(),
    deliveryContext: { isRedelivery: false },
    timestamp: 1692251666727 + counter,
    source: { type: "user", userId },
    replyToken: "38ef843bde154d9b91c21320ffd17a0f",
    mode: "active",
  };
}

export function followEvent(userId: string, type: "follow" | "unfollow" = "follow") {
  return {
    type,
    ...(type === "follow" && {
      follow: { isUnblocked: false },
      replyToken: "85cbe770fa8b4f45bbe077b1d4be4a36",
    }),
    webhookEventId: eventId(),
    deliveryContext: { isRedelivery: false },
    timestamp: 1692251666727 + ++counter,
    source: { type: "user", userId },
    mode: "active",
  };
}

export function messageEvent(userId: string, message: Record<string, unknown>) {
  return {
    type: "message",
    message: { id: `4685319${String(++counter).padStart(11, "0")}`, ...message },
    webhookEventId: eventId(),
    deliveryContext: { isRedelivery: false },
    timestamp: 1692251666727 + counter,
    source: { type: "user", userId },
    mode: "active",
  };
}

/** A body as LINE sends it: compact JSON, non-ASCII escaped as `\uXXXX` (lower-case hex). */
export function lineBody(events: unknown[], destination = "Uxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"): string {
  return JSON.stringify({ destination, events }).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
