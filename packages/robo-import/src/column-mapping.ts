import { type ApplicantDetails, normaliseText, parseBirthDate, toNfkc } from "@org/ats-core";
import type { BoardRecord } from "./board-record";
import type { ApplicantColumn, BoardDefinition } from "./boards";

/** Fields without which a row cannot become an application. */
export const REQUIRED_COLUMNS: readonly ApplicantColumn[] = ["externalId", "name"];

/** The header name found for each applicant field, or why a required one is missing. */
export interface ResolvedColumns {
  found: Partial<Record<ApplicantColumn, string>>;
  missing: { column: ApplicantColumn; expected: readonly string[] }[];
}

/** Finds, for each applicant field, the first of the board's header names present in `header`. */
export function resolveColumns(header: readonly string[], board: BoardDefinition): ResolvedColumns {
  const present = new Set(header.map((name) => normaliseText(name)));
  const found: Partial<Record<ApplicantColumn, string>> = {};
  const missing: ResolvedColumns["missing"] = [];
  for (const [column, aliases] of Object.entries(board.columns) as [ApplicantColumn, readonly string[]][]) {
    const name = aliases.find((alias) => present.has(normaliseText(alias)));
    if (name !== undefined) found[column] = name;
    else if (REQUIRED_COLUMNS.includes(column)) missing.push({ column, expected: aliases });
  }
  return { found, missing };
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
  const read = (column: ApplicantColumn): string => {
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
  return cell === ""
    ? []
    : cell
        .split(/[\n;、，,／/]+/)
        .map((part) => part.trim())
        .filter((part) => part !== "");
}

/**
 * Reads a date (and optional time) as Japanese exports write it — `2026/11/20 10:12`,
 * `2026-11-20`, `2026年11月20日 10時12分` — in Japan time unless it carries an offset. Text around
 * the date (paiza's `2026/11/20 (スカウト)`) is ignored.
 */
export function parseJapanDateTime(text: string, utcOffset = "+09:00"): Date | undefined {
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
