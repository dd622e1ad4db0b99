import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { runDemo } from "./demo";

it("the demo runs every integration on PGlite and reports what it found", async () => {
  const demo = await runDemo({ dataDir: path.join(await mkdtemp(path.join(tmpdir(), "ats-demo-")), "demo") });
  try {
    const text = demo.lines.join("\n");
    expect(demo.counts).toEqual({ applications: 9, possibleDuplicates: 4, unassigned: 2, outbox: 3 });
    expect(text).toContain("AMBI (スカウト): 1 new");
    expect(text).toContain("first delivery → 200; Indeed's retry of the same application → 409");
    expect(text).toContain("a wrong signature → 401");
    expect(text).toMatch(/TopCV's approval webhook → 202; application webhook → 202/);
    expect(text).toContain('stored in stage "screening" of job-ketoan');
    expect(text).toContain("webhook → 200; unread conversations: 1");
    expect(text).toContain("unread conversations: 0");
    expect(text).toContain(
      "possible duplicate of 髙橋 一郎: matched by phone, reading+birthDate, name+phone",
    );
    expect(text).toContain("㈱元社員 ①");
    expect(text).toMatch(/MOCK LINE API at http:\/\/127\.0\.0\.1:\d+ and MOCK TopCV API/);
    expect(text).toContain(
      "company sample-shoji, recruiter@sample-shoji.example, password demo-sample-shoji-password",
    );
    // The feed it points at is served.
    expect((await fetch(`${demo.server.url}/t/sample-shoji/indeed/feed.xml`)).status).toBe(200);
  } finally {
    await demo.close();
  }
}, 90_000);
