import { Readable } from "node:stream";
import { toValidationIssues, ValidationError, type ValidationIssue } from "@org/ats-core";
import { encryptIndeedApplyEmail } from "@org/indeed-apply";
import { FEED_ELEMENTS, type FeedElement, type FeedJob, type FeedJobInput, FeedJobSchema } from "./feed-job";
import { buildIndeedApplyData } from "./indeed-apply-data";
import { DayFormatter, formatRfc1123 } from "./rfc1123";
import { type ControlCharacterPolicy, cdata, cleanXmlText, XML_NAME_PATTERN } from "./xml-text";

/** The name of an optional standard element (`salary`, `imageUrls`, `indeed-apply-data`, …). */
export type OptionalElementName = string;

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
  /** Characters gathered before a chunk is emitted (default 65,536). */
  chunkSize?: number;
}

interface LayoutEntry {
  readonly name: string;
  readonly standard: FeedElement | undefined;
  readonly open: string;
  readonly close: string;
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
  readonly #layout: readonly LayoutEntry[];
  readonly #layoutNames: ReadonlySet<string>;
  readonly #policy: ControlCharacterPolicy;
  readonly #days: DayFormatter;
  readonly #options: FeedWriterOptions;
  readonly #chunkSize: number;
  /** Encryption is deterministic (zero IV), so one address is encrypted once per writer. */
  readonly #encryptedEmails = new Map<string, Promise<string>>();

  /** @throws ValidationError when `elements` or `customElements` name something that cannot be written. */
  constructor(options: FeedWriterOptions = {}) {
    this.#options = options;
    this.#policy = options.controlCharacters ?? "remove";
    this.#days = new DayFormatter(options.dayTimeZone ?? "Asia/Tokyo");
    this.#chunkSize = options.chunkSize ?? 65_536;
    const wanted = new Set(options.elements ?? DEFAULT_OPTIONAL_ELEMENTS);
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
    const entry = (name: string, standard: FeedElement | undefined): LayoutEntry => ({
      name,
      standard,
      open: `  <${name}>`,
      close: `</${name}>\n`,
      empty: `  <${name}/>\n`,
    });
    const layout: LayoutEntry[] = [];
    for (const standard of FEED_ELEMENTS) {
      if (standard.required || wanted.has(standard.element)) layout.push(entry(standard.element, standard));
    }
    for (const name of customs) layout.push(entry(name, undefined));
    this.#layout = layout;
    this.#layoutNames = new Set(layout.map((item) => item.name));
  }

  /** The element names every job of this feed carries, in order. */
  get layout(): readonly string[] {
    return this.#layout.map((item) => item.name);
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
    const parsed = FeedJobSchema.safeParse(input);
    const label = describeJob(input, index);
    if (!parsed.success) throw new ValidationError(label, toValidationIssues(parsed.error));
    const job = parsed.data;
    this.#checkLayout(job, label);
    let out = "<job>\n";
    for (const item of this.#layout) {
      const text =
        item.standard === undefined
          ? job.customElements?.[item.name]
          : await this.#text(job, item.standard, label);
      if (text === undefined) {
        out += item.empty;
        continue;
      }
      const path = item.standard === undefined ? ["customElements", item.name] : [item.standard.key];
      let clean: string;
      try {
        clean = cleanXmlText(text, this.#policy, path);
      } catch (error) {
        throw ValidationError.is(error) ? new ValidationError(label, error.issues) : error;
      }
      out += item.open + cdata(clean) + item.close;
    }
    return `${out}</job>\n`;
  }

  #checkLayout(job: FeedJob, label: string): void {
    const issues: ValidationIssue[] = [];
    for (const standard of FEED_ELEMENTS) {
      if (job[standard.key] !== undefined && !this.#layoutNames.has(standard.element)) {
        issues.push({
          path: [standard.key],
          reason: "not_in_layout",
          message: `<${standard.element}> is not in this feed's layout: add "${standard.element}" to the writer's elements so every job carries it (Indeed: a tag in one job must be in every job)`,
        });
      }
    }
    for (const name of Object.keys(job.customElements ?? {})) {
      if (!this.#layoutNames.has(name)) {
        issues.push({
          path: ["customElements", name],
          reason: "not_in_layout",
          message: `custom element <${name}> is not in this feed's layout: add it to the writer's customElements`,
        });
      }
    }
    if (issues.length > 0) throw new ValidationError(label, issues);
  }

  async #text(job: FeedJob, standard: FeedElement, label: string): Promise<string | undefined> {
    const value = job[standard.key];
    if (value === undefined) return undefined;
    switch (standard.kind) {
      case "instant":
        return formatRfc1123(value as Date);
      case "day":
        return this.#days.format(value as Date);
      case "list":
        return (value as string[]).join(",");
      case "number-or-text":
        return String(value);
      case "indeed-apply":
        return this.#indeedApply(job, label);
      default:
        return value as string;
    }
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
   */
  async *chunks(
    jobs: Iterable<FeedJobInput> | AsyncIterable<FeedJobInput>,
  ): AsyncGenerator<string, void, undefined> {
    let buffer = this.head();
    let index = 0;
    for await (const input of jobs) {
      buffer += await this.job(input, index);
      index += 1;
      if (buffer.length >= this.#chunkSize) {
        yield buffer;
        buffer = "";
      }
    }
    yield buffer + this.tail();
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
