import { z } from "zod";
import type { Candidate } from "./candidate";
import { safeNormaliseEmail } from "./email";
import { readingKey } from "./kana";
import { createParsers } from "./parse";
import type { CandidateIndex } from "./stores";
import { nameKey } from "./text";

/** Candidate fields a matching rule can compare, each through its comparison key. */
export const MatchFieldSchema = z.enum(["email", "phone", "nameReading", "birthDate", "name"]);
/** See {@link MatchFieldSchema}. */
export type MatchField = z.infer<typeof MatchFieldSchema>;

/** One AND group: two candidates match under the rule when every field has a value in common. */
export const MatchRuleSchema = z.object({
  id: z.string().regex(/^[\w.+-]+$/, "Use letters, digits, _ . + - in rule ids"),
  fields: z
    .array(MatchFieldSchema)
    .min(1)
    .refine((fields) => new Set(fields).size === fields.length, "A field is listed twice"),
});
/** See {@link MatchRuleSchema}. */
export type MatchRule = z.infer<typeof MatchRuleSchema>;

/** The rules, OR-ed: a candidate is a possible duplicate when any rule matches. */
export const MatchRulesSchema = z
  .array(MatchRuleSchema)
  .min(1, "Give at least one matching rule")
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: "custom", path: [index, "id"], message: `Rule id "${rule.id}" is used twice` });
      seen.add(rule.id);
    });
  });

const matchRulesParsers = createParsers("possible-duplicate rules", MatchRulesSchema);
// Rule lists already parsed, so that a detector built per transaction does not parse them again.
const parsedRuleLists = new WeakSet<readonly MatchRule[]>();

/** Parses a rule list; throws a `ValidationError` listing every problem. */
export function parseMatchRules(input: unknown): MatchRule[] {
  if (Array.isArray(input) && parsedRuleLists.has(input)) return input as MatchRule[];
  const rules = matchRulesParsers.parse(input);
  parsedRuleLists.add(rules);
  return rules;
}

/** The default rules: same e-mail, or same phone, or same name reading and birth date, or same name and phone. */
export const DEFAULT_MATCH_RULES: readonly MatchRule[] = Object.freeze([
  { id: "email", fields: ["email"] },
  { id: "phone", fields: ["phone"] },
  { id: "reading+birthDate", fields: ["nameReading", "birthDate"] },
  { id: "name+phone", fields: ["name", "phone"] },
]);

/** The candidate fields the detector reads. */
export type MatchableCandidate = Pick<
  Candidate,
  "id" | "name" | "nameReading" | "emails" | "phones" | "birthDate"
>;

/** Why two candidates matched: the rule and the comparison keys the fields had in common. */
export interface RuleMatch {
  ruleId: string;
  fields: { field: MatchField; value: string }[];
}

/** A candidate that may be the same person, with every rule that matched. */
export interface PossibleDuplicate {
  candidateId: string;
  matches: RuleMatch[];
}

/** Options for {@link PossibleDuplicateDetector}. */
export interface PossibleDuplicateOptions {
  /** The index to look keys up in (one per tenant). */
  index: CandidateIndex;
  /** Matching rules, OR-ed. Default {@link DEFAULT_MATCH_RULES}. Changing them requires re-indexing. */
  rules?: readonly MatchRule[];
  /** Compare e-mails under provider rules (Gmail dots and +tags). Default true. */
  emailProviderRules?: boolean;
}

// Keeps a candidate with many e-mails and phones from producing thousands of keys for one rule.
const MAX_KEYS_PER_RULE = 64;
/**
 * Candidates reported per shared key. A key shared by hundreds (an office e-mail used by every
 * applicant of an agency) says little about any one of them, and reporting them all would make
 * each check cost as much as the bucket; only the first ones are reported.
 */
export const MAX_MATCHES_PER_KEY = 20;
const SEPARATOR = "\u001f";

/**
 * Finds candidates who may be the same person, by blocking keys: each rule turns a candidate into
 * keys (rule id + the comparison keys of its fields), and two candidates match when they share a
 * key. A check is therefore a handful of index lookups, never a scan, and matching is symmetric by
 * construction. It only reports; flagging and merging are the caller's decision.
 */
export class PossibleDuplicateDetector {
  private readonly index: CandidateIndex;
  private readonly rules: readonly MatchRule[];
  private readonly emailProviderRules: boolean;

  constructor(options: PossibleDuplicateOptions) {
    this.index = options.index;
    this.rules = parseMatchRules(options.rules ?? DEFAULT_MATCH_RULES);
    this.emailProviderRules = options.emailProviderRules ?? true;
  }

  /** The blocking keys of a candidate under the configured rules. */
  keysFor(candidate: MatchableCandidate): string[] {
    return candidateKeys(candidate, this.rules, this.emailProviderRules);
  }

  /** Adds a candidate to the index (pass `keys` when already computed with {@link keysFor}). */
  async add(candidate: MatchableCandidate, keys: readonly string[] = this.keysFor(candidate)): Promise<void> {
    await this.index.add(candidate.id, keys);
  }

  /** Removes a candidate, as it was when added, from the index. */
  async remove(candidate: MatchableCandidate): Promise<void> {
    await this.index.remove(candidate.id, this.keysFor(candidate));
  }

  /**
   * Candidates in the index that may be the same person as `candidate` (never itself). Pass
   * `keys` when already computed with {@link keysFor}.
   */
  async check(
    candidate: MatchableCandidate,
    keys: readonly string[] = this.keysFor(candidate),
  ): Promise<PossibleDuplicate[]> {
    return collectMatches(candidate.id, keys, await this.index.lookup(keys));
  }
}

