import { Readable } from "node:stream";
import { toValidationIssues, ValidationError, type ValidationIssue } from "@org/ats-core";
import { encryptIndeedApplyEmail } from "@org/indeed-apply";
import { FEED_ELEMENTS, type FeedElement, type FeedJob, type FeedJobInput, FeedJobSchema } from "./feed-job";
import { fastCheckFeedJob } from "./feed-job-fast-check";
import { FeedJobXml } from "./feed-job-xml";
import { buildIndeedApplyData } from "./indeed-apply-data";
import { DayFormatter, formatRfc1123 } from "./rfc1123";
import { XmlIllegalScanner } from "./xml-illegal-scanner";
import {
  type ControlCharacterPolicy,
  cdata,
  cleanXmlText,
  splitCdataEnd,
  XML_NAME_PATTERN,
} from "./xml-text";

/** The name of an optional standard element, as written in the feed. */
export type OptionalElementName =
  | "requisitionid"
  | "station"
  | "postalcode"
  | "streetaddress"
  | "email"
  | "salary"
  | "education"
  | "jobtype"
  | "category"
  | "experience"
  | "expirationdate"
  | "tracking_url"
  | "lastactivitydate"
  | "timeshift"
  | "subwayaccess"
  | "rawlocation"
  | "expdate"
  | "benefits"
  | "rawsalary"
  | "hires"
  | "keywords"
  | "imageUrls"
  | "sourcename"
  | "remotetype"
  | "apijobid"
  | "indeed-apply-data";

/**
 * The optional elements written by default: the ones of the seed's element table
 * (seed 004_7a98198eda9710f9.txt, "求人の要素一覧"). The newer elements (`timeshift` … `imageUrls`,
 * `sourcename`, `remotetype`, `apijobid`) and `indeed-apply-data` are written only when listed in
 * `elements`, because Indeed has to enable each new element on its side ("Indeed側で該当エレメントの
 * 追加設定が必要になります").
 */
export const DEFAULT_OPTIONAL_ELEMENTS: readonly OptionalElementName[] = Object.freeze([
  "requisitionid",
  "station",
  "postalcode",
  "streetaddress",
  "email",
  "salary",
  "education",
  "jobtype",
  "category",
  "experience",
  "expirationdate",
  "tracking_url",
  "lastactivitydate",
]);

/** Options of a {@link FeedWriter}: one tenant's feed. */
export interface FeedWriterOptions {
  /** `<publisher>`: the name of the site posting the jobs. */
  publisher?: string;
  /** `<publisherurl>`. */
  publisherUrl?: string;
  /**
   * The optional standard elements every job of this feed carries (default
   * {@link DEFAULT_OPTIONAL_ELEMENTS}). Required elements are always written.
   */
  elements?: readonly OptionalElementName[];
  /** Names of your custom elements (`branch_id`); every job carries each of them. */
  customElements?: readonly string[];
  /** What to do with characters XML cannot carry: `remove` (default) or `reject` with a `ValidationError`. */
  controlCharacters?: ControlCharacterPolicy;
  /** Time zone that decides the day of `<expirationdate>` and `<expdate>` (default `Asia/Tokyo`). */
  dayTimeZone?: string;
  /** The tenant's Indeed API secret, used to encrypt an Indeed Apply e-mail given in clear. */
  indeedApplySecret?: string;
  /**
   * Characters gathered before a chunk is emitted (default 32,768: Japanese text is two bytes a character
   * in V8, and strings over 128 KiB go to the large-object space, which only full GCs reclaim).
   */
  chunkSize?: number;
}

/** The chunk being gathered: its text, where its jobs start (after the head), and its jobs. */
interface Gathering {
  text: string;
  jobsFrom: number;
  readonly jobs: GatheredJob[];
}

/** A job written into the chunk being gathered, kept until the chunk has been scanned. */
interface GatheredJob {
  readonly job: FeedJob;
  readonly index: number;
  readonly applyData: string | undefined;
  /** Where the job's XML ends in the chunk. */
  readonly end: number;
  /** The CDATA sections its markup holds. */
  readonly sections: number;
}

