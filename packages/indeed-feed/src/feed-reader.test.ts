import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { HttpError } from "@org/ats-core";
import fc from "fast-check";
import { MockAgent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_SAMPLE_FEED, seedJapaneseJob } from "./fixtures/seed-004";
import {
  type FeedReadEvent,
  type FeedSource,
  FeedWriter,
  feedJobFromRecord,
  type ReadFeedOptions,
  readFeed,
} from "./index";

async function collect(source: FeedSource, options: ReadFeedOptions = {}) {
  const events: FeedReadEvent[] = [];
  for await (const event of readFeed(source, options)) events.push(event);
  const jobs = events.flatMap((e) => (e.type === "job" ? [e.job] : []));
  const errors = events.flatMap((e) => (e.type === "error" ? [e.error] : []));
  return { events, jobs, errors };
}

const writer = new FeedWriter();
const jobs = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    seedJapaneseJob({ referenceNumber: `ref-${i}`, title: `美容師アシスタント${i}` }),
  );
let dir: string;
let feedXml: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "indeed-feed-"));
  feedXml = await writer.toString(jobs(500));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readFeed", () => {
  it("reads the seed's sample feed: publisher, every element, the URL's CDATA inside white space", async () => {
    const { events, jobs: read, errors } = await collect([SEED_SAMPLE_FEED]);
    expect(errors).toEqual([]);
    expect(events[0]).toMatchObject({
      type: "start",
      root: "source",
      declaration: { version: "1.0", encoding: "utf-8" },
      bom: false,
    });
    expect(events.at(-1)).toEqual({
      type: "end",
      jobs: 1,
      publisher: "Example Job Site",
      publisherUrl: "http://www.example.com",
    });
    const job = feedJobFromRecord(read[0]!);
    expect(job.success && job.data).toMatchObject({
      title: "Sales Executive",
      date: new Date("2021-06-29T22:49:39Z"),
      url: "http://www.examplesite.com/viewjob.cfm?jobid=unique123131&source=Indeed",
      jobTypes: ["fulltime", "parttime"],
      categories: ["Category1", "Category2", "CategoryN"],
      expirationDate: new Date("2021-11-08T00:00:00Z"),
      country: "US",
    });
  });

  it("reads a file path job by job, as the writer wrote it", async () => {
    const path = join(dir, "feed.xml");
    await writeFile(path, feedXml);
    const { jobs: read, errors } = await collect(path);
    expect(errors).toEqual([]);
    expect(read).toHaveLength(500);
    expect(read[499]?.elements.get("referencenumber")?.text).toBe("ref-499");
    const typed = feedJobFromRecord(read[3]!);
    expect(typed.success && typed.data.title).toBe("美容師アシスタント3");
  });

  it("reads a URL through undici with an injected dispatcher, and reports HTTP failures", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const origin = agent.get("https://feeds.example.jp");
    origin.intercept({ path: "/indeed.xml" }).reply(200, feedXml);
    origin.intercept({ path: "/gone.xml" }).reply(404, "no such feed");
    const { jobs: read } = await collect("https://feeds.example.jp/indeed.xml", { dispatcher: agent });
    expect(read).toHaveLength(500);
    const failure = await collect("https://feeds.example.jp/gone.xml", { dispatcher: agent }).catch(
      (e: unknown) => e,
    );
    expect(HttpError.is(failure) && failure.status).toBe(404);
    expect((failure as HttpError).message).toContain("answered 404");
    await agent.close();
  });

  it("reads a URL through an injected fetch (e.g. the global one, for msw)", async () => {
    const fetch = async (url: string) =>
      new Response(url.endsWith("/feed.xml") ? feedXml : "", { status: 200 });
    const { jobs: read } = await collect(new URL("https://feeds.example.jp/feed.xml"), { fetch });
    expect(read).toHaveLength(500);
  });

  it("reads Node and web streams", async () => {
    expect((await collect(Readable.from([Buffer.from(feedXml)]))).jobs).toHaveLength(500);
    expect((await collect(writer.toWebStream(jobs(20)))).jobs).toHaveLength(20);
  });

  it("gives the same jobs however the bytes are split, multi-byte characters included (property)", async () => {
    const bytes = new TextEncoder().encode(await writer.toString(jobs(3)));
    const expected = (await collect(bytes)).jobs.map((j) => [...j.elements.values()].map((e) => e.text));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
          const { jobs: read, errors } = await collect(chunks);
          expect(errors).toEqual([]);
          expect(read.map((j) => [...j.elements.values()].map((e) => e.text))).toEqual(expected);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });

  it("finds a bare & however the text is split, and never mistakes one inside CDATA or a comment (property)", async () => {
    const xml =
      '<?xml version="1.0"?><source><!-- a & b --><job><title>美容師 & 理容師 &amp; &#x3042;</title><description><![CDATA[<p>A & B</p><!-- & -->]]></description></job></source>';
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: xml.length - 1 }), { maxLength: 12 }),
        async (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), xml.length];
          const { jobs: read, errors } = await collect(
            points.slice(1).map((end, i) => xml.slice(points[i], end)),
          );
          expect(errors.map((e) => e.message)).toEqual([
            expect.stringMatching(/^line 1, column \d+: a bare "&"/),
          ]);
          expect(read[0]?.elements.get("title")?.text).toBe("美容師 & 理容師 & あ");
          expect(read[0]?.elements.get("description")?.text).toBe("<p>A & B</p><!-- & -->");
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it("handles a byte-order mark, Shift_JIS, UTF-16 and an unknown encoding", async () => {
    const utf8Bom = await collect(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(feedXml)]));
    expect(utf8Bom.events[0]).toMatchObject({ type: "start", bom: true, decodedAs: "utf-8" });
    expect(utf8Bom.jobs).toHaveLength(500);
    // 東京都 in Shift_JIS is 93 8C 8B 9E 93 73.
    const sjis = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="Shift_JIS"?><source><job><state>'),
      0x93,
      0x8c,
      0x8b,
      0x9e,
      0x93,
      0x73,
      ...new TextEncoder().encode("</state></job></source>"),
    ]);
    const read = await collect(sjis);
    expect(read.jobs[0]?.elements.get("state")?.text).toBe("東京都");
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        '<?xml version="1.0" encoding="utf-16"?><source><job><city>港区</city></job></source>',
        "utf16le",
      ),
    ]);
    expect((await collect(utf16)).jobs[0]?.elements.get("city")?.text).toBe("港区");
    const unknown = await collect(
      ['<?xml version="1.0" encoding="x-klingon"?><source><job/></source>'].map((s) =>
        new TextEncoder().encode(s),
      ),
    );
    expect(unknown.errors[0]?.message).toMatch(/line 1, column 1: encoding "x-klingon" is not supported/);
  });

  it("reports malformed XML with line and column and goes on with the next job", async () => {
    const xml = feedXml
      .replace("<title><![CDATA[美容師アシスタント1]]></title>", "<title>美容師 & 理容師</title>")
      .replace("<city><![CDATA[港区三田]]></city>\n  <state>", "<city><![CDATA[港区三田]]></cty>\n  <state>");
    const { jobs: read, errors } = await collect([xml]);
    expect(errors[0]?.message).toMatch(/^line 10, column 31: unexpected close tag/);
    expect(errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^line \d+, column \d+: a bare "&"/),
    );
    expect(read.length).toBeGreaterThanOrEqual(499);
    expect(
      read.find((j) => j.elements.get("referencenumber")?.text === "ref-1")?.elements.get("title")?.text,
    ).toBe("美容師 & 理容師");
    expect(read.at(-1)?.elements.get("referencenumber")?.text).toBe("ref-499");
  });

  it("reports a truncated file and keeps the jobs before the cut", async () => {
    const { jobs: read, errors } = await collect([feedXml.slice(0, Math.floor(feedXml.length / 2))]);
    expect(errors.map((e) => e.message).join("\n")).toMatch(/the file is truncated/);
    expect(read.filter((j) => !j.damaged).length).toBeGreaterThan(200);
    expect(read.at(-1)?.damaged).toBe(true);
  });

  it("skips a job over maxJobCharacters with an error, and stops at an unclosed CDATA section", async () => {
    const huge = feedXml.replace(
      "<title><![CDATA[美容師アシスタント2]]></title>",
      `<title><![CDATA[${"あ".repeat(20_000)}]]></title>`,
    );
    const { jobs: read, errors } = await collect([huge], { maxJobCharacters: 10_000 });
    expect(errors[0]?.message).toMatch(/more than 10000 characters; it is skipped/);
    expect(read).toHaveLength(499);
    const unclosed = `<?xml version="1.0"?><source><job><title><![CDATA[never closed${"x".repeat(50_000)}`;
    const stopped = await collect([unclosed], { maxJobCharacters: 10_000 });
    expect(stopped.errors[0]?.message).toMatch(/probably never closed/);
  });

  it("ends non-XML and empty input with errors instead of throwing", async () => {
    for (const input of ["", "not xml at all", '{"jobs": []}', "<source>", "\u0000\u0001"]) {
      const { errors, events } = await collect([input]);
      expect(errors.length, input).toBeGreaterThan(0);
      expect(events.at(-1)?.type).toBe("end");
    }
  });
});
