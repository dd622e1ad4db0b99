import { FEED_ELEMENTS, type FeedJob } from "./feed-job";
import { type DayFormatter, formatRfc1123 } from "./rfc1123";

/** The position after the last standard element, where the job's markup ends. */
const END = FEED_ELEMENTS.length;

/**
 * The fast path of the writer: a job's standard elements as XML, in one feed's layout. Neither
 * XML-illegal characters nor `]]>` are looked for here unless asked: the writer scans whole chunks at
 * once (see FeedWriter.chunks), which costs a fraction of a test per value.
 *
 * {@link write} reads the job's properties by name, one line per element in FEED_ELEMENTS order, with no
 * loop: jobs of a feed share a shape, so every read stays a monomorphic inline cache. Between two values
 * it writes one piece of markup — the first value's CDATA end and closing tag, the empty elements of the
 * layout between them, the next one's opening tag — taken from a table built once per layout and pair
 * of positions, so a job is two concatenations per value, as a hand-written template would be (the
 * chunk's text is a rope of these pieces, and each piece costs when it is flattened for output). This
 * runs for every job of feeds with hundreds of thousands. Tests hold the lines to FEED_ELEMENTS
 * (feed-job-xml.test.ts).
 */
export class FeedJobXml {
  /** The element name at each FEED_ELEMENTS position, `undefined` where the feed does not carry it. */
  readonly #names: readonly (string | undefined)[];
  readonly #opening: string;
  readonly #closing: string;
  /** `#between[from + 1][to]`: the markup from the value at `from` (-1: the start) to the value at `to`. */
  readonly #between: (string | undefined)[][];
  readonly #days: DayFormatter;
  /** The job being written, up to its last value so far, and that value's position. */
  #xml = "";
  #last = -1;
  /** Set by {@link #text} when asked to check and a value holds a `]]>`. */
  #needsCare = false;
  #checkCdataEnds = false;
  #sections = 0;

  /**
   * `names`: the standard elements the feed carries; `opening` and `closing` are written before the
   * first and after the last of them (`<job>` and its end tag, when no custom element follows).
   */
  constructor(names: ReadonlySet<string>, days: DayFormatter, opening = "", closing = "") {
    this.#names = FEED_ELEMENTS.map(({ element }) => (names.has(element) ? element : undefined));
    this.#opening = opening;
    this.#closing = closing;
    this.#between = Array.from({ length: END + 1 }, () => []);
    this.#days = days;
  }

  /**
   * True when the job has a value for a standard element this feed's layout does not carry (the writer
   * then refuses it). Read by name, one line per element, like {@link write}: a loop of `job[key]`
   * reads over the absent properties was a tenth of the writer's time.
   */
  carriesOutsideLayout(job: FeedJob): boolean {
    const m = this.#names;
    return (
      (m[0] === undefined && job.title !== undefined) ||
      (m[1] === undefined && job.date !== undefined) ||
      (m[2] === undefined && job.referenceNumber !== undefined) ||
      (m[3] === undefined && job.requisitionId !== undefined) ||
      (m[4] === undefined && job.url !== undefined) ||
      (m[5] === undefined && job.company !== undefined) ||
      (m[6] === undefined && job.city !== undefined) ||
      (m[7] === undefined && job.state !== undefined) ||
      (m[8] === undefined && job.country !== undefined) ||
      (m[9] === undefined && job.station !== undefined) ||
      (m[10] === undefined && job.postalCode !== undefined) ||
      (m[11] === undefined && job.streetAddress !== undefined) ||
      (m[12] === undefined && job.email !== undefined) ||
      (m[13] === undefined && job.description !== undefined) ||
      (m[14] === undefined && job.salary !== undefined) ||
      (m[15] === undefined && job.education !== undefined) ||
      (m[16] === undefined && job.jobTypes !== undefined) ||
      (m[17] === undefined && job.categories !== undefined) ||
      (m[18] === undefined && job.experience !== undefined) ||
      (m[19] === undefined && job.expirationDate !== undefined) ||
      (m[20] === undefined && job.trackingUrl !== undefined) ||
      (m[21] === undefined && job.lastActivityDate !== undefined) ||
      (m[22] === undefined && job.timeShift !== undefined) ||
      (m[23] === undefined && job.subwayAccess !== undefined) ||
      (m[24] === undefined && job.rawLocation !== undefined) ||
      (m[25] === undefined && job.expDate !== undefined) ||
      (m[26] === undefined && job.benefits !== undefined) ||
      (m[27] === undefined && job.rawSalary !== undefined) ||
      (m[28] === undefined && job.hires !== undefined) ||
      (m[29] === undefined && job.keywords !== undefined) ||
      (m[30] === undefined && job.imageUrls !== undefined) ||
      (m[31] === undefined && job.sourceName !== undefined) ||
      (m[32] === undefined && job.remoteType !== undefined) ||
      (m[33] === undefined && job.apiJobId !== undefined) ||
      (m[34] === undefined && job.indeedApply !== undefined)
    );
  }