/** One element of the feed's layout, compiled once per writer. */
interface LayoutSlot {
  readonly name: string;
  /** How the value is written: a standard element's kind, or `custom`. */
  readonly kind: FeedElement["kind"] | "custom";
  /** The standard element's property, or `undefined` for a custom element. */
  readonly key: FeedElement["key"] | undefined;
  /** `  <name><![CDATA[`: the element opened and its CDATA section started, as one string. */
  readonly prefix: string;
  /** `]]></name>` and the line break. */
  readonly suffix: string;
  /** `  <name/>` and the line break, for a job without a value. */
  readonly empty: string;
}

/**
 * Writes Indeed XML feeds as a stream, one job at a time, so memory stays flat whatever the feed size.
 *
 * "A tag used in one job must be present in every job" (seed 004_7a98198eda9710f9.txt, "その他3") holds
 * by construction: the writer fixes the feed's layout — the required elements, the optional ones in
 * `elements` and the `customElements` — before the first job, and writes exactly that list in every
 * job, as an empty element (`<salary/>`) when a job has no value. A job carrying a value for an element
 * outside the layout is refused with a `ValidationError` instead of silently breaking the rule.
 *
 * All text goes in CDATA with `]]>` split, XML-illegal characters removed (or rejected), HTML raw,
 * dates in RFC 1123.
 */
export class FeedWriter {
  readonly #layout: readonly LayoutSlot[];
  /** The custom elements' slots (the end of the layout). */
  readonly #customSlots: readonly LayoutSlot[];
  /** The fast path: the standard elements written straight-line. */
  readonly #fastXml: FeedJobXml;
  readonly #layoutNames: ReadonlySet<string>;
  /** Standard elements this feed does not carry: a job with a value for one of them is refused. */
  readonly #outsideLayout: readonly FeedElement[];
  readonly #policy: ControlCharacterPolicy;
  readonly #days: DayFormatter;
  readonly #options: FeedWriterOptions;
  readonly #chunkSize: number;
  /** Finds XML-illegal characters, and counts `]`, in whole chunks (see {@link chunks}). */
  readonly #scanner = new XmlIllegalScanner();
  /** The CDATA sections the last {@link #render} wrote. */
  #sectionsRendered = 0;
  /** Encryption is deterministic (zero IV), so one address is encrypted once per writer. */
  readonly #encryptedEmails = new Map<string, Promise<string>>();

