import { CsvParseError, type CsvRow, CsvTokenizer } from "@org/ats-core";
import type { BoardRecord } from "./board-record";
import type { BoardSource, FetchRequest, SourceItem } from "./board-source";
import type { BoardDefinition } from "./boards";
import { headerNamesFor, resolveColumns } from "./column-mapping";
import { decodeText, type EncodingChoice } from "./text-decoding";

/** Options for {@link CsvBoardSource}. */
export interface CsvBoardSourceOptions {
  board: BoardDefinition;
  /**
   * Gets the export for one fetch: the bytes as a stream or at once. This is where a board robot
   * logs in and downloads; tests and manual uploads hand over a file. Chunks of about 64 KiB (what
   * `fs.createReadStream` gives by default) are best: larger ones are no faster and raise peak
   * memory, because read buffers that outlive a young-generation GC wait for a full one.
   */
  open(request: FetchRequest): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Uint8Array>;
  /** Default `auto`: UTF-8 (with or without BOM) or Shift_JIS/CP932, detected. */
  encoding?: EncodingChoice;
}

/**
 * A board source reading the board's CSV export: encoding detected, quoted fields with line
 * breaks, CRLF, the header mapped with the board's column names, every raw row kept. Damaged rows
 * and missing columns are yielded as problems with their line; the stream never throws for them.
 */
export class CsvBoardSource implements BoardSource {
  constructor(private readonly options: CsvBoardSourceOptions) {}

  async *fetch(request: FetchRequest): AsyncGenerator<SourceItem> {
    const opened = await this.options.open(request);
    let header: string[] | undefined;
    let idColumns: string[] = [];
    try {
      // Rows come a decoded chunk at a time; looping over each chunk's rows here, rather than
      // through another async generator, saves a promise round trip per row.
      for await (const rows of this.rowsByChunk(opened instanceof Uint8Array ? [opened] : opened)) {
        for (const row of rows) {
          if (header !== undefined) {
            yield this.toItem(row, header, idColumns);
            continue;
          }
          header = row.fields;
          idColumns = headerNamesFor(header, this.options.board.columns.externalId);
          const problem =
            row.problem === undefined
              ? this.checkHeader(header, row.line)
              : {
                  kind: "problem" as const,
                  fatal: true,
                  line: row.line,
                  message: `The header row is damaged: ${row.problem}`,
                };
          if (problem !== undefined) {
            yield problem;
            return;
          }
        }
      }
    } catch (error) {
      if (!CsvParseError.is(error)) throw error;
      yield { kind: "problem", message: error.message, line: error.line, fatal: true };
      return;
    }
    if (header === undefined)
      yield { kind: "problem", message: "The export is empty: no header row", line: 1, fatal: true };
  }

  private async *rowsByChunk(
    bytes: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): AsyncGenerator<CsvRow[]> {
    const tokenizer = new CsvTokenizer();
    for await (const text of decodeText(bytes, this.options.encoding ?? "auto")) yield tokenizer.push(text);
    yield tokenizer.end();
  }

  private toItem(row: CsvRow, header: readonly string[], idColumns: readonly string[]): SourceItem {
    if (row.problem !== undefined)
      return { kind: "problem", message: row.problem, line: row.line, raw: row.fields };
    if (row.fields.length !== header.length) {
      return {
        kind: "problem",
        message: `line ${row.line}: ${row.fields.length} fields where the header has ${header.length}; a quote or delimiter is missing or extra`,
        line: row.line,
        raw: row.fields,
      };
    }
    // Plain loops: this runs for every row.
    const fields: Record<string, string> = {};
    for (let index = 0; index < header.length; index++) fields[header[index]!] = row.fields[index] ?? "";
    // The first of the board's id columns with a value in this row.
    let externalId: string | null = null;
    for (const name of idColumns) {
      const value = fields[name]?.trim();
      if (value !== undefined && value !== "") {
        externalId = value;
        break;
      }
    }
    const record: BoardRecord = {
      externalId,
      fields,
      header,
      line: row.line,
      raw: row.fields,
    };
    return { kind: "record", record };
  }

  private checkHeader(header: readonly string[], line: number): SourceItem | undefined {
    const { missing } = resolveColumns(header, this.options.board);
    if (missing.length === 0) return undefined;
    const detail = missing.map((entry) => `${entry.column} (one of ${entry.expected.join(", ")})`).join("; ");
    return {
      kind: "problem",
      fatal: true,
      line,
      message: `The ${this.options.board.name} export lacks required column(s): ${detail}. Found: ${header.join(", ")}. If the board renamed a column, add the new name with withColumns().`,
    };
  }
}
