import { createInMemoryStores, InMemoryWebhookInbox } from "@org/ats-core";
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { TopCvContractMock } from "./contract-mock";
import { InMemoryPostingLog } from "./posting-log";
import { InMemoryPostingStore } from "./posting-store";
import { sampleJob } from "./test-fixtures";
import { CREDENTIALS, recordingSleep, TEST_BASE_URL, useContractMock } from "./test-server";
import { TopCvClient } from "./topcv-client";
import { handleTopCvWebhook } from "./webhook-endpoints";
import {
  type PostingReviewNotice,
  TopCvWebhookReceiver,
  type TopCvWebhookReceiverOptions,
  type UnassignedApplicationReport,
} from "./webhook-receiver";

const api = useContractMock();
const NOW = new Date("2026-11-21T10:00:00+07:00");
const CV = new TextEncoder().encode("%PDF-1.7 CV Nguyễn Văn An");
const cvDownloads = () => api.mock.requests.filter((r) => r.path.includes("/download/"));

async function setup(overrides: Partial<TopCvWebhookReceiverOptions> = {}) {
  const stores = createInMemoryStores();
  await stores.jobs.put(sampleJob());
  const postings = new InMemoryPostingStore();
  await postings.put({
    topcvJobId: "1001",
    atsJobId: "job-sales-hn",
    title: "Nhân viên kinh doanh",
    status: "approved",
    rejectionReason: null,
    url: null,
    updatedAt: NOW,
  });
  const inbox = new InMemoryWebhookInbox();
  const client = new TopCvClient({
    ...CREDENTIALS,
    baseUrl: TEST_BASE_URL,
    postings,
    log: new InMemoryPostingLog(),
    sleep: recordingSleep().sleep,
    retry: { maxAttempts: 3 },
  });
  const reviews: PostingReviewNotice[] = [];
  const unassigned: UnassignedApplicationReport[] = [];
  const errors: unknown[] = [];
  const receiver = await TopCvWebhookReceiver.create({
    account: "emp_1",
    inbox,
    stores,
    postings,
    download: (url) => client.download(url),
    onPostingReviewed: (notice) => {
      reviews.push(notice);
    },
    onUnassigned: (report) => {
      unassigned.push(report);
    },
    onError: (error) => errors.push(error),
    clock: () => NOW,
    ...overrides,
  });
  return { stores, postings, inbox, receiver, reviews, unassigned, errors };
}

const application = (overrides: Partial<Parameters<TopCvContractMock["applicationWebhook"]>[0]> = {}) =>
  api.mock.applicationWebhook({
    eventId: "evt_app_1",
    applicationId: "app_77",
    topcvJobId: "1001",
    fullName: "Nguyễn Văn An",
    email: "An.Nguyen@Example.vn",
    phone: "0912 345 678",
    cv: { bytes: CV, fileName: "CV_NguyenVanAn.pdf" },
    appliedAt: "2026-11-21T09:30:00+07:00",
    ...overrides,
  });

