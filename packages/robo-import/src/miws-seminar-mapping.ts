import { parseCsv, ValidationError, type ValidationIssue } from "@org/ats-core";

/**
 * The MIWS seminar mapping (seed 001_079bb88f64957f98.txt, Step 3): a CSV in UTF-8 whose column A
 * is the ATS event id and column B a MIWS seminar number; several rows may map several seminars to
 * one event. The seed lists what breaks an upload — an event id in exponent notation (Excel turned
 * it into a number), tabs or symbols in it, an encoding other than UTF-8, a broken file, an event
 * the ATS does not have — and each is reported here with its row.
 */
export interface SeminarMapping {
  /** MIWS seminar number → ATS event id. */
  seminarToEvent: ReadonlyMap<string, string>;
  /** When the mapping was uploaded: it applies from the next import run. */
  uploadedAt: Date;
}

const EXPONENT = /^[+-]?\d+(?:\.\d+)?E[+-]?\d+$/i;
const EVENT_ID = /^[A-Za-z0-9_-]+$/;
const SEMINAR_NUMBER = /^[A-Za-z0-9-]+$/;

/**
 * Validates and reads an uploaded mapping file. Throws a `ValidationError` whose issues name the
 * row (`row 3`), the column and the fix; nothing of a file with problems is used.
 *
 * @param knownEventId tells whether the ATS has an event with this id
 */
export function parseSeminarMapping(
  bytes: Uint8Array,
  knownEventId: (eventId: string) => boolean,
  uploadedAt: Date,
): SeminarMapping {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError("seminar mapping", [
      {
        path: ["file"],
        reason: "not_utf8",
        message:
          'The file is not UTF-8. In Excel save it as "CSV UTF-8 (comma delimited)", or edit it in a text editor that saves UTF-8',
      },
    ]);
  }
  const rows = parseCsv(text);
  const issues: ValidationIssue[] = [];
  const seminarToEvent = new Map<string, string>();
  const firstLine = rows[0]?.fields ?? [];
  // The downloaded template starts with a header row; a file without one starts with data.
  const hasHeader = firstLine.length > 0 && !SEMINAR_NUMBER.test((firstLine[1] ?? "").trim());
  const data = hasHeader ? rows.slice(1) : rows;
  if (data.length === 0) {
    throw new ValidationError("seminar mapping", [
      {
        path: ["file"],
        reason: "empty",
        message: "The file has no mapping rows: column A the ATS event id, column B the MIWS seminar number",
      },
    ]);
  }
  for (const row of data) {
    const at = `row ${row.line}`;
    if (row.problem !== undefined) {
      issues.push({ path: [at], reason: "broken_row", message: `The file is damaged here: ${row.problem}` });
      continue;
    }
    const eventId = row.fields[0] ?? "";
    const seminar = (row.fields[1] ?? "").trim();
    const problem = eventIdProblem(eventId, knownEventId);
    if (problem !== undefined)
      issues.push({ path: [at, "A"], reason: problem.reason, message: problem.message });
    if (seminar === "")
      issues.push({
        path: [at, "B"],
        reason: "required",
        message: "The MIWS seminar number (column B) is empty",
      });
    else if (!SEMINAR_NUMBER.test(seminar))
      issues.push({
        path: [at, "B"],
        reason: "invalid_seminar",
        message: `"${seminar}" is not a MIWS seminar number (letters, digits and - only)`,
      });
    if (row.fields.length > 2 && row.fields.slice(2).some((cell) => cell.trim() !== "")) {
      issues.push({
        path: [at],
        reason: "extra_columns",
        message: "Only columns A (event id) and B (seminar number) are read; remove the other columns",
      });
    }
    if (problem === undefined && seminar !== "" && SEMINAR_NUMBER.test(seminar)) {
      const existing = seminarToEvent.get(seminar);
      if (existing !== undefined && existing !== eventId) {
        issues.push({
          path: [at, "B"],
          reason: "conflict",
          message: `Seminar ${seminar} is already mapped to event ${existing}; a seminar maps to one event`,
        });
      } else seminarToEvent.set(seminar, eventId);
    }
  }
  if (issues.length > 0) throw new ValidationError("seminar mapping", issues);
  return { seminarToEvent, uploadedAt };
}

function eventIdProblem(
  eventId: string,
  knownEventId: (eventId: string) => boolean,
): { reason: string; message: string } | undefined {
  if (eventId.trim() === "") return { reason: "required", message: "The ATS event id (column A) is empty" };
  if (EXPONENT.test(eventId.trim())) {
    return {
      reason: "exponent_notation",
      message: `"${eventId}" is in exponent notation: Excel turned the id into a number. Format column A as text and type the id again`,
    };
  }
  if (/[\t\r\n]/.test(eventId) || eventId !== eventId.trim()) {
    return {
      reason: "whitespace",
      message: `The event id ${JSON.stringify(eventId)} contains a tab, line break or surrounding spaces; remove them`,
    };
  }
  if (!EVENT_ID.test(eventId))
    return {
      reason: "symbols",
      message: `The event id "${eventId}" contains symbols; ids are letters, digits, _ and - only`,
    };
  if (!knownEventId(eventId))
    return {
      reason: "unknown_event",
      message: `The ATS has no event "${eventId}": it cannot be synced. Create the event first or correct the id`,
    };
  return undefined;
}

/**
 * Holds each MIWS account's current mapping (accounts are per graduation year). An import run reads it once, at its start, so a mapping
 * uploaded during a run applies from the next run (seed 001: "次回実行時に設定が反映されます").
 */
export interface SeminarMappingStore {
  get(accountId: string): Promise<SeminarMapping | undefined>;
  put(accountId: string, mapping: SeminarMapping): Promise<void>;
}

/** In-memory {@link SeminarMappingStore}. */
export class InMemorySeminarMappingStore implements SeminarMappingStore {
  private readonly mappings = new Map<string, SeminarMapping>();
  async get(accountId: string) {
    const mapping = this.mappings.get(accountId);
    return mapping && copyMapping(mapping);
  }
  async put(accountId: string, mapping: SeminarMapping) {
    this.mappings.set(accountId, copyMapping(mapping));
  }
}

function copyMapping(mapping: SeminarMapping): SeminarMapping {
  return {
    seminarToEvent: new Map(mapping.seminarToEvent),
    uploadedAt: new Date(mapping.uploadedAt.getTime()),
  };
}
