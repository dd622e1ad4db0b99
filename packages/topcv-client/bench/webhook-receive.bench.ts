import { createInMemoryStores, type WebhookInbox } from "@org/ats-core";
import { bench, describe } from "vitest";
import { mapWebhookPayload } from "../src/contract";
import { TopCvContractMock } from "../src/contract-mock";
import { InMemoryPostingStore } from "../src/posting-store";
import { TopCvWebhookReceiver } from "../src/webhook-receiver";

/*
 * The acknowledge path of a webhook (verify → validate → store in the inbox → answer), which TopCV
 * waits on. Peer: `JSON.parse` + contract mapping alone, the least any receiver must do.
 * The inbox is a no-op store so the numbers measure this package, not a Map.
 */
const SECRET = "whsec_bench";
const mock = new TopCvContractMock({ accessToken: "a", secretKey: "s" });
const body = mock.applicationWebhook({
  eventId: "evt_bench",
  applicationId: "app_bench",
  topcvJobId: "1001",
  fullName: "Nguyễn Văn An",
  email: "an@example.vn",
  phone: "0912345678",
  cv: { bytes: new Uint8Array(8), fileName: "cv.pdf" },
});
const rawBody = new TextEncoder().encode(body);
const signature = await TopCvContractMock.sign(body, SECRET);
const nullInbox: WebhookInbox = {
  add: async () => true,
  get: async () => undefined,
  markProcessed: async () => {},
  markFailed: async () => {},
  pending: async () => [],
};
const options = {
  account: "emp_1",
  inbox: nullInbox,
  stores: createInMemoryStores(),
  postings: new InMemoryPostingStore(),
  download: async () => ({ bytes: new Uint8Array(), contentType: "application/pdf" }),
};
const unsigned = await TopCvWebhookReceiver.create(options);
const signed = await TopCvWebhookReceiver.create({ ...options, signingSecret: SECRET });

// Warm up each case well: the first case otherwise pays for JIT compilation shared by all three.
const settings = { time: 1500, warmupTime: 500, warmupIterations: 2000 };

describe("acknowledge one application.created delivery (~600 bytes)", () => {
  bench(
    "peer: JSON.parse + mapWebhookPayload",
    () => {
      mapWebhookPayload(JSON.parse(new TextDecoder().decode(rawBody)));
    },
    settings,
  );
  bench(
    "receive(), unsigned",
    async () => {
      await unsigned.receive({ rawBody, headers: {} });
    },
    settings,
  );
  bench(
    "receive(), HMAC-SHA256 verified",
    async () => {
      await signed.receive({ rawBody, headers: { "x-topcv-signature": signature } });
    },
    settings,
  );
});
