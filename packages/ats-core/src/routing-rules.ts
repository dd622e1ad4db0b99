import { z } from "zod";
import { ValidationError, type ValidationIssue } from "./errors";
import type { Job } from "./job";
import { createParsers } from "./parse";
import { type RouteKind, RouteKindSchema } from "./source";
import { normaliseText, toNfkc } from "./text";

/**
 * Routing rules (振り分けルール): ordered rules that assign an incoming application to a job by its
 * provider, route kind, position name (募集ポジション名) and labels. The first matching rule wins;
 * an application no rule matches goes to the unassigned queue, with the reason.
 */

/** How a rule compares the application's position name. */
export const PositionMatchSchema = z.object({
  /**
   * `exact`: the same string; `normalised`: equal after width, case, dash and space folding;
   * `contains`: the normalised name contains the normalised value; `regex`: the pattern matches
   * the name after NFKC.
   */
  mode: z.enum(["exact", "normalised", "contains", "regex"]),
  value: z.string().min(1).max(500),
  /** Regex flags (`i`, `u`, `s`, `m`), for `regex` only. */
  flags: z
    .string()
    .regex(/^[imsu]*$/, "Only the flags i, m, s and u are allowed")
    .optional(),
});
/** See {@link PositionMatchSchema}. */
export type PositionMatch = z.infer<typeof PositionMatchSchema>;

/** One routing rule. Every condition given must hold; a rule without conditions matches everything. */
export const RoutingRuleSchema = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  enabled: z.boolean().default(true),
  when: z
    .object({
      /** Provider ids; matches the application's `source.provider` or `source.via` (e.g. `robo-import`). */
      providers: z.array(z.string().min(1)).min(1).optional(),
      routes: z.array(RouteKindSchema).min(1).optional(),
      position: PositionMatchSchema.optional(),
      /** Labels the application (or its candidate) must all carry. */
      labels: z.array(z.string().min(1)).min(1).optional(),
    })
    .default({}),
  assign: z.object({
    jobId: z.string().min(1),
    /** Stage to place the application in; default the job's first stage. */
    stageId: z.string().min(1).optional(),
    /** Labels to add to the application. */
    labels: z.array(z.string().min(1)).default([]),
  }),
});
/** See {@link RoutingRuleSchema}. */
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
/** The input shape of {@link RoutingRuleSchema}. */
export type RoutingRuleInput = z.input<typeof RoutingRuleSchema>;

/** A tenant's ordered rules. */
export const RoutingRuleSetSchema = z.object({ rules: z.array(RoutingRuleSchema) });
/** See {@link RoutingRuleSetSchema}. */
export type RoutingRuleSet = z.infer<typeof RoutingRuleSetSchema>;

const ruleSetParsers = createParsers("routing rule set", RoutingRuleSetSchema);
/** Parses a {@link RoutingRuleSet} (shape only; {@link compileRoutingRules} checks jobs and reachability). */
export const parseRoutingRuleSet = ruleSetParsers.parse;
/** Parses a {@link RoutingRuleSet} without throwing. */
export const safeParseRoutingRuleSet = ruleSetParsers.safeParse;

/** What routing looks at in an application. */
export interface RoutingInput {
  provider: string;
  via?: string | undefined;
  route: RouteKind;
  /** The board's position name (募集ポジション名); absent for e.g. YOUTRUST scout entries. */
  positionName?: string | null | undefined;
  labels?: readonly string[] | undefined;
}

/** The outcome of routing one application. */
export type RoutingResult =
  | { matched: true; ruleId: string; jobId: string; stageId: string; labels: string[]; explanation: string }
  | { matched: false; explanation: string };

/** Why one rule did or did not match, from {@link Router.explain}. */
export interface RuleEvaluation {
  ruleId: string;
  matched: boolean;
  /** The conditions that failed, each with the reason; empty when matched. */
  failed: { condition: "enabled" | "providers" | "routes" | "position" | "labels"; reason: string }[];
}

