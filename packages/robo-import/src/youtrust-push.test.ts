import { compileRoutingRules } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import { InMemoryCheckpointStore } from "./checkpoints";
import { ImportPipeline } from "./import-pipeline";
import { RUN_AT, tenantStores } from "./test-support";
import { YoutrustPushReceiver } from "./youtrust-push";

const account = { id: "acc-yt", board: "youtrust" as const, login: "yt-company-1", enabled: true };
const headers = { authorization: "Bearer yt-secret-token" };
const scoutReply = {
  id: "YT-1",
  kind: "scout_reply",
  firstScoutReply: true,
  candidate: { name: "山田 太郎", nameKana: "やまだ たろう", email: "taro@example.co.jp" },
  appliedAt: "2026-11-21T08:00:00+09:00",
};
const application = {
  id: "YT-2",
  kind: "application",
  candidate: { name: "佐藤 花子", email: "hanako@example.jp" },
  positionName: "法人営業",
  appliedAt: "2026-11-21T08:30:00+09:00",
};

async function setup(sinkFails = false) {
  const { stores, recorder } = await tenantStores();
  const jobs = [];
  for await (const job of stores.jobs.list()) jobs.push(job);
  const router = compileRoutingRules(
    {
      rules: [
        {
          id: "sales",
          enabled: true,
          when: { position: { mode: "contains", value: "営業" } },
          assign: { jobId: "job-sales", labels: [] },
        },
      ],
    },
    jobs,
  );
  const pipeline = new ImportPipeline({
    tenantId: "t",
    sourceFor: () => {
      throw new Error("YOUTRUST is not fetched");
    },
    sink: sinkFails ? { record: async () => Promise.reject(new Error("database down")) } : recorder,
    checkpoints: new InMemoryCheckpointStore(),
    startDate: "2026-11-01",
    router,
    clock: () => RUN_AT,
  });
  return { stores, receiver: new YoutrustPushReceiver({ token: "yt-secret-token", account, pipeline }) };
}

describe("YoutrustPushReceiver", () => {
  it("stores pushed entries at once; a scout reply without a position waits unassigned", async () => {
    const { stores, receiver } = await setup();
    const response = await receiver.handle({
      headers,
      body: JSON.stringify({ entries: [scoutReply, application] }),
    });
    expect(response).toEqual({ status: 200, body: { ok: true, message: "Stored", imported: 2, skipped: 0 } });
    const stored = [];
    for await (const entry of stores.applications.list()) stored.push(entry);
    expect(stored.map((entry) => [entry.externalId, entry.source.displayName, entry.jobId])).toEqual([
      ["YT-1", "YOUTRUST (スカウト)", null],
      ["YT-2", "YOUTRUST (通常応募)", "job-sales"],
    ]);
    // Pushed again (a retry): nothing twice.
    expect(
      (await receiver.handle({ headers, body: JSON.stringify({ entries: [scoutReply] }) })).body,
    ).toMatchObject({ imported: 0, skipped: 1 });
  });

  it("refuses a wrong token and a malformed body, storing nothing", async () => {
    const { stores, receiver } = await setup();
    expect((await receiver.handle({ headers: { authorization: "Bearer wrong" }, body: "{}" })).status).toBe(
      401,
    );
    expect((await receiver.handle({ headers: {}, body: "{}" })).status).toBe(401);
    expect(await receiver.handle({ headers, body: "not json" })).toMatchObject({
      status: 400,
      body: { message: "The body is not JSON" },
    });
    const bad = await receiver.handle({
      headers,
      body: JSON.stringify({ entries: [{ ...application, id: "", appliedAt: "yesterday" }] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.map((issue) => issue.path)).toEqual(["entries.0.id", "entries.0.appliedAt"]);
    expect(stores.applications.size).toBe(0);
  });

  it("answers 500 when the ATS could not store, so the push is retried", async () => {
    const { receiver } = await setup(true);
    const response = await receiver.handle({ headers, body: JSON.stringify({ entries: [application] }) });
    expect(response.status).toBe(500);
    expect(response.body.message).toMatch(/database down/);
  });

  it("refuses an empty token at construction", async () => {
    const { receiver: _ } = await setup();
    expect(() => new YoutrustPushReceiver({ token: " ", account, pipeline: {} as never })).toThrow(
      /token is empty/,
    );
  });
});