  /**
   * The job's standard elements, each written as given in one CDATA section; with `checkCdataEnds`,
   * `undefined` when a value holds a `]]>` (the caller then writes the job through its cleaning path).
   * XML-illegal characters are written as given: the caller scans for them. `applyData` is the
   * `<indeed-apply-data>` text.
   */
  write(job: FeedJob, applyData: string | undefined, checkCdataEnds = false): string | undefined {
    this.#xml = "";
    this.#last = -1;
    this.#needsCare = false;
    this.#checkCdataEnds = checkCdataEnds;
    this.#sections = 0;
    this.#text(0, job.title);
    this.#instant(1, job.date);
    this.#text(2, job.referenceNumber);
    this.#text(3, job.requisitionId);
    this.#text(4, job.url);
    this.#text(5, job.company);
    this.#text(6, job.city);
    this.#text(7, job.state);
    this.#text(8, job.country);
    this.#text(9, job.station);
    this.#text(10, job.postalCode);
    this.#text(11, job.streetAddress);
    this.#text(12, job.email);
    this.#text(13, job.description);
    this.#text(14, job.salary);
    this.#text(15, job.education);
    this.#list(16, job.jobTypes);
    this.#list(17, job.categories);
    this.#text(18, job.experience);
    this.#day(19, job.expirationDate);
    this.#text(20, job.trackingUrl);
    this.#instant(21, job.lastActivityDate);
    this.#text(22, job.timeShift);
    this.#text(23, job.subwayAccess);
    this.#text(24, job.rawLocation);
    this.#day(25, job.expDate);
    this.#text(26, job.benefits);
    this.#text(27, job.rawSalary);
    this.#text(28, job.hires === undefined ? undefined : String(job.hires));
    this.#list(29, job.keywords);
    this.#list(30, job.imageUrls);
    this.#text(31, job.sourceName);
    this.#text(32, job.remoteType);
    this.#text(33, job.apiJobId);
    this.#text(34, job.indeedApply === undefined ? undefined : applyData);
    const xml = this.#xml + this.#markupBetween(this.#last, END);
    this.#xml = "";
    return this.#needsCare ? undefined : xml;
  }

  /** The CDATA sections the last {@link write} wrote: each ends in a `]]>`, whose two `]` the writer counts. */
  get sectionsWritten(): number {
    return this.#sections;
  }

  /** Writes the value at `position` (nothing for an absent value or an element outside the layout). */
  #text(position: number, text: string | undefined): void {
    if (text === undefined || this.#names[position] === undefined) return;
    if (this.#checkCdataEnds && text.includes("]]>")) this.#needsCare = true;
    this.#sections++;
    this.#xml = this.#xml + this.#markupBetween(this.#last, position) + text;
    this.#last = position;
  }

  #list(position: number, items: readonly string[] | undefined): void {
    if (items !== undefined) this.#text(position, items.join(","));
  }

  /** Dates are formatted here, in ASCII: nothing to clean or split. */
  #instant(position: number, date: Date | undefined): void {
    if (date !== undefined) this.#text(position, formatRfc1123(date));
  }

  #day(position: number, date: Date | undefined): void {
    if (date !== undefined) this.#text(position, this.#days.format(date));
  }

  /** The markup between the values at `from` and `to`, every layout element between them being empty. */
  #markupBetween(from: number, to: number): string {
    const row = this.#between[from + 1]!;
    let markup = row[to];
    if (markup === undefined) {
      const names = this.#names;
      const parts = [from === -1 ? this.#opening : `]]></${names[from]}>\n`];
      for (let position = from + 1; position < to; position++)
        if (names[position] !== undefined) parts.push(`  <${names[position]}/>\n`);
      parts.push(to === END ? this.#closing : `  <${names[to]}><![CDATA[`);
      // joined, not concatenated: one flat string, one piece of the output
      markup = parts.join("");
      row[to] = markup;
    }
    return markup;
  }
}
