import { ValidationError, type ValidationIssue } from "@org/ats-core";
import { toJsonPath } from "./json-path";

/**
 * Something a check found: where (as a JSON path and as segments), how bad, a stable code, and a
 * message that says what to do.
 */
export interface Finding {
  /** `error`: Indeed rejects it or it breaks answers; `warning`: allowed, but against Indeed's advice. */
  severity: "error" | "warning";
  /** A stable, machine-readable reason, e.g. `duplicate_id`, `condition_target_not_found`. */
  code: string;
  /** JSON path, e.g. `$[3].condition.id`. */
  path: string;
  /** The same path as segments. */
  segments: (string | number)[];
  /** What is wrong and what to do about it. */
  message: string;
}

/** Collects findings with their paths. */
export class FindingList {
  readonly items: Finding[] = [];

  error(segments: (string | number)[], code: string, message: string): void {
    this.items.push({ severity: "error", code, path: toJsonPath(segments), segments, message });
  }

  warning(segments: (string | number)[], code: string, message: string): void {
    this.items.push({ severity: "warning", code, path: toJsonPath(segments), segments, message });
  }

  get errors(): Finding[] {
    return this.items.filter((finding) => finding.severity === "error");
  }

  get warnings(): Finding[] {
    return this.items.filter((finding) => finding.severity === "warning");
  }
}

/** The errors among `findings` as a `ValidationError` about `subject`. */
export function findingsToValidationError(subject: string, findings: readonly Finding[]): ValidationError {
  const issues: ValidationIssue[] = findings
    .filter((finding) => finding.severity === "error")
    .map((finding) => ({ path: finding.segments, reason: finding.code, message: finding.message }));
  return new ValidationError(subject, issues);
}
