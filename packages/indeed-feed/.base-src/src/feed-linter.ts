import { ConfigurationError } from "@org/ats-core";
import { type FeedReadEvent, type FeedSource, type ReadFeedOptions, readFeed } from "./feed-reader";
import type { FeedElementRecord, FeedRecord } from "./feed-record";
import type { LintFinding, LintSeverity } from "./lint-finding";
import { type BilingualMessage, LINT_RULES, type LintContext, type LintRule } from "./lint-rules";
import { type ParsedFeedDate, parseRfc1123 } from "./rfc1123";

/** Rules about the document rather than a job (reported from the reader's events). */
export const DOCUMENT_RULES: readonly Pick<LintRule, "id" | "severity" | "description">[] = Object.freeze([
  {
    id: "xml-malformed",
    severity: "error",
    description: { en: "The feed is well-formed XML", ja: "フィードが整形式のXMLであること" },
  },
  {
    id: "xml-declaration",
    severity: "warning",
    description: {
      en: 'The feed starts with <?xml version="1.0" encoding="utf-8"?>',
      ja: 'フィードが<?xml version="1.0" encoding="utf-8"?>で始まること',
    },
  },
  {
    id: "root-element",
    severity: "error",
    description: { en: "The root element is <source>", ja: "ルート要素が<source>であること" },
  },
  {
    id: "no-jobs",
    severity: "error",
    description: { en: "The feed holds at least one <job>", ja: "フィードに<job>が1件以上あること" },
  },
]);

/** Options of a {@link FeedLinter}. */
export interface FeedLinterOptions {
  /** Rule ids to switch off, e.g. `["requisitionid-missing"]`. */
  disable?: readonly string[];
  /** The instant dates are checked against (default: now). */
  now?: Date;
  /** Rules of your own, run after the built-in ones. */
  extraRules?: readonly LintRule[];
}

/**
 * Lints a feed job by job. One instance per feed: it remembers what it needs across jobs (reference
 * numbers and URLs seen, the tags used so far) and nothing else.
 */
export class FeedLinter {
  readonly #rules: readonly LintRule[];
  readonly #disabled: ReadonlySet<string>;
  readonly #now: Date;
  readonly #state = new Map<string, unknown>();
  readonly #context: LintContext;
  #jobs = 0;