/** The comparison key of a position name: normalised text, lower case, without spaces. */
export function positionKey(name: string): string {
  return normaliseText(name).toLowerCase().replace(/ /g, "");
}

/** A position name in the three forms rules compare, computed once per application. */
interface PositionForms {
  raw: string;
  key: string;
  nfkc: string;
}

function positionForms(positionName: string | null | undefined): PositionForms {
  const raw = positionName ?? "";
  if (raw === "") return { raw, key: "", nfkc: "" };
  return { raw, key: positionKey(raw), nfkc: toNfkc(raw) };
}

interface CompiledRule {
  index: number;
  rule: RoutingRule;
  stageId: string;
  providers: ReadonlySet<string> | undefined;
  routes: ReadonlySet<RouteKind> | undefined;
  /** Tests a position given as received, as its comparison key, and after NFKC (for regexes). */
  positionTest: ((position: PositionForms) => boolean) | undefined;
}

/** Where the rules' jobs are looked up when a rule set is compiled. */
export type JobLookup =
  | ReadonlyMap<string, Pick<Job, "id" | "pipeline" | "status">>
  | Iterable<Pick<Job, "id" | "pipeline" | "status">>;

/**
 * Validates a rule set against the tenant's jobs and compiles it into a {@link Router}. Throws a
 * `ValidationError` listing every problem: duplicate rule ids, unknown jobs or stages, invalid
 * regular expressions, and rules that can never match because an earlier rule catches everything
 * they would.
 */
export function compileRoutingRules(ruleSet: RoutingRuleSet | unknown, jobs: JobLookup): Router {
  const parsed = parseRoutingRuleSet(ruleSet);
  const jobsById =
    jobs instanceof Map
      ? (jobs as ReadonlyMap<string, Pick<Job, "id" | "pipeline" | "status">>)
      : new Map([...(jobs as Iterable<Pick<Job, "id" | "pipeline" | "status">>)].map((job) => [job.id, job]));
  const issues: ValidationIssue[] = [];
  const seenIds = new Set<string>();
  const compiled: CompiledRule[] = [];

  parsed.rules.forEach((rule, index) => {
    const path = ["rules", index];
    if (seenIds.has(rule.id))
      issues.push({
        path: [...path, "id"],
        reason: "duplicate",
        message: `Rule id "${rule.id}" is used twice`,
      });
    seenIds.add(rule.id);
    const job = jobsById.get(rule.assign.jobId);
    let stageId = rule.assign.stageId ?? "";
    if (job === undefined) {
      issues.push({
        path: [...path, "assign", "jobId"],
        reason: "unknown_job",
        message: `Job "${rule.assign.jobId}" does not exist; pick an existing job or delete the rule`,
      });
    } else {
      if (
        rule.assign.stageId !== undefined &&
        !job.pipeline.some((stage) => stage.id === rule.assign.stageId)
      ) {
        issues.push({
          path: [...path, "assign", "stageId"],
          reason: "unknown_stage",
          message: `Job "${job.id}" has no stage "${rule.assign.stageId}"; its stages are ${job.pipeline.map((stage) => stage.id).join(", ")}`,
        });
      }
      stageId = rule.assign.stageId ?? job.pipeline[0]!.id;
    }
    let positionTest: CompiledRule["positionTest"];
    const position = rule.when.position;
    if (position !== undefined) {
      const test = buildPositionTest(position);
      if (typeof test === "string")
        issues.push({ path: [...path, "when", "position", "value"], reason: "invalid_regex", message: test });
      else positionTest = test;
    }
    compiled.push({
      index,
      rule,
      stageId,
      providers: rule.when.providers && new Set(rule.when.providers),
      routes: rule.when.routes && new Set(rule.when.routes),
      positionTest,
    });
  });

  const enabled = compiled.filter((entry) => entry.rule.enabled);
  for (let later = 0; later < enabled.length; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      if (subsumes(enabled[earlier]!.rule, enabled[later]!.rule)) {
        const laterRule = enabled[later]!;
        issues.push({
          path: ["rules", laterRule.index],
          reason: "unreachable",
          message: `Rule "${laterRule.rule.id}" can never match: rule "${enabled[earlier]!.rule.id}" comes first and matches everything it would. Move it up or narrow the earlier rule.`,
        });
        break;
      }
    }
  }
  if (issues.length > 0) throw new ValidationError("routing rule set", issues);
  return new Router(compiled);
}

