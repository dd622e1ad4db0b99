import {
  type ApplicantDetails,
  asciiNumberAt,
  isCalendarDay,
  normaliseText,
  parseBirthDate,
  toNfkc,
} from "@org/ats-core";
import type { BoardRecord } from "./board-record";
import type { ApplicantColumn, BoardDefinition } from "./boards";

/** Fields without which a row cannot become an application. */
export const REQUIRED_COLUMNS: readonly ApplicantColumn[] = ["externalId", "name"];

/** The header name found for each applicant field, or why a required one is missing. */
export interface ResolvedColumns {
  /** The column of `header` (as written there) each applicant field is read from. */
  found: Partial<Record<ApplicantColumn, string>>;
  missing: { column: ApplicantColumn; expected: readonly string[] }[];
}

/**
 * Finds, for each applicant field, the column of `header` it is read from: the first of the
 * board's names for it that the header has, exactly or after normalisation (`Ｅ-mail` = `E-mail`).
 */
export function resolveColumns(header: readonly string[], board: BoardDefinition): ResolvedColumns {
  const found: Partial<Record<ApplicantColumn, string>> = {};
  const missing: ResolvedColumns["missing"] = [];
  for (const [column, aliases] of Object.entries(board.columns) as [ApplicantColumn, readonly string[]][]) {
    const [name] = headerNamesFor(header, aliases);
    if (name !== undefined) found[column] = name;
    else if (REQUIRED_COLUMNS.includes(column)) missing.push({ column, expected: aliases });
  }
  return { found, missing };
}

/** The columns of `header` (as written there) that `aliases` name, exactly or after normalisation, in alias order. */
export function headerNamesFor(header: readonly string[], aliases: readonly string[]): string[] {
  const names: string[] = [];
  for (const alias of aliases) {
    const wanted = normaliseText(alias);
    const name = header.includes(alias) ? alias : header.find((column) => normaliseText(column) === wanted);
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

// Columns resolved once per CSV header (every row of a file shares its header array) and board.
const columnsByHeader = new WeakMap<
  readonly string[],
  { board: BoardDefinition; columns: ResolvedColumns }
>();

function columnsOf(header: readonly string[], board: BoardDefinition): ResolvedColumns {
  const cached = columnsByHeader.get(header);
  if (cached?.board === board) return cached.columns;
  const columns = resolveColumns(header, board);
  columnsByHeader.set(header, { board, columns });
  return columns;
}

/** What a record says about the applicant, before normalisation (the recorder normalises). */
export interface MappedRecord {
  person: ApplicantDetails;
  positionName: string | null;
  /** When the candidate applied; `undefined` when the record has no readable date. */
  appliedAt: Date | undefined;
  appliedAtText: string;
}

/** Reads the applicant out of a record with the board's column names. */
export function mapRecord(record: BoardRecord, board: BoardDefinition): MappedRecord {
  const found = record.header === undefined ? undefined : columnsOf(record.header, board).found;
  const read = (column: ApplicantColumn): string => {
    if (found !== undefined) {
      const name = found[column];
      return name === undefined ? "" : (record.fields[name] ?? "").trim();
    }
    for (const alias of board.columns[column]) {
      const value = lookup(record.fields, alias);
      if (value !== undefined) return value.trim();
    }
    return "";
  };
  const reading = read("nameReading");
  const birthDate = read("birthDate");
  const person: ApplicantDetails = {
    name: { full: read("name") },
    emails: splitList(read("email")),
    phones: splitList(read("phone")),
  };
  if (reading !== "") person.nameReading = { full: reading };
  if (birthDate !== "") person.birthDate = birthDate;
  const position = read("position");
  const appliedAtText = read("appliedAt");
  return {
    person,
    positionName: position === "" ? null : position,
    appliedAt: parseJapanDateTime(appliedAtText),
    appliedAtText,
  };
}

function lookup(fields: Readonly<Record<string, string>>, name: string): string | undefined {
  if (Object.hasOwn(fields, name)) return fields[name];
  const wanted = normaliseText(name);
  for (const [key, value] of Object.entries(fields)) if (normaliseText(key) === wanted) return value;
  return undefined;
}

// Several e-mails or phones in one cell, as some exports have them.
function splitList(cell: string): string[] {
  // Most cells hold one value: no split, map and filter (three arrays) for them.
  if (!LIST_SEPARATOR.test(cell)) {
    const value = cell.trim();
    return value === "" ? [] : [value];
  }
  return cell
    .split(LIST_SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

const LIST_SEPARATOR = /[\n;、，,／/]/;
const LIST_SEPARATORS = new RegExp(`${LIST_SEPARATOR.source}+`);

/**
 * Reads a date (and optional time) as Japanese exports write it — `2026/11/20 10:12`,
 * `2026-11-20`, `2026年11月20日 10時12分` — in Japan time unless it carries an offset. Text around
 * the date (paiza's `2026/11/20 (スカウト)`) is ignored.
 */
export function parseJapanDateTime(text: string, utcOffset = "+09:00"): Date | undefined {
  const fast = plainDateTime(text, utcOffset);
  if (fast !== undefined) return fast ?? undefined;
  return parseJapanDateTimeGenerally(text, utcOffset);
}

/** {@link parseJapanDateTime} without its fast path (exported for the test that checks they agree; not in the package's API). */
export function parseJapanDateTimeGenerally(text: string, utcOffset = "+09:00"): Date | undefined {
  const source = toNfkc(text);
  const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/.exec(source);
  if (iso) {
    const date = new Date(iso[0]);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const match =
    /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:\(.\)|（.）)?\s*(\d{1,2})\s*[:時]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?)?/.exec(
      source,
    );
  if (!match) return undefined;
  const date = parseBirthDate(`${match[1]}-${match[2]}-${match[3]}`);
  if (date === undefined) return undefined;
  const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const pad = (value: number) => String(value).padStart(2, "0");
  return new Date(`${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${utcOffset}`);
}

/*
 * The form exports use most — `2026/11/20 10:12`, with `-` or `/`, with or without seconds, or the
 * date alone — read without regular expressions or string building: an import reads one per
 * applicant. `undefined` means "not this form" (the general path decides); `null` means "this form,
 * but not a real date or time". A test checks that both paths agree.
 */
function plainDateTime(text: string, utcOffset: string): Date | null | undefined {
  if (text.length !== 10 && text.length !== 16 && text.length !== 19) return undefined;
  const offset = OFFSET.exec(utcOffset);
  if (offset === null) return undefined;
  const separator = text.charCodeAt(4);
  if ((separator !== DASH && separator !== SLASH) || text.charCodeAt(7) !== separator) return undefined;
  const year = asciiNumberAt(text, 0, 4);
  const month = asciiNumberAt(text, 5, 2);
  const day = asciiNumberAt(text, 8, 2);
  let [hour, minute, second] = [0, 0, 0];
  if (text.length > 10) {
    if (text.charCodeAt(10) !== SPACE || text.charCodeAt(13) !== COLON) return undefined;
    hour = asciiNumberAt(text, 11, 2);
    minute = asciiNumberAt(text, 14, 2);
    if (text.length === 19) {
      if (text.charCodeAt(16) !== COLON) return undefined;
      second = asciiNumberAt(text, 17, 2);
    }
  }
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (!isCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const offsetMinutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === "-" ? -1 : 1);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
}

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;
const DASH = 0x2d;
const SLASH = 0x2f;
const SPACE = 0x20;
const COLON = 0x3a;
