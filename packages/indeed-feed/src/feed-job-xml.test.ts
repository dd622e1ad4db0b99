import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FEED_ELEMENTS, type FeedJob } from "./feed-job";
import { FeedJobXml } from "./feed-job-xml";
import { DayFormatter } from "./rfc1123";

const days = new DayFormatter("Asia/Tokyo");
const ALL = new Set(FEED_ELEMENTS.map((entry) => entry.element));

/** A job with a distinct value for every standard element. */
function everyElementJob(): FeedJob {
  const job: Record<string, unknown> = {};
  FEED_ELEMENTS.forEach((entry, i) => {
    switch (entry.kind) {
      case "instant":
      case "day":
        job[entry.key] = new Date(Date.UTC(2026, 0, 1 + i, 3, 4, 5));
        break;
      case "list":
        job[entry.key] = [`${entry.key}-a`, `${entry.key}-b`];
        break;
      case "number-or-text":
        job[entry.key] = i;
        break;
      case "indeed-apply":
        job[entry.key] = { apiToken: "token" };
        break;
      default:
        job[entry.key] = `${entry.key} の値`;
    }
  });
  return job as FeedJob;
}

/** The expected XML, written by a plain loop over FEED_ELEMENTS (the reference for the straight-line code). */
function expectedXml(job: FeedJob, names: ReadonlySet<string>, applyData: string): string {
  let out = "";
  for (const entry of FEED_ELEMENTS) {
    if (!names.has(entry.element)) continue;
    const value = job[entry.key];
    const text =
      entry.kind === "instant"
        ? (value as Date).toUTCString()
        : entry.kind === "day"
          ? days.format(value as Date)
          : entry.kind === "list"
            ? (value as string[]).join(",")
            : entry.kind === "indeed-apply"
              ? applyData
              : String(value);
    out += `  <${entry.element}><![CDATA[${text}]]></${entry.element}>\n`;
  }
  return out;
}

describe("FeedJobXml", () => {
  it("writes every standard element from its own property, in FEED_ELEMENTS order", () => {
    const job = everyElementJob();
    const writer = new FeedJobXml(ALL, days);
    expect(writer.write(job, "indeed-apply-token=x")).toBe(expectedXml(job, ALL, "indeed-apply-token=x"));
    expect(writer.sectionsWritten).toBe(FEED_ELEMENTS.length);
  });

  it("leaves out the elements the layout does not carry, and writes absent values as empty elements", () => {
    const names = new Set(["title", "date", "referencenumber", "url", "company", "city", "state", "salary"]);
    const job = { ...everyElementJob(), salary: undefined } as unknown as FeedJob;
    const withSalary = expectedXml(everyElementJob(), names, "");
    const salaryLine = / {2}<salary>.*\n/.exec(withSalary)![0];
    const writer = new FeedJobXml(names, days);
    expect(writer.write(job, undefined)).toBe(withSalary.replace(salaryLine, "  <salary/>\n"));
    expect(writer.sectionsWritten).toBe(names.size - 1);
  });

  it("writes any mix of present and absent values between the opening and the closing (property)", () => {
    const elements = FEED_ELEMENTS.map((entry) => entry.element);
    fc.assert(
      fc.property(fc.subarray(elements, { minLength: 1 }), fc.subarray(elements), (carried, absent) => {
        const names = new Set(carried);
        const job = everyElementJob() as unknown as Record<string, unknown>;
        for (const entry of FEED_ELEMENTS) if (absent.includes(entry.element)) job[entry.key] = undefined;
        let expected = "<job>\n";
        for (const entry of FEED_ELEMENTS) {
          if (!names.has(entry.element)) continue;
          if (job[entry.key] === undefined) expected += `  <${entry.element}/>\n`;
          else expected += expectedXml(job as unknown as FeedJob, new Set([entry.element]), "apply");
        }
        const writer = new FeedJobXml(names, days, "<job>\n", "</job>\n");
        const outsideLayout = (job: FeedJob) => {
          const copy = { ...job } as Record<string, unknown>;
          for (const entry of FEED_ELEMENTS) if (!names.has(entry.element)) copy[entry.key] = undefined;
          return copy as unknown as FeedJob;
        };
        expect(writer.write(outsideLayout(job as unknown as FeedJob), "apply")).toBe(`${expected}</job>\n`);
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it("hands a job with a CDATA end in any value to the careful path when asked to check", () => {
    const writer = new FeedJobXml(ALL, days);
    for (const key of ["title", "description", "salary", "jobTypes"] as const) {
      const job = { ...everyElementJob(), [key]: key === "jobTypes" ? ["a]]>b"] : "a]]>b" } as FeedJob;
      expect(writer.write(job, "x", true)).toBeUndefined();
      expect(writer.write(job, "x")).toContain("a]]>b");
    }
    expect(writer.write(everyElementJob(), "x", true)).toBeDefined();
  });

  it("writes XML-illegal characters as given: the writer scans whole chunks for them", () => {
    const writer = new FeedJobXml(ALL, days);
    const job = { ...everyElementJob(), title: "美容師\u0001\uD800\uFFFF😀" } as FeedJob;
    expect(writer.write(job, "x")).toContain("<title><![CDATA[美容師\u0001\uD800\uFFFF😀]]></title>");
  });

  it("tells when a job has a value for any standard element outside the layout", () => {
    const job = everyElementJob();
    for (const entry of FEED_ELEMENTS) {
      const others = new Set([...ALL].filter((name) => name !== entry.element));
      const xml = new FeedJobXml(others, days);
      expect(xml.carriesOutsideLayout(job)).toBe(true);
      expect(xml.carriesOutsideLayout({ ...job, [entry.key]: undefined } as FeedJob)).toBe(false);
    }
  });
});