describe("TopCvWebhookReceiver: new applications", () => {
  it("stores the delivery before answering 202, then records the candidate in the job's first stage with the CV", async () => {
    const { receiver, inbox, stores } = await setup();
    const response = await receiver.receive({ rawBody: application(), headers: {} });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ ok: true, code: "accepted", deliveryId: "topcv:evt_app_1" });
    // Stored and not yet processed at the moment of answering.
    expect((await inbox.get("topcv:evt_app_1"))?.status).toBe("pending");
    expect(cvDownloads()).toHaveLength(0);

    const outcome = await response.process!();
    expect(outcome.kind).toBe("application_stored");
    if (outcome.kind !== "application_stored") throw new Error("unreachable");
    const stored = outcome.outcome.application;
    expect(stored).toMatchObject({
      jobId: "job-sales-hn",
      stageId: "new",
      externalId: "app_77",
      contactEmail: "an.nguyen@example.vn",
      source: { provider: "topcv", account: "emp_1", route: "normal", displayName: "TopCV" },
    });
    expect(outcome.outcome.candidate.phones).toEqual(["+84912345678"]);
    expect(stored.attachments).toHaveLength(1);
    expect(stored.attachments[0]).toMatchObject({
      kind: "resume",
      fileName: "CV_NguyenVanAn.pdf",
      size: CV.length,
    });
    expect((await stores.blobs.get(stored.attachments[0]!.storageKey))?.bytes).toEqual(CV);
    expect((await inbox.get("topcv:evt_app_1"))?.status).toBe("processed");
    // The raw payload is kept on the application for re-mapping.
    expect((stored.raw as { event_id: string }).event_id).toBe("evt_app_1");
  });

  it("a CV download that fails once is retried, and the CV is stored", async () => {
    const { receiver } = await setup();
    api.mock.failNext({ path: /\/download\//, respond: () => new HttpResponse(null, { status: 503 }) });
    const response = await receiver.receive({ rawBody: application(), headers: {} });
    const outcome = await response.process!();
    if (outcome.kind !== "application_stored") throw new Error(`unexpected ${outcome.kind}`);
    expect(outcome.outcome.application.attachments).toHaveLength(1);
    expect(cvDownloads()).toHaveLength(2);
  });

  it("a CV that cannot be downloaded does not lose the application: stored with a flag saying where to get it", async () => {
    const { receiver } = await setup();
    const body = application();
    // Someone used the one-time link first.
    const link = (JSON.parse(body) as { data: { cv: { url: string } } }).data.cv.url;
    await fetch(link);
    const outcome = await (await receiver.receive({ rawBody: body, headers: {} })).process!();
    if (outcome.kind !== "application_stored") throw new Error(`unexpected ${outcome.kind}`);
    const flag = outcome.outcome.application.flags.find((f) => f.code === "cv_download_failed");
    expect(flag?.message).toMatch(
      /CV_NguyenVanAn\.pdf.*could not be downloaded \(HTTP 410\).*application app_77/,
    );
    expect(flag?.message).not.toContain(link);
    expect(outcome.outcome.application.attachments).toEqual([]);
  });

  it("a redelivery (same event id) is acknowledged 200 and not processed again", async () => {
    const { receiver, stores } = await setup();
    const body = application();
    await (await receiver.receive({ rawBody: body, headers: {} })).process!();
    const again = await receiver.receive({ rawBody: body, headers: {} });
    expect(again.status).toBe(200);
    expect(again.body.code).toBe("duplicate_delivery");
    expect(again.process).toBeNull();
    expect(stores.candidates.size).toBe(1);
  });

  it("the same application under a new event id is a duplicate through ats-core, without spending the CV link", async () => {
    const { receiver, stores } = await setup();
    await (await receiver.receive({ rawBody: application(), headers: {} })).process!();
    const outcome = await (
      await receiver.receive({ rawBody: application({ eventId: "evt_app_1_retry" }), headers: {} })
    ).process!();
    expect(outcome.kind).toBe("application_duplicate");
    expect(cvDownloads()).toHaveLength(1);
    expect(stores.candidates.size).toBe(1);
  });

  it("an application for an unknown posting is stored unassigned and reported, never dropped", async () => {
    const { receiver, unassigned } = await setup();
    const outcome = await (
      await receiver.receive({ rawBody: application({ topcvJobId: "5555" }), headers: {} })
    ).process!();
    if (outcome.kind !== "application_stored") throw new Error(`unexpected ${outcome.kind}`);
    expect(outcome.unassigned).toBe(true);
    expect(outcome.outcome.application.jobId).toBeNull();
    expect(outcome.outcome.application.flags.map((f) => f.code)).toContain("unassigned");
    expect(unassigned).toEqual([
      {
        topcvJobId: "5555",
        topcvApplicationId: "app_77",
        applicationId: outcome.outcome.application.id,
        reason: expect.stringMatching(/posting 5555 is not in the posted list/),
      },
    ]);
  });

  it("an application for a posting linked to a job the ATS no longer has is unassigned and reported too", async () => {
    const { receiver, postings, unassigned } = await setup();
    await postings.put({ ...(await postings.get("1001"))!, atsJobId: "job-deleted" });
    await (await receiver.receive({ rawBody: application(), headers: {} })).process!();
    expect(unassigned[0]?.reason).toMatch(/job-deleted/);
  });
});

