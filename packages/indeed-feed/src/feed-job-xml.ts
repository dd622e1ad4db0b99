import { FEED_ELEMENTS, type FeedJob } from "./feed-job";
import { type DayFormatter, formatRfc1123 } from "./rfc1123";

/** The markup of one standard element in one feed's layout; all empty when the feed does not carry it. */
interface ElementMarkup {
  /** `  <name><![CDATA[`: the element opened and its CDATA section started. */
  readonly prefix: string;
  /** `]]></name>` and the line break. */
  readonly suffix: string;
  /** `  <name/>` and the line break, for a job without a value. */
  readonly empty: string;
}

const NOT_IN_LAYOUT: ElementMarkup = Object.freeze({ prefix: "", suffix: "", empty: "" });

/**
 * The fast path of the writer: a job's standard elements as XML, in one feed's layout. Neither
 * XML-illegal characters nor `]]>` are looked for here unless asked: the writer scans whole chunks at
 * once (see FeedWriter.chunks), which costs a fraction of a test per value.
 *
 * The layout is compiled once into markup per standard element (nothing for the elements the feed does
 * not carry: the writer refuses a job with a value for one of them before it gets here), and
 * {@link write} reads the job's properties by name, one line per element in FEED_ELEMENTS order, with no
 * loop: jobs of a feed share a shape, so every read stays a monomorphic inline cache, and the whole job
 * is one run of concatenations, as a hand-written template would be. This runs for every job of feeds
 * with hundreds of thousands. Tests hold the lines to FEED_ELEMENTS (feed-job-xml.test.ts).
 */
export class FeedJobXml {
  readonly #markup: readonly ElementMarkup[];
  readonly #days: DayFormatter;
  /** Set by {@link #text} when asked to check and a value holds a `]]>`. */
  #needsCare = false;
  #checkCdataEnds = false;
  #sections = 0;

