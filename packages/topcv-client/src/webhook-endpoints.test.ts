import { createInMemoryStores, InMemoryWebhookInbox } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import { InMemoryConnectionStore, type TopCvConnectionRecord, TopCvConnections } from "./connections";
import { TopCvContractMock } from "./contract-mock";
import { createTopCvFetchHandler } from "./fetch-handler";
import { InMemoryPostingStore } from "./posting-store";
import { connectionReceiverResolver } from "./webhook-endpoints";
import { type ProcessingOutcome, TopCvWebhookReceiver } from "./webhook-receiver";

const CREDENTIALS = { accessToken: "at_1", secretKey: "sk_1" };

async function setup() {
  const mock = new TopCvContractMock(CREDENTIALS);
  let clock = new Date("2026-11-21T10:00:00Z");
  const connections = new TopCvConnections({
    store: new InMemoryConnectionStore(),
    webhookBaseUrl: "https://ats.example.com/topcv/webhooks",
    verifyCredentials: async () => ({ id: "emp_1", companyName: "Công ty Mẫu" }),
    clock: () => clock,
  });
  const inbox = new InMemoryWebhookInbox();
  const built: TopCvConnectionRecord[] = [];
  const resolve = connectionReceiverResolver(connections, (connection) => {
    built.push(connection);
    return TopCvWebhookReceiver.create({
      account: connection.employer.id,
      signingSecret: connection.signingSecret,
      inbox,
      stores: createInMemoryStores(),
      postings: new InMemoryPostingStore(),
      download: async () => ({ bytes: new Uint8Array(), contentType: "application/pdf" }),
    });
  });
  const configure = async (signingSecret?: string) => {
    clock = new Date(clock.getTime() + 1000);
    const status = await connections.configure("acme", { ...CREDENTIALS, signingSecret });
    return (status as { endpointUrl: string }).endpointUrl;
  };
  return { mock, connections, resolve, built, configure, inbox };
}

describe("connectionReceiverResolver", () => {
  it("builds a tenant's receiver once, rebuilds it after an update, and stops resolving after disconnect", async () => {
    const { resolve, built, configure, connections } = await setup();
    const url = await configure();
    const token = url.split("/").pop()!;
    const first = await resolve(token);
    expect(await resolve(token)).toBe(first);
    expect(built).toHaveLength(1);
    await configure("whsec_new"); // "Cập nhật": same URL, new settings
    const second = await resolve(token);
    expect(second).not.toBe(first);
    expect(built.at(-1)?.signingSecret).toBe("whsec_new");
    await connections.disconnect("acme");
    expect(await resolve(token)).toBeUndefined();
  });
});

describe("createTopCvFetchHandler", () => {
  it("answers from the tenant's URL, stores before answering, and hands processing to waitUntil", async () => {
    const { mock, resolve, configure, inbox } = await setup();
    const url = await configure();
    const work: Promise<unknown>[] = [];
    const handle = createTopCvFetchHandler(resolve, { waitUntil: (promise) => work.push(promise) });
    const body = mock.applicationWebhook({
      eventId: "evt_9",
      applicationId: "a9",
      topcvJobId: "1",
      fullName: "Lê Văn C",
    });
    const response = await handle(new Request(url, { method: "POST", body }));
    expect(response.status).toBe(202);
    expect(await inbox.get("topcv:evt_9")).toBeDefined();
    const [outcome] = (await Promise.all(work)) as ProcessingOutcome[];
    expect(outcome?.kind).toBe("application_stored");
  });

  it("refuses GET (405), unknown endpoints (404) and oversized bodies (413), storing nothing", async () => {
    const { resolve, configure, inbox } = await setup();
    const url = await configure();
    const handle = createTopCvFetchHandler(resolve, { maxBodyBytes: 10 });
    expect((await handle(new Request(url))).status).toBe(405);
    expect(
      (
        await handle(
          new Request("https://ats.example.com/topcv/webhooks/nope", { method: "POST", body: "{}" }),
        )
      ).status,
    ).toBe(404);
    expect((await handle(new Request(url, { method: "POST", body: "x".repeat(50) }))).status).toBe(413);
    expect(await inbox.pending()).toEqual([]);
  });
});