describe("TopCvWebhookReceiver: posting review notifications", () => {
  it("approved and rejected (with reason) update the posted list and reach the notification hook", async () => {
    const { receiver, reviews, postings } = await setup();
    const rejected = JSON.stringify({
      event_id: "evt_rej_1",
      event: "job.rejected",
      occurred_at: "2026-11-21T11:00:00+07:00",
      data: { job_id: "1001", reason: "Mô tả công việc chưa đầy đủ" },
    });
    await (await receiver.receive({ rawBody: rejected, headers: {} })).process!();
    expect(reviews[0]).toMatchObject({
      status: "rejected",
      topcvJobId: "1001",
      atsJobId: "job-sales-hn",
      reason: "Mô tả công việc chưa đầy đủ",
    });
    expect(await postings.get("1001")).toMatchObject({
      status: "rejected",
      rejectionReason: "Mô tả công việc chưa đầy đủ",
    });

    const approved = JSON.stringify({
      event_id: "evt_ok_1",
      event: "job.approved",
      occurred_at: "2026-11-21T12:00:00+07:00",
      data: { job_id: 1001 },
    });
    await (await receiver.receive({ rawBody: approved, headers: {} })).process!();
    expect(reviews[1]).toMatchObject({ status: "approved", reason: null });
    expect(await postings.get("1001")).toMatchObject({ status: "approved", rejectionReason: null });
  });

  it("a review of a posting the ATS does not know still reaches the hook, with no ATS job", async () => {
    const { receiver, reviews, postings, inbox } = await setup();
    api.mock.seedPosting("Tin 1001, the one the ATS knows");
    const body = api.mock.review(
      api.mock.seedPosting("Tin trên TopCV"),
      { rejected: "Trùng lặp" },
      "evt_rej_2",
    );
    const outcome = await (await receiver.receive({ rawBody: body, headers: {} })).process!();
    expect(outcome.kind).toBe("posting_reviewed");
    expect(reviews[0]).toMatchObject({
      status: "rejected",
      atsJobId: null,
      posting: null,
      reason: "Trùng lặp",
    });
    expect(await postings.list()).toHaveLength(1);
    expect((await inbox.get("topcv:evt_rej_2"))?.status).toBe("processed");
  });
});

describe("TopCvWebhookReceiver: refusals store nothing", () => {
  it("malformed JSON → 400", async () => {
    const { receiver, inbox } = await setup();
    const response = await receiver.receive({ rawBody: "{not json", headers: {} });
    expect(response).toMatchObject({ status: 400, body: { code: "malformed" }, process: null });
    expect(await inbox.pending()).toEqual([]);
  });

  it("a body outside the contract → 400 listing every problem by path", async () => {
    const { receiver, inbox } = await setup();
    const response = await receiver.receive({
      rawBody: JSON.stringify({ event: "application.created", occurred_at: "yesterday", data: {} }),
      headers: {},
    });
    expect(response.status).toBe(400);
    expect(response.body.issues?.map((i) => i.path).sort()).toEqual(["event_id", "occurred_at"]);
    const noCandidate = await receiver.receive({
      rawBody: JSON.stringify({
        event_id: "e",
        event: "application.created",
        occurred_at: NOW.toISOString(),
        data: {},
      }),
      headers: {},
    });
    expect(noCandidate.body.issues?.map((i) => i.path)).toEqual([
      "data.application_id",
      "data.job_id",
      "data.applied_at",
      "data.candidate",
    ]);
    expect(await inbox.pending()).toEqual([]);
  });

  it("a parsed object instead of raw bytes → 500 naming the fix", async () => {
    const { receiver } = await setup();
    const response = await receiver.receive({ rawBody: { event: "x" } as unknown as string, headers: {} });
    expect(response.status).toBe(500);
    expect(response.body.message).toMatch(/raw bytes/);
  });

  it("a body over the limit → 413", async () => {
    const { receiver, inbox } = await setup({ maxBodyBytes: 100 });
    expect((await receiver.receive({ rawBody: application(), headers: {} })).status).toBe(413);
    expect(await inbox.pending()).toEqual([]);
  });

  describe("with a signing secret", () => {
    const secret = "whsec_topcv_test";

    it("unsigned → 401 missing signature; wrong → 401 mismatch; malformed header → 401; nothing stored", async () => {
      const { receiver, inbox } = await setup({ signingSecret: secret });
      const body = application();
      const unsigned = await receiver.receive({ rawBody: body, headers: {} });
      expect(unsigned).toMatchObject({ status: 401, body: { code: "signature_invalid" } });
      expect(unsigned.body.message).toMatch(/no x-topcv-signature header/);
      const wrong = await receiver.receive({
        rawBody: body,
        headers: { "X-TopCV-Signature": await TopCvContractMock.sign(body, "other-secret") },
      });
      expect(wrong.body.message).toMatch(/does not match/);
      const malformed = await receiver.receive({
        rawBody: body,
        headers: { "x-topcv-signature": "md5=abc" },
      });
      expect(malformed.body.message).toMatch(/64 hex digits/);
      expect(await inbox.pending()).toEqual([]);
    });

    it("a valid signature over the raw bytes is accepted; the same JSON re-serialised is not", async () => {
      const { receiver } = await setup({ signingSecret: secret });
      const body = application();
      const signature = await TopCvContractMock.sign(body, secret);
      const reserialised = JSON.stringify(JSON.parse(body), null, 2);
      expect(
        (await receiver.receive({ rawBody: reserialised, headers: { "x-topcv-signature": signature } }))
          .status,
      ).toBe(401);
      const ok = await receiver.receive({
        rawBody: new TextEncoder().encode(body),
        headers: new Headers({ "x-topcv-signature": signature }),
      });
      expect(ok.status).toBe(202);
    });

    it("an empty signing secret is a configuration error, never 'skip verification'", async () => {
      await expect(setup({ signingSecret: "" })).rejects.toThrow(/signingSecret is empty/);
    });
  });
});

