import {
  type ConnectionStore,
  createEndpointToken,
  type PostingLog,
  type PostingLogEntry,
  type PostingStore,
  type TopCvConnectionRecord,
  TopCvConnections,
  type TopCvPosting,
} from "@org/topcv-client";
import { expect, it } from "vitest";

const T0 = new Date("2026-11-21T09:00:00+07:00");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** One tenant's postings and posting log. */
export interface TopCvTenantStores {
  postings: PostingStore;
  log: PostingLog;
}

/** What one run of the contract works on: two tenants, and the cross-tenant connection store. */
export interface TopCvContractFixture {
  tenantId: string;
  otherTenantId: string;
  stores: TopCvTenantStores;
  other: TopCvTenantStores;
  connections: ConnectionStore;
}

/**
 * What @org/topcv-client expects of its store ports, run against its in-memory stores, PGlite
 * (`pnpm test`) and PostgreSQL (`pnpm test:services`). Tenant ids are unique per `open()`.
 */
export function topcvStoreContract(open: () => Promise<TopCvContractFixture>) {
  const posting: TopCvPosting = {
    topcvJobId: "tc-100",
    atsJobId: "job-1",
    title: "Lập trình viên Backend",
    status: "pending",
    rejectionReason: null,
    url: null,
    updatedAt: T0,
  };

  it("keeps the posted list: replaces by TopCV id, finds a job's postings, keeps tenants apart", async () => {
    const { stores, other } = await open();
    await stores.postings.put(posting);
    const got = await stores.postings.get("tc-100");
    expect(got).toEqual(posting);
    expect(got?.updatedAt).toBeInstanceOf(Date);

    // The review notification: rejected, with TopCV's reason.
    const rejected = {
      ...posting,
      status: "rejected" as const,
      rejectionReason: "Thiếu mức lương",
      updatedAt: later(60),
    };
    await stores.postings.put(rejected);
    expect(await stores.postings.get("tc-100")).toEqual(rejected);

    // A job posted twice, and a posting TopCV does not link to any ATS job.
    const second = {
      ...posting,
      topcvJobId: "tc-101",
      status: "approved" as const,
      url: "https://www.topcv.vn/viec-lam/tc-101",
    };
    const unlinked = { ...posting, topcvJobId: "tc-102", atsJobId: null };
    await stores.postings.put(second);
    await stores.postings.put(unlinked);
    await stores.postings.put({ ...posting, topcvJobId: "tc-200", atsJobId: "job-2" });
    const byJob = await stores.postings.findByAtsJob("job-1");
    expect(byJob.map((entry) => entry.topcvJobId).sort()).toEqual(["tc-100", "tc-101"]);
    expect(byJob.find((entry) => entry.topcvJobId === "tc-101")).toEqual(second);
    expect(await stores.postings.findByAtsJob("job-9")).toEqual([]);
    // Re-linking moves a posting to another job.
    await stores.postings.put({ ...second, atsJobId: "job-2" });
    expect((await stores.postings.findByAtsJob("job-1")).map((entry) => entry.topcvJobId)).toEqual([
      "tc-100",
    ]);
    const all = await stores.postings.list();
    expect(all.map((entry) => entry.topcvJobId).sort()).toEqual(["tc-100", "tc-101", "tc-102", "tc-200"]);
    expect(all.find((entry) => entry.topcvJobId === "tc-102")).toEqual(unlinked);

    // What a caller does to a returned posting does not change the stored one.
    const copy = await stores.postings.get("tc-100");
    if (copy) copy.title = "changed";
    expect((await stores.postings.get("tc-100"))?.title).toBe(posting.title);

    expect(await other.postings.get("tc-100")).toBeUndefined();
    expect(await other.postings.list()).toEqual([]);
    expect(await other.postings.findByAtsJob("job-1")).toEqual([]);
    await other.postings.put({ ...posting, title: "Của công ty khác" });
    expect((await stores.postings.get("tc-100"))?.title).toBe(posting.title);
  });

  const entry = (overrides: Partial<PostingLogEntry>): PostingLogEntry => ({
    id: "log-1",
    at: T0,
    operation: "create",
    atsJobId: "job-1",
    topcvJobId: "tc-100",
    outcome: "succeeded",
    request: {
      method: "POST",
      url: "https://api.topcv.vn/partner/v1/jobs",
      headers: { authorization: "[redacted]", "content-type": "application/json" },
      body: '{"title":"Lập trình viên Backend"}',
    },
    response: { status: 201, body: '{"data":{"id":"tc-100"}}' },
    error: null,
    attempts: 1,
    ...overrides,
  });

  it("logs every create, update and link, oldest first, filtered by ATS job or TopCV posting", async () => {
    const { stores, other } = await open();
    const failedCreate = entry({
      id: "log-0",
      at: later(-60),
      topcvJobId: null,
      outcome: "failed",
      response: null,
      error: { code: "topcv_timeout", message: "TopCV did not answer within 10000 ms" },
      attempts: null,
    });
    const created = entry({ id: "log-1", at: T0 });
    const updated = entry({
      id: "log-2",
      at: later(30),
      operation: "update",
      request: { ...created.request, method: "PUT", url: "https://api.topcv.vn/partner/v1/jobs/tc-100" },
      response: { status: 200, body: "{}" },
      attempts: 3,
    });
    // Two entries of the same instant: they come back in the order they were appended.
    const linkedB = entry({
      id: "log-b",
      at: later(60),
      operation: "link",
      atsJobId: "job-2",
      topcvJobId: "tc-200",
    });
    const linkedA = entry({
      id: "log-a",
      at: later(60),
      operation: "link",
      atsJobId: "job-2",
      topcvJobId: "tc-201",
    });
    for (const item of [failedCreate, created, updated, linkedB, linkedA]) await stores.log.append(item);

    const all = await stores.log.list();
    expect(all).toEqual([failedCreate, created, updated, linkedB, linkedA]);
    expect(all[0]?.at).toBeInstanceOf(Date);
    expect((await stores.log.list({ atsJobId: "job-1" })).map((item) => item.id)).toEqual([
      "log-0",
      "log-1",
      "log-2",
    ]);
    expect((await stores.log.list({ topcvJobId: "tc-100" })).map((item) => item.id)).toEqual([
      "log-1",
      "log-2",
    ]);
    expect(
      (await stores.log.list({ atsJobId: "job-2", topcvJobId: "tc-201" })).map((item) => item.id),
    ).toEqual(["log-a"]);
    expect(await stores.log.list({ atsJobId: "job-1", topcvJobId: "tc-200" })).toEqual([]);
    expect(await other.log.list()).toEqual([]);
  });

  const record = (tenantId: string, endpointToken: string): TopCvConnectionRecord => ({
    tenantId,
    accessToken: `access-${tenantId}`,
    secretKey: `secret-${tenantId}`,
    endpointToken,
    signingSecret: `signing-${tenantId}`,
    employer: { id: "4711", companyName: "Công ty TNHH Mẫu" },
    configuredAt: T0,
  });

  it("keeps one connection per tenant and resolves an endpoint token to its tenant", async () => {
    const { tenantId, otherTenantId, connections } = await open();
    const tokenA = createEndpointToken();
    const tokenB = createEndpointToken();
    const mine = record(tenantId, tokenA);
    const { signingSecret: _unsigned, ...theirs } = record(otherTenantId, tokenB);
    await connections.put(mine);
    await connections.put(theirs);

    const got = await connections.get(tenantId);
    expect(got).toEqual(mine);
    expect(got?.configuredAt).toBeInstanceOf(Date);
    const unsigned = await connections.get(otherTenantId);
    expect(unsigned).toEqual(theirs);
    expect(unsigned?.signingSecret).toBeUndefined();
    expect(await connections.findByEndpointToken(tokenA)).toEqual(mine);
    expect(await connections.findByEndpointToken(tokenB)).toEqual(theirs);
    expect(await connections.findByEndpointToken(createEndpointToken())).toBeUndefined();
    // A token differing in one character is another token.
    const flipped = `${tokenA.slice(0, -1)}${tokenA.endsWith("A") ? "B" : "A"}`;
    expect(await connections.findByEndpointToken(flipped)).toBeUndefined();

    // "Cập nhật": new credentials replace the old ones; a new token replaces the old token.
    const tokenC = createEndpointToken();
    const updated = { ...mine, accessToken: "access-2", endpointToken: tokenC, configuredAt: later(3600) };
    await connections.put(updated);
    expect(await connections.get(tenantId)).toEqual(updated);
    expect(await connections.findByEndpointToken(tokenA)).toBeUndefined();
    expect(await connections.findByEndpointToken(tokenC)).toEqual(updated);

    // "Ngắt kết nối": forgotten, and the endpoint stops resolving; the other tenant is untouched.
    await connections.delete(tenantId);
    await connections.delete(tenantId);
    expect(await connections.get(tenantId)).toBeUndefined();
    expect(await connections.findByEndpointToken(tokenC)).toBeUndefined();
    expect(await connections.get(otherTenantId)).toEqual(theirs);
  });

  it("backs TopCvConnections: an update keeps the webhook URL, a disconnect stops it resolving", async () => {
    const { tenantId, connections } = await open();
    const service = new TopCvConnections({
      store: connections,
      webhookBaseUrl: "https://ats.example.com/topcv/webhooks",
      verifyCredentials: async () => ({ id: "4711", companyName: "Công ty TNHH Mẫu" }),
      clock: () => T0,
    });
    const first = await service.configure(tenantId, { accessToken: "a1", secretKey: "s1" });
    if (first.status !== "configured") throw new Error("expected a configured connection");
    const token = first.endpointUrl.split("/").pop() ?? "";
    expect(first).toMatchObject({ signed: false, configuredAt: T0 });
    const second = await service.configure(tenantId, {
      accessToken: "a2",
      secretKey: "s2",
      signingSecret: "w",
    });
    expect(second).toMatchObject({ status: "configured", endpointUrl: first.endpointUrl, signed: true });
    expect(await service.resolveEndpoint(token)).toMatchObject({
      tenantId,
      accessToken: "a2",
      signingSecret: "w",
    });
    await service.disconnect(tenantId);
    expect(await service.resolveEndpoint(token)).toBeUndefined();
    expect(await service.status(tenantId)).toEqual({ status: "not_configured" });
  });
}
