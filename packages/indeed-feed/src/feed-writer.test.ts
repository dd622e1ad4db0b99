import type { Readable } from "node:stream";
import { ValidationError } from "@org/ats-core";
import { encryptIndeedApplyEmail } from "@org/indeed-apply";
import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { SEED_DESCRIPTION_HTML, seedJapaneseJob } from "./fixtures/seed-004";
import {
  FEED_ELEMENTS,
  FeedWriter,
  type OptionalElementName,
  parseIndeedApplyData,
  writeFeedToString,
} from "./index";

const parser = new XMLParser({ isArray: (name) => name === "job", parseTagValue: false, trimValues: false });

function parseJobs(xml: string): Record<string, unknown>[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as { source: { job: Record<string, unknown>[] } }).source.job;
}

/** Element texts of a one-job feed, read by a strict XML parser (saxes) that keeps CDATA verbatim. */
function saxesTexts(xml: string): Record<string, string> {
  const texts: Record<string, string> = {};
  const sax = new SaxesParser();
  let current: string | undefined;
  sax.on("opentag", (tag) => {
    current = tag.name;
    texts[tag.name] = "";
  });
  sax.on("cdata", (text) => {
    if (current !== undefined) texts[current] += text;
  });
  sax.on("closetag", () => {
    current = undefined;
  });
  sax.write(xml).close();
  return texts;
}