describe("TopCvWebhookReceiver: recovery", () => {
  it("what a crash left (stored, never processed) is in pending() and processPending() finishes it", async () => {
    const { receiver, inbox, stores } = await setup();
    await receiver.receive({ rawBody: application(), headers: {} }); // process() never called
    expect((await inbox.pending({ provider: "topcv" })).map((d) => d.id)).toEqual(["topcv:evt_app_1"]);
    const outcomes = await receiver.processPending();
    expect(outcomes.map((o) => o.kind)).toEqual(["application_stored"]);
    expect(await inbox.pending()).toEqual([]);
    expect(stores.candidates.size).toBe(1);
  });

  it("a failure while processing is recorded on the delivery, which stays pending for another try", async () => {
    const { receiver, inbox, stores, errors } = await setup();
    const insert = stores.candidates.insert.bind(stores.candidates);
    let failures = 1;
    stores.candidates.insert = async (candidate) => {
      if (failures-- > 0) throw new Error("database unavailable");
      return insert(candidate);
    };
    const response = await receiver.receive({ rawBody: application({ cv: undefined }), headers: {} });
    expect(await response.process!()).toMatchObject({ kind: "failed", error: "database unavailable" });
    expect(await inbox.get("topcv:evt_app_1")).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "database unavailable",
    });
    expect(errors).toHaveLength(1);
    expect((await receiver.processPending()).map((o) => o.kind)).toEqual(["application_stored"]);
  });

  it("an event the contract does not know is stored raw and left pending for re-mapping", async () => {
    const { receiver, inbox } = await setup({ onError: () => {} });
    const body = JSON.stringify({
      event_id: "evt_x",
      event: "candidate.updated",
      occurred_at: NOW.toISOString(),
      data: {},
    });
    const response = await receiver.receive({ rawBody: body, headers: {} });
    expect(response.status).toBe(202);
    expect(await response.process!()).toMatchObject({
      kind: "failed",
      error: expect.stringMatching(/Unknown event "candidate.updated"/),
    });
    expect((await inbox.get("topcv:evt_x"))?.body).toBe(body);
  });
});

describe("handleTopCvWebhook", () => {
  it("answers 404 for an unknown endpoint and stores nothing", async () => {
    const { receiver, inbox } = await setup();
    const resolve = async (token: string) => (token === "known" ? receiver : undefined);
    const response = await handleTopCvWebhook(
      { endpointToken: "guess", rawBody: application(), headers: {} },
      resolve,
    );
    expect(response).toMatchObject({ status: 404, body: { code: "unknown_endpoint" } });
    expect(await inbox.pending()).toEqual([]);
    expect(
      (await handleTopCvWebhook({ endpointToken: "known", rawBody: application(), headers: {} }, resolve))
        .status,
    ).toBe(202);
  });
});
