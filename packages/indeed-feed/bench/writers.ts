import { XMLBuilder } from "fast-xml-parser";
import { type FeedJobInput, FeedWriter, formatRfc1123 } from "../src/index";
import { BENCH_ELEMENTS, benchJob } from "./bench-jobs";

/*
 * The three writers compared by the benchmarks, each producing the same document for `count` jobs and
 * returning the UTF-8 byte count: this package's FeedWriter; a bare string-concatenation writer (the
 * limit: no validation, no cleaning, no layout); fast-xml-parser's XMLBuilder (the peer), which needs
 * the whole document as one object and builds one string.
 */

function* jobs(count: number): Generator<FeedJobInput> {
  for (let i = 0; i < count; i++) yield benchJob(i);
}

// The cheapest correct day in Tokyo (UTC+9, no daylight saving): shift and cut the RFC 1123 string.
const day = (date: Date) => new Date(date.getTime() + 9 * 3_600_000).toUTCString().slice(0, 16);

/** FeedWriter through its chunk stream (what toReadable/toWebStream wrap). `sink` receives each chunk. */
export async function writeWithFeedWriter(
  count: number,
  sink: (chunk: string) => void | Promise<void> = () => {},
): Promise<number> {
  const writer = new FeedWriter({ elements: [...BENCH_ELEMENTS] });
  let bytes = 0;
  for await (const chunk of writer.chunks(jobs(count))) {
    bytes += Buffer.byteLength(chunk);
    await sink(chunk);
  }
  return bytes;
}

/** A benchmark job with every element the bare writer writes. */
export type BareJob = Required<
  Pick<
    FeedJobInput,
    | "title"
    | "referenceNumber"
    | "requisitionId"
    | "url"
    | "company"
    | "city"
    | "state"
    | "country"
    | "station"
    | "postalCode"
    | "streetAddress"
    | "description"
    | "salary"
  >
> & { date: Date; expirationDate: Date; jobTypes: string[]; categories: string[] };

/**
 * One job as the bare writer writes it: a template, nothing checked; dates by the built-ins (RFC 1123
 * is what `Date#toUTCString` writes).
 */
export const bareJobXml = (job: BareJob): string =>
  `<job>\n  <title><![CDATA[${job.title}]]></title>\n  <date><![CDATA[${job.date.toUTCString()}]]></date>\n` +
  `  <referencenumber><![CDATA[${job.referenceNumber}]]></referencenumber>\n  <requisitionid><![CDATA[${job.requisitionId}]]></requisitionid>\n` +
  `  <url><![CDATA[${job.url}]]></url>\n  <company><![CDATA[${job.company}]]></company>\n  <city><![CDATA[${job.city}]]></city>\n` +
  `  <state><![CDATA[${job.state}]]></state>\n  <country><![CDATA[${job.country}]]></country>\n  <station><![CDATA[${job.station}]]></station>\n` +
  `  <postalcode><![CDATA[${job.postalCode}]]></postalcode>\n  <streetaddress><![CDATA[${job.streetAddress}]]></streetaddress>\n` +
  `  <description><![CDATA[${job.description}]]></description>\n  <salary><![CDATA[${job.salary}]]></salary>\n` +
  `  <jobtype><![CDATA[${job.jobTypes.join(",")}]]></jobtype>\n  <category><![CDATA[${job.categories.join(",")}]]></category>\n` +
  `  <expirationdate><![CDATA[${day(job.expirationDate)}]]></expirationdate>\n</job>\n`;

/** The limit: string concatenation of the same elements, nothing checked. */
export async function writeBare(
  count: number,
  sink: (chunk: string) => void | Promise<void> = () => {},
): Promise<number> {
  let bytes = 0;
  let buffer = '<?xml version="1.0" encoding="utf-8"?>\n<source>\n';
  for (const job of jobs(count)) {
    buffer += bareJobXml(job as BareJob);
    if (buffer.length >= 32_768) {
      bytes += Buffer.byteLength(buffer);
      await sink(buffer);
      buffer = "";
    }
  }
  buffer += "</source>\n";
  bytes += Buffer.byteLength(buffer);
  await sink(buffer);
  return bytes;
}

/** The peer: fast-xml-parser's XMLBuilder over the whole document as one object. */
export async function writeWithXmlBuilder(
  count: number,
  sink: (chunk: string) => void | Promise<void> = () => {},
): Promise<number> {
  const builder = new XMLBuilder({
    cdataPropName: "__cdata",
    format: true,
    indentBy: "  ",
    suppressEmptyNode: true,
  });
  const cdata = (text: string) => ({ __cdata: text });
  const job: unknown[] = [];
  for (const j of jobs(count)) {
    const input = j as Record<string, unknown> & {
      date: Date;
      expirationDate: Date;
      jobTypes: string[];
      categories: string[];
    };
    job.push({
      title: cdata(input.title as string),
      date: cdata(formatRfc1123(input.date)),
      referencenumber: cdata(input.referenceNumber as string),
      requisitionid: cdata(input.requisitionId as string),
      url: cdata(input.url as string),
      company: cdata(input.company as string),
      city: cdata(input.city as string),
      state: cdata(input.state as string),
      country: cdata(input.country as string),
      station: cdata(input.station as string),
      postalcode: cdata(input.postalCode as string),
      streetaddress: cdata(input.streetAddress as string),
      description: cdata(input.description as string),
      salary: cdata(input.salary as string),
      jobtype: cdata(input.jobTypes.join(",")),
      category: cdata(input.categories.join(",")),
      expirationdate: cdata(day(input.expirationDate)),
    });
  }
  const xml = `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ source: { job } })}`;
  await sink(xml);
  return Buffer.byteLength(xml);
}
