/** How serious a finding is: `error` keeps jobs (or the feed) off Indeed, `warning` costs reach or tracking. */
export type LintSeverity = "error" | "warning";

/** Where a finding is. */
export interface LintLocation {
  /** 1-based line (of the element when there is one, else of the job). */
  line: number;
  column?: number;
  /** 0-based index of the job in the feed. */
  jobIndex?: number;
  /** The job's `<referencenumber>`, when it has one. */
  referenceNumber?: string;
  /** The element concerned, e.g. `title`. */
  element?: string;
}

/** One problem found in a feed. */
export interface LintFinding {
  /** The rule's id, e.g. `title-employment-type`. */
  ruleId: string;
  severity: LintSeverity;
  /** What is wrong and what to do, in English. */
  message: string;
  /** The same in Japanese. */
  messageJa: string;
  location: LintLocation;
}