/** The blocking keys of `candidate` under `rules`. Pure; exported for stores that compute keys in SQL migrations. */
export function candidateKeys(
  candidate: MatchableCandidate,
  rules: readonly MatchRule[],
  emailProviderRules = true,
): string[] {
  const keys: string[] = [];
  const values = new FieldValues(candidate, emailProviderRules);
  for (const rule of rules) {
    if (!values.allPresent(rule.fields)) continue;
    const limit = keys.length + MAX_KEYS_PER_RULE;
    addCombinations(rule, 0, [rule.id], values, keys, limit);
  }
  return keys;
}

/*
 * A candidate's comparison keys per field, each computed once, when a rule first needs it (phone
 * serves two default rules). A slot per field rather than a closure over a growing object: the
 * import path computes keys for every applicant.
 */
class FieldValues {
  private readonly computed: (string[] | undefined)[] = [
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ];

  constructor(
    private readonly candidate: MatchableCandidate,
    private readonly emailProviderRules: boolean,
  ) {}

  of(field: MatchField): string[] {
    const slot = FIELD_SLOTS[field];
    let values = this.computed[slot];
    if (values === undefined) {
      values = fieldKeys(this.candidate, field, this.emailProviderRules);
      this.computed[slot] = values;
    }
    return values;
  }

  allPresent(fields: readonly MatchField[]): boolean {
    for (const field of fields) if (this.of(field).length === 0) return false;
    return true;
  }
}

const FIELD_SLOTS: Readonly<Record<MatchField, number>> = {
  email: 0,
  phone: 1,
  nameReading: 2,
  birthDate: 3,
  name: 4,
};

/*
 * Appends the keys of `rule` from its field at `index` on: every combination of the fields'
 * values, as `ruleId␟field=value␟field=value`. Each key is one join() of its parts, so it is one
 * flat string: built with `+`, it would keep every piece alive in the index (~250 bytes a key).
 */
function addCombinations(
  rule: MatchRule,
  index: number,
  parts: string[],
  values: FieldValues,
  keys: string[],
  limit: number,
): void {
  if (index === rule.fields.length) {
    if (keys.length < limit) keys.push(parts.join(""));
    return;
  }
  const field = rule.fields[index]!;
  for (const value of values.of(field)) {
    if (keys.length >= limit) return;
    parts.push(SEPARATOR, field, "=", value);
    addCombinations(rule, index + 1, parts, values, keys, limit);
    parts.length -= 4;
  }
}

/** Every rule under which `a` and `b` match; empty when they do not. Symmetric. */
export function matchCandidates(
  a: MatchableCandidate,
  b: MatchableCandidate,
  rules: readonly MatchRule[] = DEFAULT_MATCH_RULES,
  emailProviderRules = true,
): RuleMatch[] {
  const keysOfB = new Set(candidateKeys(b, rules, emailProviderRules));
  const shared = candidateKeys(a, rules, emailProviderRules).filter((key) => keysOfB.has(key));
  return dedupeByRule(shared.map(parseKey));
}

function fieldKeys(candidate: MatchableCandidate, field: MatchField, emailProviderRules: boolean): string[] {
  switch (field) {
    case "email":
      return emailKeys(candidate.emails, emailProviderRules);
    case "phone":
      return unique(candidate.phones);
    case "nameReading": {
      const key = candidate.nameReading ? readingKey(candidate.nameReading.full) : "";
      return key === "" ? [] : [key];
    }
    case "birthDate":
      return candidate.birthDate ? [candidate.birthDate] : [];
    case "name": {
      const key = nameKey(candidate.name.full);
      return key === "" ? [] : [key];
    }
  }
}

function emailKeys(emails: readonly string[], providerRules: boolean): string[] {
  const keys: string[] = [];
  for (const email of emails) {
    const result = safeNormaliseEmail(email, { providerRules });
    if (result.success) keys.push(result.data);
  }
  return unique(keys);
}

function unique(values: string[]): string[] {
  return values.length < 2 ? values : [...new Set(values)];
}

function parseKey(key: string): RuleMatch {
  const [ruleId, ...parts] = key.split(SEPARATOR);
  return {
    ruleId: ruleId!,
    fields: parts.map((part) => {
      const at = part.indexOf("=");
      return { field: part.slice(0, at) as MatchField, value: part.slice(at + 1) };
    }),
  };
}

function dedupeByRule(matches: RuleMatch[]): RuleMatch[] {
  const byRule = new Map<string, RuleMatch>();
  for (const match of matches) if (!byRule.has(match.ruleId)) byRule.set(match.ruleId, match);
  return [...byRule.values()];
}

function collectMatches(
  selfId: string,
  keys: readonly string[],
  found: ReadonlyMap<string, readonly string[]>,
): PossibleDuplicate[] {
  if (found.size === 0) return [];
  const byCandidate = new Map<string, RuleMatch[]>();
  for (const key of keys) {
    const ids = found.get(key);
    if (ids === undefined) continue;
    let reported = 0;
    for (const id of ids) {
      if (reported === MAX_MATCHES_PER_KEY) break;
      if (id === selfId) continue;
      reported++;
      let matches = byCandidate.get(id);
      if (matches === undefined) {
        matches = [];
        byCandidate.set(id, matches);
      }
      matches.push(parseKey(key));
    }
  }
  return [...byCandidate].map(([candidateId, matches]) => ({ candidateId, matches: dedupeByRule(matches) }));
}