/**
 * Routes applications with a compiled rule set. Rules whose position condition is `exact` or
 * `normalised` are found through hash indexes, so a large correspondence table costs a lookup,
 * not a scan; the others are checked in order.
 */
export class Router {
  private readonly rules: readonly CompiledRule[];
  private readonly byExact = new Map<string, number[]>();
  private readonly byNormalised = new Map<string, number[]>();
  /** Enabled rules that must be checked one by one (no position, contains, regex), in order. */
  private readonly scanned: number[] = [];

  /** @internal Use {@link compileRoutingRules}. */
  constructor(rules: readonly CompiledRule[]) {
    this.rules = rules;
    rules.forEach((entry, position) => {
      if (!entry.rule.enabled) return;
      const match = entry.rule.when.position;
      if (match?.mode === "exact") push(this.byExact, match.value, position);
      else if (match?.mode === "normalised") push(this.byNormalised, positionKey(match.value), position);
      else this.scanned.push(position);
    });
  }

  /** Number of rules, enabled or not. */
  get size(): number {
    return this.rules.length;
  }

  /** Routes one application: the first matching rule, or why none matched. Deterministic. */
  route(input: RoutingInput): RoutingResult {
    const position = positionForms(input.positionName);
    const indexed = mergeSorted(this.byExact.get(position.raw), this.byNormalised.get(position.key));
    // Walk the indexed hits and the scanned rules together in rule order; the first match wins.
    let a = 0;
    let b = 0;
    const scanned = this.scanned;
    while (a < indexed.length || b < scanned.length) {
      const next =
        b >= scanned.length || (a < indexed.length && indexed[a]! < scanned[b]!)
          ? indexed[a++]!
          : scanned[b++]!;
      const entry = this.rules[next]!;
      if (evaluate(entry, input, position, undefined)) {
        return {
          matched: true,
          ruleId: entry.rule.id,
          jobId: entry.rule.assign.jobId,
          stageId: entry.stageId,
          labels: [...entry.rule.assign.labels],
          explanation: `Rule "${entry.rule.id}" (#${entry.index + 1}) matched${describeInput(input)}`,
        };
      }
    }
    return {
      matched: false,
      explanation: `No rule matched${describeInput(input)}: ${this.rules.length} rule(s) checked; the application goes to the unassigned queue. Call explain() for each rule's reason.`,
    };
  }

  /** Evaluates every rule against `input` and says why each did or did not match. */
  explain(input: RoutingInput): RuleEvaluation[] {
    const position = positionForms(input.positionName);
    return this.rules.map((entry) => {
      const failed: RuleEvaluation["failed"] = [];
      evaluate(entry, input, position, failed);
      return { ruleId: entry.rule.id, matched: failed.length === 0, failed };
    });
  }
}

/**
 * True when the rule matches. With `failed`, every failing condition is recorded with its reason
 * (for explain()); without it, the first failure returns at once and nothing is allocated.
 */