  /** @throws ConfigurationError when `disable` names a rule that does not exist. */
  constructor(options: FeedLinterOptions = {}) {
    const all = [...LINT_RULES, ...(options.extraRules ?? [])];
    const known = new Set([...all.map((r) => r.id), ...DOCUMENT_RULES.map((r) => r.id)]);
    for (const id of options.disable ?? []) {
      if (!known.has(id)) {
        throw new ConfigurationError(
          "disable",
          `"${id}" is not a lint rule; known rules: ${[...known].join(", ")}`,
        );
      }
    }
    this.#disabled = new Set(options.disable ?? []);
    this.#rules = all.filter((r) => !this.#disabled.has(r.id));
    this.#now = options.now ?? new Date();
    const state = this.#state;
    const recentDateTexts: (string | undefined)[] = new Array(8).fill(undefined);
    const recentDates: (ParsedFeedDate | undefined)[] = new Array(8).fill(undefined);
    let nextDate = 0;
    let lastUrlText: string | undefined;
    let lastUrl: URL | undefined;
    this.#context = {
      now: this.#now,
      state<T>(ruleId: string, create: () => T): T {
        if (!state.has(ruleId)) state.set(ruleId, create());
        return state.get(ruleId) as T;
      },
      parseDate(text: string): ParsedFeedDate | undefined {
        // A job has at most four dates, which several rules read: remember the last eight, in a ring
        // (a Map cleared and refilled every few jobs spent more on its own upkeep than on parsing).
        const known = recentDateTexts.indexOf(text);
        if (known !== -1) return recentDates[known];
        const parsed = parseRfc1123(text);
        recentDateTexts[nextDate] = text;
        recentDates[nextDate] = parsed;
        nextDate = (nextDate + 1) % recentDateTexts.length;
        return parsed;
      },
      parseUrl(text: string): URL | undefined {
        if (text !== lastUrlText) {
          lastUrlText = text;
          lastUrl = parseUrlOnce(text);
        }
        return lastUrl;
      },
    };
  }

  /** The rules that run (built-in and extra, minus the disabled ones). */
  get rules(): readonly LintRule[] {
    return this.#rules;
  }

  /** Lints one job. A job damaged by an XML error is not linted: its content is incomplete. */
  lintJob(job: FeedRecord): LintFinding[] {
    this.#jobs += 1;
    if (job.damaged) return [];
    const findings: LintFinding[] = [];
    let current: LintRule | undefined;
    // One reporter per job (not per rule): this runs for every job of feeds with hundreds of thousands.
    const report = (message: BilingualMessage, element?: FeedElementRecord | string) => {
      const record = typeof element === "string" ? job.elements.get(element) : element;
      const name = typeof element === "string" ? element : element?.name;
      const location: LintFinding["location"] = {
        line: record?.line ?? job.line,
        column: record?.column ?? job.column,
        jobIndex: job.index,
      };
      // Looked up only when there is a finding: most jobs have none.
      const referenceNumber = job.elements.get("referencenumber")?.text.trim();
      if (referenceNumber !== undefined && referenceNumber !== "") location.referenceNumber = referenceNumber;
      if (name !== undefined) location.element = name;
      findings.push({
        ruleId: current!.id,
        severity: current!.severity,
        message: message.en,
        messageJa: message.ja,
        location,
      });
    };
    for (const rule of this.#rules) {
      current = rule;
      rule.check(job, report, this.#context);
    }
    return findings;
  }

  /** Lints what the reader reports: jobs, XML errors, the declaration and the root element. */
  lintEvent(event: FeedReadEvent): LintFinding[] {
    switch (event.type) {
      case "job":
        return this.lintJob(event.job);
      case "error":
        return this.#document(
          "xml-malformed",
          { line: event.error.line, column: event.error.column },
          {
            en: event.error.message.replace(/^line \d+, column \d+: /, ""),
            ja: `XMLの構文エラー:${event.error.message.replace(/^line \d+, column \d+: /, "")}`,
          },
        );
      case "start": {
        const findings: LintFinding[] = [];
        if (event.declaration === undefined) {
          findings.push(
            ...this.#document(
              "xml-declaration",
              { line: 1, column: 1 },
              {
                en: 'the XML declaration is missing: start with <?xml version="1.0" encoding="utf-8"?>',
                ja: 'XML宣言がありません。<?xml version="1.0" encoding="utf-8"?>で始めてください',
              },
            ),
          );
        } else if (event.declaration.encoding === undefined) {
          findings.push(
            ...this.#document(
              "xml-declaration",
              { line: 1, column: 1 },
              {
                en: 'the XML declaration names no encoding: add encoding="utf-8"',
                ja: 'XML宣言にencodingがありません。encoding="utf-8"を追加してください',
              },
            ),
          );
        }
        if (event.root !== "source") {
          findings.push(
            ...this.#document(
              "root-element",
              { line: event.line, column: 1 },
              {
                en: `the root element is <${event.root}>: an Indeed feed's root is <source>`,
                ja: `ルート要素が<${event.root}>です。Indeedのフィードのルートは<source>です`,
              },
            ),
          );
        }
        return findings;
      }
      case "end":
        return event.jobs === 0
          ? this.#document(
              "no-jobs",
              { line: 1, column: 1 },
              { en: "the feed holds no <job>", ja: "フィードに<job>がありません" },
            )
          : [];
    }
  }

  #document(
    id: string,
    location: { line: number; column: number },
    message: BilingualMessage,
  ): LintFinding[] {
    if (this.#disabled.has(id)) return [];
    const severity: LintSeverity = DOCUMENT_RULES.find((r) => r.id === id)!.severity;
    return [{ ruleId: id, severity, message: message.en, messageJa: message.ja, location }];
  }
}

/** The URL, or `undefined` when `text` is not one: parsed once (`URL.canParse` and then `new URL` would parse twice). */
function parseUrlOnce(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Options of {@link lintFeed}. */
export interface LintFeedOptions extends FeedLinterOptions, ReadFeedOptions {
  /** Called after each job with the number of jobs read so far (for progress display). */
  onJob?: (jobsRead: number) => void;
}

/**
 * Reads a feed (path, URL, bytes or stream) and yields every finding as it is found, in document order.
 * Memory stays bounded by the largest job plus the reference numbers and URLs seen (for duplicates).
 */
export async function* lintFeed(
  source: FeedSource,
  options: LintFeedOptions = {},
): AsyncGenerator<LintFinding, void, undefined> {
  const linter = new FeedLinter(options);
  let jobs = 0;
  for await (const event of readFeed(source, options)) {
    yield* linter.lintEvent(event);
    if (event.type === "job") options.onJob?.(++jobs);
  }
}

/** Counts of findings by rule, and totals. */
export interface LintSummary {
  errors: number;
  warnings: number;
  byRule: Record<string, { severity: LintSeverity; count: number }>;
}

/** Tallies findings by rule as they stream past. */
export class LintTally {
  readonly summary: LintSummary = { errors: 0, warnings: 0, byRule: {} };

  /** Counts one finding. */
  add(finding: LintFinding): void {
    if (finding.severity === "error") this.summary.errors += 1;
    else this.summary.warnings += 1;
    const entry = this.summary.byRule[finding.ruleId];
    if (entry === undefined) this.summary.byRule[finding.ruleId] = { severity: finding.severity, count: 1 };
    else entry.count += 1;
  }
}
