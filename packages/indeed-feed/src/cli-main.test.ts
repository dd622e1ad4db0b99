import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-main";
import { SEED_NG_OK, seedJapaneseJob } from "./fixtures/seed-004";
import { FeedWriter } from "./index";

function bufferIo(tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (t: string) => out.push(t) > 0 },
      stderr: { write: (t: string) => err.push(t) > 0, isTTY: tty },
    },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}

let dir: string;
let clean: string;
let bad: string;
const NOW = ["--now", "2026-11-21T00:00:00Z"];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "indeed-feed-cli-"));
  const writer = new FeedWriter({ elements: ["requisitionid", "salary", "jobtype"] });
  const jobs = (n: number, overrides: Record<string, unknown> = {}) =>
    Array.from({ length: n }, (_, i) =>
      seedJapaneseJob({
        referenceNumber: `r${i}`,
        url: `https://www.examplesite.com/job/${i}?source=Indeed`,
        station: undefined,
        postalCode: undefined,
        streetAddress: undefined,
        education: undefined,
        experience: undefined,
        categories: undefined,
        expirationDate: undefined,
        ...overrides,
      }),
    );
  clean = join(dir, "clean.xml");
  await writeFile(clean, await writer.toString(jobs(1200)));
  bad = join(dir, "bad.xml");
  await writeFile(
    bad,
    await writer.toString([
      ...jobs(2, { city: SEED_NG_OK.city[0].ng }),
      ...jobs(1, { requisitionId: undefined, referenceNumber: "x" }),
    ]),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("indeed-feed lint", () => {
  it("exits 0 on a clean feed, with progress on stderr and a summary", async () => {
    const run = bufferIo(true);
    expect(await runCli(["lint", clean, ...NOW], run.io)).toBe(0);
    expect(run.stdout()).toBe("\n1,200 job(s) read: 0 error(s), 0 warning(s)\n");
    expect(run.stderr()).toContain("\r1,000 jobs read");
    const quiet = bufferIo(true);
    expect(await runCli(["lint", clean, ...NOW, "--no-progress"], quiet.io)).toBe(0);
    expect(quiet.stderr()).toBe("");
  });

  it("exits 1 on errors, lists each finding with its location, and sums up by rule", async () => {
    const run = bufferIo();
    expect(await runCli(["lint", bad, ...NOW, "--lang", "both"], run.io)).toBe(1);
    const out = run.stdout();
    expect(out).toContain(`${bad}:10:9 [r0] error city-street-address: <city>`);
    expect(out).toContain("    <city>「港区三田1-4-1住友不動産麻布十番ビル6階」に番地");
    expect(out).toContain(`${bad}:52:8 [x] error url-duplicate: <url> is the same as the job on line 3`);
    expect(out).toMatch(
      /3 job\(s\) read: 3 error\(s\), 1 warning\(s\)\n +2 {2}error {3}city-street-address\n/,
    );
  });

  it("writes JSON with --format json, and switches rules off with --disable", async () => {
    const run = bufferIo();
    expect(
      await runCli(
        ["lint", bad, ...NOW, "--format", "json", "--disable", "city-street-address,url-duplicate"],
        run.io,
      ),
    ).toBe(0);
    const report = JSON.parse(run.stdout());
    expect(report.jobs).toBe(3);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: "requisitionid-missing",
        severity: "warning",
        location: expect.objectContaining({ referenceNumber: "x", element: "requisitionid" }),
      }),
    ]);
    expect(report.summary).toEqual({
      errors: 0,
      warnings: 1,
      byRule: { "requisitionid-missing": { severity: "warning", count: 1 } },
    });
  });

  it("reads a URL", async () => {
    const run = bufferIo();
    const xml = await new FeedWriter().toString([seedJapaneseJob()]);
    const status = await runCli(["lint", "https://feeds.example.jp/feed.xml", ...NOW, "--format", "json"], {
      ...run.io,
      fetch: async () => new Response(xml),
    });
    expect(JSON.parse(run.stdout()).summary.byRule).toEqual({
      "expirationdate-expired": { severity: "error", count: 1 },
    });
    expect(status).toBe(1);
  });

  it("exits 2 on a missing file, an unknown rule or bad usage", async () => {
    let run = bufferIo();
    expect(await runCli(["lint", join(dir, "nope.xml")], run.io)).toBe(2);
    expect(run.stderr()).toMatch(/cannot read .*nope\.xml: ENOENT/);
    run = bufferIo();
    expect(await runCli(["lint", clean, "--disable", "no-such-rule"], run.io)).toBe(2);
    expect(run.stderr()).toContain('"no-such-rule" is not a lint rule');
    run = bufferIo();
    expect(await runCli(["frobnicate"], run.io)).toBe(2);
    expect(await runCli(["lint", clean, "--format", "xml"], run.io)).toBe(2);
    expect(await runCli(["lint", clean, "--bogus"], run.io)).toBe(2);
  });

  it("lists the rules", async () => {
    const run = bufferIo();
    expect(await runCli(["rules"], run.io)).toBe(0);
    expect(run.stdout()).toMatch(/^xml-malformed +error +The feed is well-formed XML/m);
    expect(run.stdout()).toMatch(/^station-extra +error /m);
  });
});