describe("FeedWriter", () => {
  it("names every optional standard element in OptionalElementName", () => {
    const optional = FEED_ELEMENTS.filter((entry) => !entry.required).map((entry) => entry.element);
    // Every optional element is accepted by the writer; a name outside the union would not compile here.
    expect(new FeedWriter({ elements: optional as OptionalElementName[] }).layout).toEqual(
      FEED_ELEMENTS.map((entry) => entry.element),
    );
  });

  it("writes the seed's Japanese job with every text in CDATA and the HTML raw", async () => {
    const xml = await writeFeedToString([seedJapaneseJob()], {
      publisher: "Example Job Site",
      publisherUrl: "http://www.example.com",
    });
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="utf-8"?>\n<source>\n<publisher><![CDATA[Example Job Site]]></publisher>',
      ),
    ).toBe(true);
    expect(xml).toContain("<title><![CDATA[美容師アシスタント]]></title>");
    expect(xml).toContain(`<description><![CDATA[${SEED_DESCRIPTION_HTML}]]></description>`);
    expect(xml).not.toContain("&lt;");
    expect(xml).toContain("<jobtype><![CDATA[正社員]]></jobtype>");
    const [job] = parseJobs(xml);
    expect(job?.city).toBe("港区三田");
    expect(job?.description).toBe(SEED_DESCRIPTION_HTML);
  });

  it("writes <date> in RFC 1123 and <expirationdate> as the day in Tokyo", async () => {
    const xml = await writeFeedToString([seedJapaneseJob()]);
    expect(xml).toContain("<date><![CDATA[Fri, 19 Dec 2014 22:49:39 GMT]]></date>");
    // 2021-11-07T15:00Z is midnight of Monday 8 November in Tokyo: the seed's own example value.
    expect(xml).toContain("<expirationdate><![CDATA[Mon, 08 Nov 2021]]></expirationdate>");
    const utc = await writeFeedToString([seedJapaneseJob()], { dayTimeZone: "UTC" });
    expect(utc).toContain("<expirationdate><![CDATA[Sun, 07 Nov 2021]]></expirationdate>");
  });

  it("splits ]]> across CDATA sections so the text reads back unchanged", async () => {
    const description = "<p>a]]>b]]]]>c</p>";
    const xml = await writeFeedToString([seedJapaneseJob({ description })]);
    expect(xml).toContain("<![CDATA[<p>a]]]]><![CDATA[>b]]]]]]><![CDATA[>c</p>]]>");
    expect(parseJobs(xml)[0]?.description).toBe(description);
  });

  it("removes XML-illegal control characters by default and rejects them on request", async () => {
    const title = "美容師\u0000アシ\u0008スタント\uFFFF";
    const xml = await writeFeedToString([seedJapaneseJob({ title, salary: "日給\tこ\n10,000円" })]);
    expect(xml).toContain("<title><![CDATA[美容師アシスタント]]></title>");
    expect(xml).toContain("<salary><![CDATA[日給\tこ\n10,000円]]></salary>");
    const rejected = writeFeedToString([seedJapaneseJob({ title })], { controlCharacters: "reject" });
    await expect(rejected).rejects.toSatisfy(
      (error) =>
        ValidationError.is(error) &&
        error.issues[0]?.path[0] === "title" &&
        /U\+0000 at index 3/.test(error.message),
    );
  });

  it("finds XML-illegal characters in any job of a chunk and in any element, custom ones too", async () => {
    const jobs = [
      seedJapaneseJob({ referenceNumber: "1" }),
      seedJapaneseJob({ referenceNumber: "2", description: "<p>a\u0002b</p>" }),
      seedJapaneseJob({ referenceNumber: "3", salary: "😀 日給", customElements: { branch_id: "B\uFFFE1" } }),
      seedJapaneseJob({ referenceNumber: "4", title: "\uDC00美容師" }),
    ];
    const writer = new FeedWriter({ customElements: ["branch_id"], chunkSize: 1 << 20 });
    const xml = await writer.toString(jobs);
    expect(xml).toContain("<description><![CDATA[<p>ab</p>]]></description>");
    expect(xml).toContain("<salary><![CDATA[😀 日給]]></salary>");
    expect(xml).toContain("<branch_id><![CDATA[B1]]></branch_id>");
    expect(xml).toContain("<title><![CDATA[美容師]]></title>");
    expect(await new FeedWriter().job(jobs[1]!)).toContain(
      "<description><![CDATA[<p>ab</p>]]></description>",
    );

    const rejecting = new FeedWriter({ customElements: ["branch_id"], controlCharacters: "reject" });
    const error = await rejecting.toString(jobs.slice(2)).catch((e: unknown) => e);
    expect(ValidationError.is(error) && error.message).toContain("feed job #1 (referencenumber 3)");
    expect((error as ValidationError).issues[0]?.path).toEqual(["customElements", "branch_id"]);
    await expect(rejecting.job(jobs[3]!, 3)).rejects.toThrow(/feed job #4 .*U\+DC00 at index 0/s);
  });

  it("writes every chunk as the jobs one by one would be, whatever the chunk size (property)", async () => {
    const text = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom("a]]>b", "[急募]", "]", "]]", "a]]"),
      fc
        .array(fc.constantFrom("]", "]]>", ">", "\u0001", "😀", "\uD800", "あ"), { maxLength: 12 })
        .map((units) => units.join("")),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3000 }),
        async (values, chunkSize) => {
          const writer = new FeedWriter({ customElements: ["branch_id"], chunkSize });
          const jobs = values.map(([description, salary, branch], i) =>
            seedJapaneseJob({
              referenceNumber: String(i),
              description: `x${description}`,
              salary,
              customElements: { branch_id: branch },
            }),
          );
          const oneByOne = await Promise.all(jobs.map((job, i) => writer.job(job, i)));
          const xml = await writer.toString(jobs);
          expect(xml).toBe(writer.head() + oneByOne.join("") + writer.tail());
          const errors: string[] = [];
          const sax = new SaxesParser();
          sax.on("error", (error) => errors.push(error.message));
          sax.write(xml).close();
          expect(errors).toEqual([]);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it("refuses non-string values with an error naming the job and the field", async () => {
    const bad = seedJapaneseJob({ title: 42, date: "not a date" });
    const error = await writeFeedToString([seedJapaneseJob(), bad]).catch((e: unknown) => e);
    expect(ValidationError.is(error)).toBe(true);
    const validation = error as ValidationError;
    expect(validation.message).toContain("feed job #2 (referencenumber unique123131)");
    expect(validation.issues.map((issue) => issue.path.join("."))).toEqual(
      expect.arrayContaining(["title", "date"]),
    );
  });

  it("writes the same elements in every job: empty when a job has no value (seed: その他3)", async () => {
    const writer = new FeedWriter({ elements: ["salary", "imageUrls"], customElements: ["branch_id"] });
    const xml = await writer.toString([
      seedJapaneseJob({
        salary: undefined,
        station: undefined,
        postalCode: undefined,
        streetAddress: undefined,
        education: undefined,
        experience: undefined,
        jobTypes: undefined,
        categories: undefined,
        expirationDate: undefined,
        requisitionId: undefined,
        imageUrls: ["https://img.example.jp/a.jpg"],
        customElements: { branch_id: "B1" },
      }),
      seedJapaneseJob({
        referenceNumber: "2",
        station: undefined,
        postalCode: undefined,
        streetAddress: undefined,
        education: undefined,
        experience: undefined,
        jobTypes: undefined,
        categories: undefined,
        expirationDate: undefined,
        requisitionId: undefined,
      }),
    ]);
    const jobs = xml.split("<job>").slice(1);
    const tags = jobs.map((job) =>
      [...job.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "").matchAll(/<([a-zA-Z_-]+)[/>]/g)].map((m) => m[1]),
    );
    expect(tags[0]).toEqual(tags[1]);
    expect(tags[0]).toEqual([...writer.layout]);
    expect(jobs[0]).toContain("<salary/>");
    expect(jobs[1]).toContain("<imageUrls/>");
    expect(jobs[1]).toContain("<branch_id/>");
  });

  it("refuses a job whose value has no place in the layout instead of breaking the rule", async () => {
    const writer = new FeedWriter({ elements: [] });
    const error = await writer.job(seedJapaneseJob()).catch((e: unknown) => e);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path[0])).toContain("salary");
    expect((error as ValidationError).message).toContain('add "salary" to the writer\'s elements');
    // @ts-expect-error: the type already refuses a misspelt element; the run-time check covers plain JS.
    expect(() => new FeedWriter({ elements: ["salry"] })).toThrow(/not a standard element/);
    expect(() => new FeedWriter({ customElements: ["title"] })).toThrow(/cannot be a custom element/);
  });

  it("pulls jobs only as the consumer reads (backpressure), as a Node Readable", async () => {
    let pulled = 0;
    function* jobs() {
      for (let i = 0; i < 10_000; i++) {
        pulled++;
        yield seedJapaneseJob({ referenceNumber: `r${i}` });
      }
    }
    const readable = new FeedWriter({ chunkSize: 4096 }).toReadable(jobs());
    const iterator = readable[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.isBuffer(first.value)).toBe(true);
    // Node's Readable buffers up to its high-water mark (16 KiB): a handful of jobs, not 10,000.
    expect(pulled).toBeLessThan(50);
    readable.destroy();
  });

  it("pulls jobs only as the consumer reads, as a web ReadableStream of UTF-8 bytes", async () => {
    let pulled = 0;
    async function* jobs() {
      for (let i = 0; i < 10_000; i++) {
        pulled++;
        yield seedJapaneseJob({ referenceNumber: `r${i}` });
      }
    }
    const reader = new FeedWriter({ chunkSize: 4096 }).toWebStream(jobs()).getReader();
    const first = await reader.read();
    expect(first.value).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(first.value).startsWith("<?xml")).toBe(true);
    expect(pulled).toBeLessThan(20);
    await reader.cancel();
  });

  it("streams a valid document end to end through a Node Readable", async () => {
    const readable = new FeedWriter().toReadable(
      Array.from({ length: 300 }, (_, i) => seedJapaneseJob({ referenceNumber: `r${i}` })),
    );
    const parts: Buffer[] = [];
    for await (const chunk of readable as Readable) parts.push(chunk as Buffer);
    expect(parseJobs(Buffer.concat(parts).toString("utf8"))).toHaveLength(300);
  });

  it("writes <indeed-apply-data> with the e-mail encrypted by @org/indeed-apply", async () => {
    const secret = "Y0ur api secret key not shared &$%@";
    const writer = new FeedWriter({ elements: ["indeed-apply-data"], indeedApplySecret: secret });
    const xml = await writer.toString([
      seedJapaneseJob({
        salary: undefined,
        station: undefined,
        postalCode: undefined,
        streetAddress: undefined,
        education: undefined,
        experience: undefined,
        jobTypes: undefined,
        categories: undefined,
        expirationDate: undefined,
        requisitionId: undefined,
        indeedApply: {
          apiToken: "1234ABCDE",
          jobLocation: "東京都港区",
          email: "jobs@example.co.jp",
          locale: "ja",
        },
      }),
    ]);
    const text = /<indeed-apply-data><!\[CDATA\[(.*)\]\]><\/indeed-apply-data>/.exec(xml)?.[1];
    const data = parseIndeedApplyData(text!, { title: "美容師アシスタント", company: "Hair Salon XX" });
    expect(data.email).toBe(await encryptIndeedApplyEmail("jobs@example.co.jp", secret));
    expect(data.jobTitle).toBe("美容師アシスタント");
    expect(data.jobCompanyName).toBe("Hair Salon XX");
  });

  it("round-trips any text of any element (property)", async () => {
    const writer = new FeedWriter();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", minLength: 1 }),
        fc.string({ unit: "grapheme" }),
        async (description, salary) => {
          const xml = await writer.toString([seedJapaneseJob({ description: `x${description}`, salary })]);
          const job = saxesTexts(xml);
          const clean = (text: string) =>
            text.replace(
              /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
              "",
            );
          // XML parsers normalise line ends (CR LF and lone CR become LF): XML 1.0 §2.11.
          const eol = (text: string) => text.replace(/\r\n?/g, "\n");
          expect(job?.description).toBe(eol(clean(`x${description}`)));
          expect(job?.salary ?? "").toBe(eol(clean(salary)));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
