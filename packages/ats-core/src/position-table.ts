import { parseCsv } from "./csv";
import { ValidationError, type ValidationIssue } from "./errors";
import type { RoutingRule } from "./routing-rules";

/**
 * Import of a position-name correspondence table (募集ポジション名 → ATS job) from CSV, as
 * recruiters keep it in a spreadsheet. Columns, found by header (Japanese or English):
 *
 * | column | header | required |
 * |---|---|---|
 * | position name | `募集ポジション名` / `position` | yes |
 * | job id | `求人ID` / `job_id` | yes |
 * | stage id | `選考ステップID` / `stage_id` | no (first stage) |
 * | match | `一致方法` / `match` (`exact`, `normalised`, `contains`, `regex`) | no (`normalised`) |
 * | provider | `媒体` / `provider` | no (any) |
 */

const HEADERS = {
  position: ["募集ポジション名", "ポジション名", "position", "position_name"],
  jobId: ["求人id", "job_id", "jobid", "job"],
  stageId: ["選考ステップid", "stage_id", "stageid", "stage"],
  match: ["一致方法", "match", "mode"],
  provider: ["媒体", "provider", "board"],
} as const;

type Column = keyof typeof HEADERS;
const MODES = ["exact", "normalised", "contains", "regex"] as const;

/** Options for {@link importPositionTable}. */
export interface PositionTableOptions {
  /** Prefix of the generated rule ids (`<prefix>-<line>`). Default `table`. */
  idPrefix?: string;
}

/**
 * Turns a correspondence-table CSV into routing rules, one per row, in file order. Throws a
 * `ValidationError` naming the line and column of every problem; no rule is returned from a file
 * with problems, so a half-imported table never routes applications.
 */
export function importPositionTable(csvText: string, options: PositionTableOptions = {}): RoutingRule[] {
  const prefix = options.idPrefix ?? "table";
  const rows = parseCsv(csvText);
  const issues: ValidationIssue[] = [];
  const header = rows[0];
  if (header === undefined)
    throw new ValidationError("position table", [
      {
        path: [],
        reason: "empty",
        message: "The file is empty; the first row must name the columns (募集ポジション名, 求人ID)",
      },
    ]);

  const columns = new Map<Column, number>();
  header.fields.forEach((name, index) => {
    const normalised = name.normalize("NFKC").trim().toLowerCase();
    for (const [column, names] of Object.entries(HEADERS) as [Column, readonly string[]][]) {
      if (names.includes(normalised)) {
        if (columns.has(column))
          issues.push({
            path: [`line ${header.line}`, name],
            reason: "duplicate_column",
            message: `Column "${name}" appears twice`,
          });
        else columns.set(column, index);
      }
    }
  });
  for (const required of ["position", "jobId"] as const) {
    if (!columns.has(required)) {
      issues.push({
        path: [`line ${header.line}`],
        reason: "missing_column",
        message: `No "${HEADERS[required][0]}" column; the header row must name it (or "${HEADERS[required][2]}")`,
      });
    }
  }
  if (issues.length > 0) throw new ValidationError("position table", issues);

  const cell = (fields: string[], column: Column) => {
    const index = columns.get(column);
    return index === undefined ? "" : (fields[index] ?? "").trim();
  };
  const rules: RoutingRule[] = [];
  for (const row of rows.slice(1)) {
    const at = `line ${row.line}`;
    if (row.problem !== undefined) {
      issues.push({ path: [at], reason: "broken_row", message: row.problem });
      continue;
    }
    const position = cell(row.fields, "position");
    const jobId = cell(row.fields, "jobId");
    const stageId = cell(row.fields, "stageId");
    const mode = cell(row.fields, "match") || "normalised";
    const provider = cell(row.fields, "provider");
    if (position === "")
      issues.push({
        path: [at, HEADERS.position[0]],
        reason: "required",
        message: "The position name is empty",
      });
    if (jobId === "")
      issues.push({ path: [at, HEADERS.jobId[0]], reason: "required", message: "The job id is empty" });
    if (!(MODES as readonly string[]).includes(mode)) {
      issues.push({
        path: [at, HEADERS.match[0]],
        reason: "invalid_value",
        message: `Unknown match "${mode}"; use ${MODES.join(", ")}`,
      });
    }
    if (position === "" || jobId === "" || !(MODES as readonly string[]).includes(mode)) continue;
    const rule: RoutingRule = {
      id: `${prefix}-${row.line}`,
      description: `${HEADERS.position[0]} "${position}" (line ${row.line})`,
      enabled: true,
      when: { position: { mode: mode as (typeof MODES)[number], value: position } },
      assign: { jobId, labels: [] },
    };
    if (provider !== "") rule.when.providers = [provider];
    if (stageId !== "") rule.assign.stageId = stageId;
    rules.push(rule);
  }
  if (issues.length > 0) throw new ValidationError("position table", issues);
  return rules;
}