function evaluate(
  entry: CompiledRule,
  input: RoutingInput,
  position: PositionForms,
  failed: RuleEvaluation["failed"] | undefined,
): boolean {
  const { rule } = entry;
  let matched = true;
  if (!rule.enabled) {
    if (failed === undefined) return false;
    matched = false;
    failed.push({ condition: "enabled", reason: "the rule is disabled" });
  }
  if (
    entry.providers &&
    !entry.providers.has(input.provider) &&
    !(input.via !== undefined && entry.providers.has(input.via))
  ) {
    if (failed === undefined) return false;
    matched = false;
    const via = input.via ? ` via "${input.via}"` : "";
    failed.push({
      condition: "providers",
      reason: `provider "${input.provider}"${via} is not one of ${[...entry.providers].join(", ")}`,
    });
  }
  if (entry.routes && !entry.routes.has(input.route)) {
    if (failed === undefined) return false;
    matched = false;
    failed.push({
      condition: "routes",
      reason: `route "${input.route}" is not one of ${[...entry.routes].join(", ")}`,
    });
  }
  if (entry.positionTest && (position.raw === "" || !entry.positionTest(position))) {
    if (failed === undefined) return false;
    matched = false;
    const match = rule.when.position!;
    const reason =
      position.raw === ""
        ? "the application has no position name"
        : `position "${position.raw}" does not ${describeMode(match)} "${match.value}"`;
    failed.push({ condition: "position", reason });
  }
  if (rule.when.labels) {
    const have = input.labels ?? [];
    const missing = rule.when.labels.filter((label) => !have.includes(label));
    if (missing.length > 0) {
      if (failed === undefined) return false;
      matched = false;
      failed.push({ condition: "labels", reason: `missing label(s) ${missing.join(", ")}` });
    }
  }
  return matched;
}

function describeMode(position: PositionMatch): string {
  switch (position.mode) {
    case "exact":
      return "equal";
    case "normalised":
      return "equal (normalised)";
    case "contains":
      return "contain";
    case "regex":
      return "match the pattern";
  }
}

function describeInput(input: RoutingInput): string {
  const parts = [`provider "${input.provider}"`, `route "${input.route}"`];
  if (input.positionName) parts.push(`position "${input.positionName}"`);
  return ` (${parts.join(", ")})`;
}

function buildPositionTest(position: PositionMatch): ((forms: PositionForms) => boolean) | string {
  switch (position.mode) {
    case "exact": {
      const value = position.value;
      return (position) => position.raw === value;
    }
    case "normalised": {
      const value = positionKey(position.value);
      return (position) => position.key === value;
    }
    case "contains": {
      const value = positionKey(position.value);
      return (position) => position.key.includes(value);
    }
    case "regex": {
      if (position.flags !== undefined && /(.).*\1/.test(position.flags))
        return `Regex flags "${position.flags}" repeat a flag`;
      try {
        const pattern = new RegExp(position.value, position.flags ?? "");
        return (position) => pattern.test(position.nfkc);
      } catch (error) {
        return `Invalid regular expression /${position.value}/: ${(error as Error).message}`;
      }
    }
  }
}

/**
 * True when every application `later` matches is also matched by `earlier`, judged condition by
 * condition (sound, not complete: a rule reported unreachable really is).
 */
function subsumes(earlier: RoutingRule, later: RoutingRule): boolean {
  const e = earlier.when;
  const l = later.when;
  if (e.providers && !l.providers?.every((provider) => e.providers!.includes(provider))) return false;
  if (e.routes && !l.routes?.every((route) => e.routes!.includes(route))) return false;
  if (e.labels && !(l.labels && e.labels.every((label) => l.labels!.includes(label)))) return false;
  if (e.position) {
    if (!l.position) return false;
    if (!positionSubsumes(e.position, l.position)) return false;
  }
  return true;
}

function positionSubsumes(earlier: PositionMatch, later: PositionMatch): boolean {
  switch (earlier.mode) {
    case "exact":
      return later.mode === "exact" && later.value === earlier.value;
    case "normalised":
      return (
        (later.mode === "exact" || later.mode === "normalised") &&
        positionKey(later.value) === positionKey(earlier.value)
      );
    case "contains":
      return later.mode !== "regex" && positionKey(later.value).includes(positionKey(earlier.value));
    case "regex":
      return (
        later.mode === "regex" &&
        later.value === earlier.value &&
        (later.flags ?? "") === (earlier.flags ?? "")
      );
  }
}

function push(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

const EMPTY: readonly number[] = [];

function mergeSorted(a: readonly number[] | undefined, b: readonly number[] | undefined): readonly number[] {
  if (a === undefined) return b ?? EMPTY;
  if (b === undefined) return a;
  return [...a, ...b].sort((x, y) => x - y);
}
