import { ValidationError } from "@org/ats-core";
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { TopCvAuthError, TopCvNotFoundError, TopCvServerError, TopCvValidationError } from "./errors";
import { InMemoryPostingLog } from "./posting-log";
import { InMemoryPostingStore } from "./posting-store";
import { FIELDS, sampleJob } from "./test-fixtures";
import { CREDENTIALS, recordingSleep, TEST_BASE_URL, useContractMock } from "./test-server";
import { TopCvClient, type TopCvClientOptions } from "./topcv-client";

const api = useContractMock();
const NOW = new Date("2026-11-21T10:00:00+07:00");

function setup(overrides: Partial<TopCvClientOptions> = {}) {
  const postings = new InMemoryPostingStore();
  const log = new InMemoryPostingLog();
  let id = 0;
  const client = new TopCvClient({
    ...CREDENTIALS,
    baseUrl: TEST_BASE_URL,
    postings,
    log,
    sleep: recordingSleep().sleep,
    clock: () => NOW,
    newId: () => `log-${++id}`,
    ...overrides,
  });
  return { client, postings, log };
}

describe("TopCvClient", () => {
  it("verifies credentials", async () => {
    expect(await setup().client.verifyCredentials()).toEqual({ id: "emp_1", companyName: "Công ty Mẫu" });
    const bad = setup({ secretKey: "wrong" }).client;
    await expect(bad.verifyCredentials()).rejects.toSatisfy((e: unknown) => TopCvAuthError.is(e));
  });

  it("creates a posting from an ATS job: pending review, stored, logged with credentials redacted", async () => {
    const { client, postings, log } = setup();
    const posting = await client.createPosting(sampleJob(), FIELDS);
    expect(posting).toMatchObject({ atsJobId: "job-sales-hn", status: "pending", rejectionReason: null });
    expect(await postings.get(posting.topcvJobId)).toEqual(posting);
    const [entry] = await log.list({ atsJobId: "job-sales-hn" });
    expect(entry).toMatchObject({
      id: "log-1",
      at: NOW,
      operation: "create",
      topcvJobId: posting.topcvJobId,
      outcome: "succeeded",
      response: { status: 201 },
      attempts: 1,
      error: null,
    });
    expect(entry!.request.headers.authorization).toBe("[redacted]");
    expect(entry!.request.headers["x-topcv-secret-key"]).toBe("[redacted]");
    expect(entry!.request.body).toContain('"quantity":3');
    expect(JSON.stringify(entry)).not.toContain(CREDENTIALS.secretKey);
    expect(JSON.stringify(entry)).not.toContain(CREDENTIALS.accessToken);
  });

  it("a job missing TopCV-only fields fails validation listing them, and nothing is sent or logged", async () => {
    const { client, log } = setup();
    const { headcount: _h, deadline: _d, ...incomplete } = FIELDS;
    const error = await client
      .createPosting(sampleJob(), incomplete as typeof FIELDS)
      .catch((e: unknown) => e);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path.join("."))).toEqual([
      "topcv.headcount",
      "topcv.deadline",
    ]);
    expect(api.mock.requests).toEqual([]);
    expect(await log.list()).toEqual([]);
  });

  it("the same create sent twice (or retried after a 503) makes one posting: the idempotency key derives from the content", async () => {
    const { client } = setup();
    api.mock.failNext({ method: "POST", respond: () => new HttpResponse(null, { status: 503 }) });
    const first = await client.createPosting(sampleJob(), FIELDS);
    const second = await client.createPosting(sampleJob(), FIELDS);
    expect(second.topcvJobId).toBe(first.topcvJobId);
    const keys = api.mock.requests.map((r) => r.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^create-job-sales-hn-[0-9a-f]{32}$/);
  });

  it("422 from TopCV → TopCvValidationError with field errors, and a failed log entry", async () => {
    const { client, log } = setup();
    api.mock.failNext({
      method: "POST",
      respond: () =>
        HttpResponse.json(
          {
            error: {
              code: "validation_failed",
              message: "invalid",
              fields: [{ field: "category_ids.0", message: "Unknown category" }],
            },
          },
          { status: 422 },
        ),
    });
    const error = await client.createPosting(sampleJob(), FIELDS).catch((e: unknown) => e);
    expect(TopCvValidationError.is(error)).toBe(true);
    expect((error as TopCvValidationError).fieldErrors).toEqual([
      { field: "categoryIds.0", message: "Unknown category" },
    ]);
    const [entry] = await log.list();
    expect(entry).toMatchObject({
      operation: "create",
      outcome: "failed",
      topcvJobId: null,
      response: { status: 422 },
      error: { code: "validation_failed" },
      attempts: null,
    });
    expect(entry!.request.headers.authorization).toBe("[redacted]");
  });

  it("updates a posting (back to review) and logs it", async () => {
    const { client, log } = setup();
    const created = await client.createPosting(sampleJob(), FIELDS);
    api.mock.review(created.topcvJobId, { approved: true });
    const updated = await client.updatePosting(
      created.topcvJobId,
      sampleJob({ title: "Trưởng nhóm kinh doanh" }),
      FIELDS,
    );
    expect(updated).toMatchObject({
      topcvJobId: created.topcvJobId,
      title: "Trưởng nhóm kinh doanh",
      status: "pending",
    });
    expect((await log.list()).map((e) => e.operation)).toEqual(["create", "update"]);
  });

  it("an update that keeps failing with 500 is retried (PUT is idempotent) and reported as TopCvServerError", async () => {
    const { client, log } = setup({ retry: { maxAttempts: 2 } });
    const created = await client.createPosting(sampleJob(), FIELDS);
    for (let i = 0; i < 2; i++)
      api.mock.failNext({ method: "PUT", respond: () => new HttpResponse("oops", { status: 500 }) });
    const error = await client
      .updatePosting(created.topcvJobId, sampleJob(), FIELDS)
      .catch((e: unknown) => e);
    expect(TopCvServerError.is(error)).toBe(true);
    expect(api.mock.requests.filter((r) => r.method === "PUT")).toHaveLength(2);
    expect((await log.list()).at(-1)).toMatchObject({
      operation: "update",
      outcome: "failed",
      response: { status: 500 },
    });
  });

  it("links a posting that already exists on TopCV to an ATS job", async () => {
    const { client, postings, log } = setup();
    const topcvJobId = api.mock.seedPosting("Kế toán tổng hợp");
    const linked = await client.linkPosting(topcvJobId, "job-accounting");
    expect(linked).toMatchObject({ topcvJobId, atsJobId: "job-accounting", status: "approved" });
    expect(await postings.findByAtsJob("job-accounting")).toEqual([linked]);
    expect((await log.list())[0]).toMatchObject({ operation: "link", outcome: "succeeded", topcvJobId });
  });

  it("linking an unknown posting → TopCvNotFoundError, logged as failed", async () => {
    const { client, log } = setup();
    await expect(client.linkPosting("404404", "job-x")).rejects.toSatisfy((e: unknown) =>
      TopCvNotFoundError.is(e),
    );
    expect((await log.list())[0]).toMatchObject({
      operation: "link",
      outcome: "failed",
      response: { status: 404 },
    });
  });

  it("lists postings page by page with their status, rejection reasons included", async () => {
    const { client, postings } = setup();
    const a = await client.createPosting(sampleJob(), FIELDS);
    const b = await client.createPosting(sampleJob({ id: "job-2" }), FIELDS);
    const c = api.mock.seedPosting("Tin đăng sẵn trên TopCV");
    api.mock.review(a.topcvJobId, { approved: true });
    api.mock.review(b.topcvJobId, { rejected: "Tiêu đề chứa thông tin liên hệ" });
    const list = await client.listPostings({ pageSize: 2 });
    expect(list.map((p) => [p.topcvJobId, p.atsJobId, p.status, p.rejectionReason])).toEqual([
      [a.topcvJobId, "job-sales-hn", "approved", null],
      [b.topcvJobId, "job-2", "rejected", "Tiêu đề chứa thông tin liên hệ"],
      [c, null, "approved", null],
    ]);
    expect(api.mock.requests.filter((r) => r.path.startsWith("/jobs?")).map((r) => r.path)).toEqual([
      "/jobs?limit=2",
      "/jobs?cursor=2&limit=2",
    ]);
    // The posted list in the store follows TopCV's review; unlinked postings are not added to it.
    expect((await postings.get(b.topcvJobId))?.status).toBe("rejected");
    expect(await postings.get(c)).toBeUndefined();
  });
});
