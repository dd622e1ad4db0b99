import { parseJob } from "@org/ats-core";
import { createIndeedSignatureVerifier } from "@org/indeed-apply";
import { lintFeed } from "@org/indeed-feed";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningServer } from "./server";
import { startTestServer } from "./test-app";

const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

const SECRET = "acme indeed api secret";
const questions = [
  {
    id: "q1",
    type: "select",
    question: "普通自動車免許をお持ちですか",
    required: true,
    options: [
      { value: "yes", label: "はい" },
      { value: "no", label: "いいえ" },
    ],
  },
];

async function start() {
  const server = await startTestServer(
    {
      acme: {
        indeed: { apiToken: "acme-client-id", apiSecret: SECRET, questionSets: { "job-1": questions } },
      },
    },
    { PUBLIC_BASE_URL: "https://ats.example.test" },
  );
  running.push(server);
  const { stores } = await server.registry.get("acme");
  const job = {
    title: "看護師",
    company: "Wavewood病院",
    location: { region: "東京都", city: "港区三田" },
    status: "open",
    openedAt: "2026-10-01T00:00:00+09:00",
    descriptionHtml: "<p>夜勤あり・寮完備</p><ul><li>日勤のみも可</li></ul>",
    employmentTypes: ["full_time"],
    pipeline: [{ id: "new", name: "新規" }],
  };
  await stores.jobs.put(parseJob({ ...job, id: "job-1" }));
  await stores.jobs.put(
    parseJob({ ...job, id: "job-closed", status: "closed", closedAt: "2026-11-01T00:00:00+09:00" }),
  );
  return server;
}

describe("Indeed routes", () => {
  it("takes a signed application once (200, then 409), refuses a bad signature, and stores it in the first stage", async () => {
    const server = await start();
    const body = JSON.stringify({
      id: "ia-1",
      appliedOnMillis: Date.parse("2026-11-20T10:00:00+09:00"),
      job: { jobId: "job-1" },
      applicant: { fullName: "山田 太郎", email: "taro@example.jp", phoneNumber: "090-1234-5678" },
    });
    const signature = await (await createIndeedSignatureVerifier(SECRET)).sign(body);
    const post = (sig: string) =>
      fetch(`${server.url}/t/acme/indeed/apply`, {
        method: "POST",
        body,
        headers: { "x-indeed-signature": sig, "content-type": "application/json" },
      });
    expect((await post("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).status).toBe(401);
    expect((await post(signature)).status).toBe(200);
    expect((await post(signature)).status).toBe(409);
    const { stores } = await server.registry.get("acme");
    const stored = await stores.applications.findByExternalId({
      provider: "indeed",
      account: "acme-client-id",
      externalId: "ia-1",
    });
    expect(stored).toMatchObject({ jobId: "job-1", stageId: "new", contactEmail: "taro@example.jp" });
    expect((await fetch(`${server.url}/t/nobody/indeed/apply`, { method: "POST", body })).status).toBe(404);
  });

  it("streams a feed of the open jobs that the linter accepts, with Indeed Apply data and a content-addressed questions URL", async () => {
    const server = await start();
    const response = await fetch(`${server.url}/t/acme/indeed/feed.xml`);
    expect(response.headers.get("content-type")).toMatch(/application\/xml/);
    const xml = await response.text();
    expect(xml).toContain("<referencenumber><![CDATA[job-1]]></referencenumber>");
    expect(xml).not.toContain("job-closed");
    expect(xml).toContain("<![CDATA[<p>夜勤あり・寮完備</p><ul><li>日勤のみも可</li></ul>]]>");
    const questionsUrl = /indeed-apply-questions=([^&\]]+)/.exec(xml)?.[1];
    expect(questionsUrl).toBeDefined();
    const path = new URL(decodeURIComponent(questionsUrl!)).pathname;
    expect(await (await fetch(server.url + path)).json()).toEqual(questions);
    expect(
      (await fetch(`${server.url}${path.replace(/[0-9a-f]{16}\.json$/, "0000000000000000.json")}`)).status,
    ).toBe(404);
    const errors = [];
    for await (const finding of lintFeed([xml], { now: new Date("2026-11-21T00:00:00Z") }))
      if (finding.severity === "error") errors.push(finding);
    expect(errors).toEqual([]);
  });
});