  /** `names`: the standard elements the feed carries. */
  constructor(names: ReadonlySet<string>, days: DayFormatter) {
    this.#markup = FEED_ELEMENTS.map(({ element: name }) =>
      names.has(name)
        ? Object.freeze({
            prefix: `  <${name}><![CDATA[`,
            suffix: `]]></${name}>\n`,
            empty: `  <${name}/>\n`,
          })
        : NOT_IN_LAYOUT,
    );
    this.#days = days;
  }

  /**
   * True when the job has a value for a standard element this feed's layout does not carry (the writer
   * then refuses it). Read by name, one line per element, like {@link write}: a loop of `job[key]`
   * reads over the absent properties was a tenth of the writer's time.
   */
  carriesOutsideLayout(job: FeedJob): boolean {
    const m = this.#markup;
    return (
      (m[0] === NOT_IN_LAYOUT && job.title !== undefined) ||
      (m[1] === NOT_IN_LAYOUT && job.date !== undefined) ||
      (m[2] === NOT_IN_LAYOUT && job.referenceNumber !== undefined) ||
      (m[3] === NOT_IN_LAYOUT && job.requisitionId !== undefined) ||
      (m[4] === NOT_IN_LAYOUT && job.url !== undefined) ||
      (m[5] === NOT_IN_LAYOUT && job.company !== undefined) ||
      (m[6] === NOT_IN_LAYOUT && job.city !== undefined) ||
      (m[7] === NOT_IN_LAYOUT && job.state !== undefined) ||
      (m[8] === NOT_IN_LAYOUT && job.country !== undefined) ||
      (m[9] === NOT_IN_LAYOUT && job.station !== undefined) ||
      (m[10] === NOT_IN_LAYOUT && job.postalCode !== undefined) ||
      (m[11] === NOT_IN_LAYOUT && job.streetAddress !== undefined) ||
      (m[12] === NOT_IN_LAYOUT && job.email !== undefined) ||
      (m[13] === NOT_IN_LAYOUT && job.description !== undefined) ||
      (m[14] === NOT_IN_LAYOUT && job.salary !== undefined) ||
      (m[15] === NOT_IN_LAYOUT && job.education !== undefined) ||
      (m[16] === NOT_IN_LAYOUT && job.jobTypes !== undefined) ||
      (m[17] === NOT_IN_LAYOUT && job.categories !== undefined) ||
      (m[18] === NOT_IN_LAYOUT && job.experience !== undefined) ||
      (m[19] === NOT_IN_LAYOUT && job.expirationDate !== undefined) ||
      (m[20] === NOT_IN_LAYOUT && job.trackingUrl !== undefined) ||
      (m[21] === NOT_IN_LAYOUT && job.lastActivityDate !== undefined) ||
      (m[22] === NOT_IN_LAYOUT && job.timeShift !== undefined) ||
      (m[23] === NOT_IN_LAYOUT && job.subwayAccess !== undefined) ||
      (m[24] === NOT_IN_LAYOUT && job.rawLocation !== undefined) ||
      (m[25] === NOT_IN_LAYOUT && job.expDate !== undefined) ||
      (m[26] === NOT_IN_LAYOUT && job.benefits !== undefined) ||
      (m[27] === NOT_IN_LAYOUT && job.rawSalary !== undefined) ||
      (m[28] === NOT_IN_LAYOUT && job.hires !== undefined) ||
      (m[29] === NOT_IN_LAYOUT && job.keywords !== undefined) ||
      (m[30] === NOT_IN_LAYOUT && job.imageUrls !== undefined) ||
      (m[31] === NOT_IN_LAYOUT && job.sourceName !== undefined) ||
      (m[32] === NOT_IN_LAYOUT && job.remoteType !== undefined) ||
      (m[33] === NOT_IN_LAYOUT && job.apiJobId !== undefined) ||
      (m[34] === NOT_IN_LAYOUT && job.indeedApply !== undefined)
    );
  }

  /**
   * The job's standard elements, each written as given in one CDATA section; with `checkCdataEnds`,
   * `undefined` when a value holds a `]]>` (the caller then writes the job through its cleaning path).
   * XML-illegal characters are written as given: the caller scans for them. `applyData` is the
   * `<indeed-apply-data>` text.
   */
  write(job: FeedJob, applyData: string | undefined, checkCdataEnds = false): string | undefined {
    this.#needsCare = false;
    this.#checkCdataEnds = checkCdataEnds;
    this.#sections = 0;
    const m = this.#markup;
    const xml =
      this.#text(m[0]!, job.title) +
      this.#instant(m[1]!, job.date) +
      this.#text(m[2]!, job.referenceNumber) +
      this.#text(m[3]!, job.requisitionId) +
      this.#text(m[4]!, job.url) +
      this.#text(m[5]!, job.company) +
      this.#text(m[6]!, job.city) +
      this.#text(m[7]!, job.state) +
      this.#text(m[8]!, job.country) +
      this.#text(m[9]!, job.station) +
      this.#text(m[10]!, job.postalCode) +
      this.#text(m[11]!, job.streetAddress) +
      this.#text(m[12]!, job.email) +
      this.#text(m[13]!, job.description) +
      this.#text(m[14]!, job.salary) +
      this.#text(m[15]!, job.education) +
      this.#list(m[16]!, job.jobTypes) +
      this.#list(m[17]!, job.categories) +
      this.#text(m[18]!, job.experience) +
      this.#day(m[19]!, job.expirationDate) +
      this.#text(m[20]!, job.trackingUrl) +
      this.#instant(m[21]!, job.lastActivityDate) +
      this.#text(m[22]!, job.timeShift) +
      this.#text(m[23]!, job.subwayAccess) +
      this.#text(m[24]!, job.rawLocation) +
      this.#day(m[25]!, job.expDate) +
      this.#text(m[26]!, job.benefits) +
      this.#text(m[27]!, job.rawSalary) +
      this.#text(m[28]!, job.hires === undefined ? undefined : String(job.hires)) +
      this.#list(m[29]!, job.keywords) +
      this.#list(m[30]!, job.imageUrls) +
      this.#text(m[31]!, job.sourceName) +
      this.#text(m[32]!, job.remoteType) +
      this.#text(m[33]!, job.apiJobId) +
      this.#text(m[34]!, job.indeedApply === undefined ? undefined : applyData);
    return this.#needsCare ? undefined : xml;
  }

  /** The CDATA sections the last {@link write} wrote: each ends in a `]]>`, whose two `]` the writer counts. */
  get sectionsWritten(): number {
    return this.#sections;
  }

  #text(markup: ElementMarkup, text: string | undefined): string {
    if (text === undefined || markup === NOT_IN_LAYOUT) return markup.empty;
    this.#sections++;
    if (this.#checkCdataEnds && text.includes("]]>")) this.#needsCare = true;
    return markup.prefix + text + markup.suffix;
  }

  #list(markup: ElementMarkup, items: readonly string[] | undefined): string {
    return this.#text(markup, items?.join(","));
  }

  /** Dates are formatted here, in ASCII: nothing to clean or split. */
  #instant(markup: ElementMarkup, date: Date | undefined): string {
    if (date === undefined || markup === NOT_IN_LAYOUT) return markup.empty;
    this.#sections++;
    return markup.prefix + formatRfc1123(date) + markup.suffix;
  }

  #day(markup: ElementMarkup, date: Date | undefined): string {
    if (date === undefined || markup === NOT_IN_LAYOUT) return markup.empty;
    this.#sections++;
    return markup.prefix + this.#days.format(date) + markup.suffix;
  }
}
