import type { AddressInfo } from "node:net";
import { createInMemoryStores, InMemoryWebhookInbox } from "@org/ats-core";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { InMemoryConnectionStore, TopCvConnections } from "./connections";
import { TopCvContractMock } from "./contract-mock";
import { topcvWebhookMiddleware } from "./express";
import { InMemoryPostingLog } from "./posting-log";
import { InMemoryPostingStore } from "./posting-store";
import { sampleJob } from "./test-fixtures";
import { TopCvClient } from "./topcv-client";
import { connectionReceiverResolver } from "./webhook-endpoints";
import { TopCvWebhookReceiver } from "./webhook-receiver";

// A real HTTP server, so this test talks to the mock through injected fetch functions (no msw).
const CREDENTIALS = { accessToken: "at_express", secretKey: "sk_express" };
const SIGNING_SECRET = "whsec_express";
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function start(options: { jsonFirst?: boolean; maxBodyBytes?: number } = {}) {
  const mock = new TopCvContractMock({ ...CREDENTIALS });
  const stores = createInMemoryStores();
  await stores.jobs.put(sampleJob());
  const postings = new InMemoryPostingStore();
  const inbox = new InMemoryWebhookInbox();
  const client = new TopCvClient({
    ...CREDENTIALS,
    fetch: mock.fetch,
    postings,
    log: new InMemoryPostingLog(),
  });
  const connections = new TopCvConnections({
    store: new InMemoryConnectionStore(),
    webhookBaseUrl: "http://localhost/topcv/webhooks",
    verifyCredentials: () => client.verifyCredentials(),
  });
  const status = await connections.configure("acme", { ...CREDENTIALS, signingSecret: SIGNING_SECRET });
  if (status.status !== "configured") throw new Error("unreachable");
  const token = status.endpointUrl.split("/").pop()!;
  const processed: string[] = [];
  const resolve = connectionReceiverResolver(connections, (connection) =>
    TopCvWebhookReceiver.create({
      account: connection.employer.id,
      signingSecret: connection.signingSecret,
      inbox,
      stores,
      postings,
      download: (url) => client.download(url),
      onUnassigned: (report) => {
        processed.push(report.applicationId);
      },
    }),
  );
  const app = express();
  if (options.jsonFirst) app.use(express.json());
  app.post(
    "/topcv/webhooks/:token",
    topcvWebhookMiddleware(resolve, options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  );
  const server = app.listen(0);
  await new Promise((done) => server.once("listening", done));
  closers.push(() => new Promise((done) => server.close(() => done())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/topcv/webhooks`;
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    return { status: response.status, body: (await response.json()) as { code: string; message: string } };
  };
  return { mock, token, post, inbox, stores, processed };
}

describe("topcvWebhookMiddleware", () => {
  it("verifies the raw body, stores, answers 202, then processes (unknown posting → unassigned, reported)", async () => {
    const { mock, token, post, inbox, stores, processed } = await start();
    const body = mock.applicationWebhook({
      eventId: "evt_1",
      applicationId: "app_1",
      topcvJobId: "999",
      fullName: "Trần Thị Bích",
      email: "bich@example.vn",
    });
    const response = await post(token, body, {
      "x-topcv-signature": await TopCvContractMock.sign(body, SIGNING_SECRET),
    });
    expect(response).toMatchObject({ status: 202, body: { code: "accepted" } });
    await expect.poll(() => processed.length).toBe(1);
    expect((await inbox.get("topcv:evt_1"))?.status).toBe("processed");
    expect(stores.candidates.size).toBe(1);
  });

  it("unsigned → 401, unknown endpoint → 404, malformed → 400; none stored", async () => {
    const { mock, token, post, inbox } = await start();
    const body = mock.applicationWebhook({
      eventId: "e",
      applicationId: "a",
      topcvJobId: "1",
      fullName: "X",
    });
    expect((await post(token, body)).status).toBe(401);
    expect((await post("A".repeat(43), body)).body.code).toBe("unknown_endpoint");
    const signature = await TopCvContractMock.sign("{oops", SIGNING_SECRET);
    expect((await post(token, "{oops", { "x-topcv-signature": signature })).status).toBe(400);
    expect(await inbox.pending()).toEqual([]);
  });

  it("refuses a body over the limit with 413", async () => {
    const { token, post } = await start({ maxBodyBytes: 64 });
    expect((await post(token, JSON.stringify({ padding: "x".repeat(200) }))).status).toBe(413);
  });

  it("says how to fix it when express.json() consumed the body first", async () => {
    const { mock, token, post } = await start({ jsonFirst: true });
    const body = mock.applicationWebhook({
      eventId: "e",
      applicationId: "a",
      topcvJobId: "1",
      fullName: "X",
    });
    const response = await post(token, body);
    expect(response.status).toBe(500);
    expect(response.body.message).toMatch(/Mount topcvWebhookMiddleware before express\.json\(\)/);
  });
});
