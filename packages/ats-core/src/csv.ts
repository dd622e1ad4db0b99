/**
 * A streaming CSV tokenizer (RFC 4180 as Excel and the job boards write it): quoted fields with
 * delimiters, doubled quotes and line breaks inside, CRLF or LF line ends, a leading BOM.
 * It takes text in chunks of any size and keeps only the row being read, so a file of any size
 * streams in constant memory. Decoding bytes (UTF-8, Shift_JIS) is the caller's job.
 *
 * Broken input never throws and is never dropped silently: the row it affects carries a `problem`.
 */

/** One row of a CSV file. */
export interface CsvRow {
  /** 1-based line number where the row starts. */
  line: number;
  fields: string[];
  /** Set when the row is damaged (e.g. a quote never closed); the fields are what could be read. */
  problem?: string;
}

/** Options for {@link CsvTokenizer}. */
export interface CsvOptions {
  /** Field delimiter, one character. Default `,`. */
  delimiter?: string;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

enum State {
  FieldStart = 0,
  Unquoted = 1,
  Quoted = 2,
  /** Just read a quote inside a quoted field: either an escaped quote or the field's end. */
  QuoteInQuoted = 3,
}

/** Incremental CSV tokenizer: `push()` chunks, then `end()`. Each call returns the rows completed. */
export class CsvTokenizer {
  private readonly delimiter: number;
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = "";
  private line = 1;
  private rowLine = 1;
  private quoteLine = 1;
  private problem: string | undefined;
  private atStart = true;
  private skipLeadingLF = false;

  constructor(options: CsvOptions = {}) {
    const delimiter = options.delimiter ?? ",";
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new RangeError(
        `CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`,
      );
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Feeds the next chunk of text; returns the rows it completed. */
  push(chunk: string): CsvRow[] {
    const rows: CsvRow[] = [];
    const n = chunk.length;
    let i = 0;
    if (this.atStart && n > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.skipLeadingLF && n > 0) {
      this.skipLeadingLF = false;
      if (chunk.charCodeAt(i) === LF) i++;
    }
    let segmentStart = i;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            i++;
            segmentStart = i;
            continue;
          }
          this.state = State.Unquoted;
          segmentStart = i;
          continue;
        case State.Unquoted:
          if (c === this.delimiter) {
            this.field += chunk.slice(segmentStart, i);
            this.endField();
            this.state = State.FieldStart;
            i++;
            continue;
          }
          if (c === LF || c === CR) {
            this.field += chunk.slice(segmentStart, i);
            i = this.endLine(chunk, i, rows);
            segmentStart = i;
            continue;
          }
          if (c === QUOTE && this.problem === undefined) {
            this.problem = `line ${this.line}: a quote inside an unquoted field; quote the whole field and double the quote ("")`;
          }
          i++;
          continue;
        case State.Quoted: {
          // Straight to the next quote: quoted fields (free text) are most of a board export.
          const quote = chunk.indexOf('"', i);
          const end = quote === -1 ? n : quote;
          for (let lf = chunk.indexOf("\n", i); lf !== -1 && lf < end; lf = chunk.indexOf("\n", lf + 1))
            this.line++;
          if (quote === -1) {
            i = n;
            continue;
          }
          this.field += chunk.slice(segmentStart, quote);
          this.state = State.QuoteInQuoted;
          i = quote + 1;
          continue;
        }
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            i++;
            segmentStart = i;
            continue;
          }
          if (c === this.delimiter) {
            this.endField();
            this.state = State.FieldStart;
            i++;
            continue;
          }
          if (c === LF || c === CR) {
            i = this.endLine(chunk, i, rows);
            segmentStart = i;
            continue;
          }
          if (this.problem === undefined) {
            this.problem = `line ${this.line}: text after the closing quote of a field; a quote inside a quoted field must be doubled ("")`;
          }
          this.state = State.Unquoted;
          segmentStart = i;
          continue;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted)
      this.field += chunk.slice(segmentStart, n);
    return rows;
  }

  /** Ends the input; returns the last row, if the file did not end with a line break. */
  end(): CsvRow[] {
    const rows: CsvRow[] = [];
    if (this.state === State.Quoted) {
      this.problem = `a quoted field opened on line ${this.quoteLine} is never closed; everything after it was read as one field`;
    }
    if (this.state !== State.FieldStart || this.fields.length > 0) {
      this.endField();
      this.emitRow(rows);
    }
    this.state = State.FieldStart;
    return rows;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
  }

  /** Ends the row at the line break at `i`; returns the index after the break. */
  private endLine(chunk: string, i: number, rows: CsvRow[]): number {
    this.endField();
    this.emitRow(rows);
    this.state = State.FieldStart;
    this.line++;
    let next = i + 1;
    if (chunk.charCodeAt(i) === CR) {
      if (next < chunk.length) {
        if (chunk.charCodeAt(next) === LF) next++;
      } else {
        this.skipLeadingLF = true;
      }
    }
    this.rowLine = this.line;
    return next;
  }

  private emitRow(rows: CsvRow[]): void {
    const fields = this.fields;
    this.fields = [];
    const problem = this.problem;
    this.problem = undefined;
    const line = this.rowLine;
    this.rowLine = this.line;
    // A blank line carries no data.
    if (fields.length === 1 && fields[0] === "" && problem === undefined) return;
    rows.push(problem === undefined ? { line, fields } : { line, fields, problem });
  }
}

/** Tokenizes a whole CSV text. */
export function parseCsv(text: string, options: CsvOptions = {}): CsvRow[] {
  const tokenizer = new CsvTokenizer(options);
  const rows = tokenizer.push(text);
  for (const row of tokenizer.end()) rows.push(row);
  return rows;
}

/** Tokenizes CSV text arriving in chunks, yielding rows as they complete. */
export async function* streamCsv(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: CsvOptions = {},
): AsyncGenerator<CsvRow> {
  const tokenizer = new CsvTokenizer(options);
  for await (const chunk of chunks) yield* tokenizer.push(chunk);
  yield* tokenizer.end();
}