  /** @throws ValidationError when `elements` or `customElements` name something that cannot be written. */
  constructor(options: FeedWriterOptions = {}) {
    this.#options = options;
    this.#policy = options.controlCharacters ?? "remove";
    this.#days = new DayFormatter(options.dayTimeZone ?? "Asia/Tokyo");
    this.#chunkSize = options.chunkSize ?? 32_768;
    const wanted = new Set<string>(options.elements ?? DEFAULT_OPTIONAL_ELEMENTS);
    const issues: ValidationIssue[] = [];
    for (const name of wanted) {
      const standard = FEED_ELEMENTS.find((entry) => entry.element === name);
      if (standard === undefined) {
        issues.push({
          path: ["elements", name],
          reason: "unknown_element",
          message: `"${name}" is not a standard element: list it in customElements`,
        });
      }
    }
    const customs = options.customElements ?? [];
    for (const name of customs) {
      if (
        !XML_NAME_PATTERN.test(name) ||
        FEED_ELEMENTS.some((entry) => entry.element.toLowerCase() === name.toLowerCase())
      ) {
        issues.push({
          path: ["customElements", name],
          reason: "invalid_name",
          message: `"${name}" cannot be a custom element: use an XML name that no standard element has`,
        });
      }
    }
    if (issues.length > 0) throw new ValidationError("feed writer options", issues);
    const slot = (name: string, standard: FeedElement | undefined): LayoutSlot => ({
      name,
      kind: standard?.kind ?? "custom",
      key: standard?.key,
      prefix: `  <${name}><![CDATA[`,
      suffix: `]]></${name}>\n`,
      empty: `  <${name}/>\n`,
    });
    const layout: LayoutSlot[] = [];
    for (const standard of FEED_ELEMENTS) {
      if (standard.required || wanted.has(standard.element)) layout.push(slot(standard.element, standard));
    }
    for (const name of customs) layout.push(slot(name, undefined));
    this.#layout = layout;
    this.#customSlots = layout.filter((item) => item.kind === "custom");
    this.#layoutNames = new Set(layout.map((item) => item.name));
    // Without custom elements, the fast path writes the whole <job> element.
    this.#fastXml = new FeedJobXml(
      this.#layoutNames,
      this.#days,
      "<job>\n",
      this.#customSlots.length === 0 ? "</job>\n" : "",
    );
    this.#outsideLayout = FEED_ELEMENTS.filter((standard) => !this.#layoutNames.has(standard.element));
  }

  /** The element names every job of this feed carries, in order. */
  get layout(): readonly string[] {
    return this.#layout.map((slot) => slot.name);
  }

  /** The XML declaration, `<source>` and the publisher elements. */
  head(): string {
    let out = '<?xml version="1.0" encoding="utf-8"?>\n<source>\n';
    const { publisher, publisherUrl } = this.#options;
    if (publisher !== undefined)
      out += `<publisher>${cdata(cleanXmlText(publisher, this.#policy, ["publisher"]))}</publisher>\n`;
    if (publisherUrl !== undefined) {
      out += `<publisherurl>${cdata(cleanXmlText(publisherUrl, this.#policy, ["publisherUrl"]))}</publisherurl>\n`;
    }
    return out;
  }

  /** The end of the document. */
  tail(): string {
    return "</source>\n";
  }

  /**
   * One `<job>` element. `index` only labels errors.
   *
   * @throws ValidationError naming the job, the field and the fix when the job is invalid.
   */
  async job(input: FeedJobInput, index = 0): Promise<string> {
    const job = this.#validate(input, index);
    const applyData = await this.#applyData(job, index);
    const xml = this.#render(job, index, applyData, true);
    return this.#scanner.firstIllegal(xml) < 0 ? xml : this.#renderCarefully(job, index, applyData);
  }

  /** The job as the schema outputs it, checked against the layout. */
  #validate(input: FeedJobInput, index: number): FeedJob {
    const job = fastCheckFeedJob(input) ?? this.#parse(input, index);
    this.#checkLayout(job, index);
    return job;
  }

  /** The `<indeed-apply-data>` text, when the job has Indeed Apply settings (whose e-mail may need encrypting). */
  #applyData(job: FeedJob, index: number): Promise<string> | undefined {
    return job.indeedApply === undefined ? undefined : this.#indeedApply(job, describeJob(job, index));
  }

  #parse(input: FeedJobInput, index: number): FeedJob {
    const parsed = FeedJobSchema.safeParse(input);
    if (!parsed.success)
      throw new ValidationError(describeJob(input, index), toValidationIssues(parsed.error));
    return parsed.data;
  }

  /**
   * The job's XML with every value written as given (see {@link FeedJobXml}); with `checkCdataEnds`,
   * a job with a `]]>` in a value is written by {@link #renderCarefully} instead. XML-illegal characters
   * are left for the caller to find: {@link #scanned} or {@link job}.
   */
  #render(job: FeedJob, index: number, applyData: string | undefined, checkCdataEnds: boolean): string {
    const standard = this.#fastXml.write(job, applyData, checkCdataEnds);
    if (standard === undefined) return this.#renderCarefully(job, index, applyData);
    let sections = this.#fastXml.sectionsWritten;
    if (this.#customSlots.length === 0) {
      this.#sectionsRendered = sections;
      return standard;
    }
    let custom = "";
    for (const slot of this.#customSlots) {
      const text = job.customElements?.[slot.name];
      if (text === undefined) {
        custom += slot.empty;
      } else if (checkCdataEnds && text.includes("]]>")) {
        return this.#renderCarefully(job, index, applyData);
      } else {
        custom += slot.prefix + text + slot.suffix;
        sections++;
      }
    }
    this.#sectionsRendered = sections;
    return `${standard}${custom}</job>\n`;
  }

  /** {@link #render} with every value cleaned (or rejected) and `]]>` split. */
  #renderCarefully(job: FeedJob, index: number, applyData: string | undefined): string {
    let out = "<job>\n";
    for (const slot of this.#layout) {
      const text = this.#valueText(job, slot, applyData);
      if (text === undefined) {
        out += slot.empty;
        continue;
      }
      const path = slot.key === undefined ? ["customElements", slot.name] : [slot.key];
      try {
        out += slot.prefix + splitCdataEnd(cleanXmlText(text, this.#policy, path)) + slot.suffix;
      } catch (error) {
        throw ValidationError.is(error) ? new ValidationError(describeJob(job, index), error.issues) : error;
      }
    }
    return `${out}</job>\n`;
  }

  /** The text written for one slot (dates formatted, lists joined), or `undefined` for an empty element. */
  #valueText(job: FeedJob, slot: LayoutSlot, applyData: string | undefined): string | undefined {
    if (slot.key === undefined) return job.customElements?.[slot.name];
    const value = job[slot.key];
    if (value === undefined) return undefined;
    switch (slot.kind) {
      case "instant":
        return formatRfc1123(value as Date);
      case "day":
        return this.#days.format(value as Date);
      case "list":
        return (value as string[]).join(",");
      case "number-or-text":
        return String(value);
      case "indeed-apply":
        return applyData;
      default:
        return value as string;
    }
  }

  #checkLayout(job: FeedJob, index: number): void {
    if (job.customElements === undefined && !this.#fastXml.carriesOutsideLayout(job)) return;
    const issues: ValidationIssue[] = [];
    for (const standard of this.#outsideLayout) {
      if (job[standard.key] !== undefined) {
        issues.push({
          path: [standard.key],
          reason: "not_in_layout",
          message: `<${standard.element}> is not in this feed's layout: add "${standard.element}" to the writer's elements so every job carries it (Indeed: a tag in one job must be in every job)`,
        });
      }
    }
    if (job.customElements !== undefined)
      for (const name of Object.keys(job.customElements)) {
        if (!this.#layoutNames.has(name)) {
          issues.push({
            path: ["customElements", name],
            reason: "not_in_layout",
            message: `custom element <${name}> is not in this feed's layout: add it to the writer's customElements`,
          });
        }
      }
    if (issues.length > 0) throw new ValidationError(describeJob(job, index), issues);
  }

  async #indeedApply(job: FeedJob, label: string): Promise<string> {
    const { email, ...rest } = job.indeedApply!;
    try {
      if (email === undefined) return await buildIndeedApplyData(rest, job);
      const secret = this.#options.indeedApplySecret;
      if (secret === undefined) return await buildIndeedApplyData({ ...rest, email }, job);
      let pending = this.#encryptedEmails.get(email);
      if (pending === undefined) {
        pending = encryptIndeedApplyEmail(email, secret);
        this.#encryptedEmails.set(email, pending);
      }
      return await buildIndeedApplyData({ ...rest, encryptedEmail: await pending }, job);
    } catch (error) {
      if (ValidationError.is(error)) {
        throw new ValidationError(
          label,
          error.issues.map((issue) => ({ ...issue, path: ["indeedApply", ...issue.path] })),
        );
      }
      throw error;
    }
  }

  /**
   * The feed as chunks of text (about `chunkSize` characters each), pulled one at a time from `jobs`:
   * nothing is read from `jobs` until the consumer asks for the next chunk.
   *
   * Jobs are written without testing each value for XML-illegal characters or `]]>`: a regular
   * expression per value cost as much as writing the job, and a `]]>` test per value a tenth. Each chunk
   * is scanned once instead ({@link XmlIllegalScanner}, 8 characters per SIMD instruction), and the rare
   * job that needs care is written again (see {@link #scanned}).
   */
  async *chunks(
    jobs: Iterable<FeedJobInput> | AsyncIterable<FeedJobInput>,
  ): AsyncGenerator<string, void, undefined> {
    const head = this.head();
    const gathering: Gathering = { text: head, jobsFrom: head.length, jobs: [] };
    let index = 0;
    // `for await` over a plain iterable costs a microtask per job; walk sync sources synchronously.
    const source: Iterable<FeedJobInput | Promise<FeedJobInput>> | AsyncIterable<FeedJobInput> =
      Symbol.asyncIterator in jobs ? jobs : (jobs as Iterable<FeedJobInput>);
    if (Symbol.asyncIterator in source) {
      for await (const input of source) {
        const added = this.#add(gathering, input, index++);
        const chunk = added instanceof Promise ? await added : added;
        if (chunk !== undefined) yield chunk;
      }
    } else {
      for (const input of source) {
        const added = this.#add(gathering, input as FeedJobInput, index++);
        const chunk = added instanceof Promise ? await added : added;
        if (chunk !== undefined) yield chunk;
      }
    }
    yield this.#scanned(gathering) + this.tail();
  }

  /**
   * Validates one job and adds it to `gathering` (see {@link #gather}); a promise only when its
   * `<indeed-apply-data>` has to be built first (the e-mail is encrypted asynchronously).
   */
  #add(
    gathering: Gathering,
    input: FeedJobInput,
    index: number,
  ): string | undefined | Promise<string | undefined> {
    const job = this.#validate(input, index);
    const pending = this.#applyData(job, index);
    if (pending === undefined) return this.#gather(gathering, job, index, undefined);
    return pending.then((applyData) => this.#gather(gathering, job, index, applyData));
  }

  /** Adds the job's XML to `gathering`; returns the chunk, scanned, once it holds `chunkSize` characters. */
  #gather(
    gathering: Gathering,
    job: FeedJob,
    index: number,
    applyData: string | undefined,
  ): string | undefined {
    gathering.text += this.#render(job, index, applyData, false);
    gathering.jobs.push({
      job,
      index,
      applyData,
      end: gathering.text.length,
      sections: this.#sectionsRendered,
    });
    if (gathering.text.length < this.#chunkSize) return undefined;
    const chunk = this.#scanned(gathering);
    gathering.text = "";
    gathering.jobsFrom = 0;
    gathering.jobs.length = 0;
    return chunk;
  }

  /**
   * The gathered chunk, with every job that needs care written again: one holding an XML-illegal
   * character by {@link #renderCarefully} (which removes it or, under `reject`, throws), one with a `]`
   * in a value by {@link #render} with its `]]>` test. The markup of a CDATA section holds two `]`, so a
   * chunk with no more than twice its sections has no `]` — and no `]]>` — in any value. The head before
   * the jobs is already clean.
   */
  #scanned({ text, jobsFrom, jobs }: Gathering): string {
    let sections = 0;
    for (const job of jobs) sections += job.sections;
    if (this.#scanner.firstIllegal(text, jobsFrom) < 0 && this.#scanner.closingBrackets === 2 * sections)
      return text;
    let out = text.slice(0, jobsFrom);
    let start = jobsFrom;
    for (const { job, index, applyData, end, sections } of jobs) {
      const xml = text.slice(start, end);
      if (this.#scanner.firstIllegal(xml) >= 0) out += this.#renderCarefully(job, index, applyData);
      else if (this.#scanner.closingBrackets !== 2 * sections)
        out += this.#render(job, index, applyData, true);
      else out += xml;
      start = end;
    }
    return out;
  }

  /** The feed as a Node `Readable` of UTF-8 bytes; it pulls jobs only as fast as the reader consumes. */
  toReadable(jobs: Iterable<FeedJobInput> | AsyncIterable<FeedJobInput>): Readable {
    return Readable.from(this.chunks(jobs), { objectMode: false, encoding: undefined });
  }

  /** The feed as a web `ReadableStream` of UTF-8 bytes, pull-based (one chunk per pull). */
  toWebStream(jobs: Iterable<FeedJobInput> | AsyncIterable<FeedJobInput>): ReadableStream<Uint8Array> {
    const chunks = this.chunks(jobs);
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (next.done) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          } catch (error) {
            controller.error(error);
          }
        },
        async cancel() {
          await chunks.return(undefined);
        },
      },
      { highWaterMark: 1 },
    );
  }

  /** The whole feed as one string: for small feeds and tests. */
  async toString(jobs: Iterable<FeedJobInput> | AsyncIterable<FeedJobInput>): Promise<string> {
    let out = "";
    for await (const chunk of this.chunks(jobs)) out += chunk;
    return out;
  }
}

function describeJob(input: unknown, index: number): string {
  const reference =
    typeof input === "object" &&
    input !== null &&
    typeof (input as { referenceNumber?: unknown }).referenceNumber === "string"
      ? ` (referencenumber ${(input as { referenceNumber: string }).referenceNumber})`
      : "";
  return `feed job #${index + 1}${reference}`;
}

/** Writes a whole feed to a string with a new {@link FeedWriter}: for small feeds and tests. */
export function writeFeedToString(
  jobs: Iterable<FeedJobInput> | AsyncIterable<FeedJobInput>,
  options: FeedWriterOptions = {},
): Promise<string> {
  return new FeedWriter(options).toString(jobs);
}
