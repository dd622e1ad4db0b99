import { toValidationIssues } from "@org/ats-core";
import { checkDateFormat, compareDays, compileDateFormat } from "./date-format";
import { type Finding, FindingList, findingsToValidationError } from "./finding";
import { checkInformationHtml } from "./information-html";
import {
  isAskingQuestion,
  SCREENING_QUESTION_TYPES,
  type ScreeningQuestion,
  ScreeningQuestionSchema,
} from "./screening-question";

/*
 * Limits from seed 004_7a98198eda9710f9.txt, "質問項目の追加にあたって" and "pagebreak":
 * at most 500 questions (conversion drops sharply past 20), a file of at most 1 MB, at most 20 items
 * between two pagebreaks, numbers with "." as decimal point and no thousands separator, and the
 * best practice of not asking again what Indeed Apply already collects (contact details).
 */

/** Most items a question set may hold. */
export const MAX_QUESTIONS = 500;
/** Past this many asking questions, Indeed reports that conversion drops sharply. */
export const RECOMMENDED_MAX_QUESTIONS = 20;
/** Most bytes the served JSON may have. */
export const MAX_QUESTION_SET_BYTES = 1024 * 1024;
/** Most items between two pagebreaks. */
export const MAX_QUESTIONS_PER_PAGE = 20;
/** Most levels of a hierarchical question (e.g. prefecture → city → ward). */
export const MAX_HIERARCHY_LEVELS = 3;

/** What {@link validateQuestionSet} found. */
export interface QuestionSetReport {
  /** True when there is no error (warnings allowed). */
  valid: boolean;
  /** The parsed questions when every item has a valid shape (even if other rules failed), else `undefined`. */
  questions: ScreeningQuestion[] | undefined;
  /** Every finding, in document order. */
  findings: Finding[];
  /** The findings Indeed would reject or that break answers. */
  errors: Finding[];
  /** Allowed, but against Indeed's advice. */
  warnings: Finding[];
  /** Size of the JSON in UTF-8 bytes. */
  byteSize: number;
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const THOUSANDS = /\d,\d{3}(?!\d)/;
// Contact details Indeed Apply already asks for (seed: "連絡先など…含めないでください").
const CONTACT_QUESTION =
  /\b(?:full ?name|first ?name|last ?name|your name|e-?mail|phone|telephone|mobile number)\b|氏名|お名前|名前|フリガナ|ふりがな|メールアドレス|電話番号|携帯番号/i;

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

type NumberKind = "integer" | "decimal";

function checkNumber(
  findings: FindingList,
  path: (string | number)[],
  value: unknown,
  kind: NumberKind,
  what: string,
): number | undefined {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (THOUSANDS.test(text)) {
    findings.error(
      path,
      "thousands_separator",
      `${what} "${text}" has a thousands separator; write plain digits (e.g. 10000)`,
    );
    return undefined;
  }
  if (!(kind === "integer" ? INTEGER : DECIMAL).test(text)) {
    findings.error(
      path,
      "invalid_number",
      `${what} "${text}" is not ${kind === "integer" ? "an integer" : "a number (use . as the decimal point)"}`,
    );
    return undefined;
  }
  return Number(text);
}

interface ChoiceSource {
  index: number;
  type: ScreeningQuestion["type"] | "hierarchical_level";
  values: Set<string>;
}

/**
 * Checks a screening-question set against Indeed Apply's rules and reports every finding with its
 * JSON path. Accepts the JSON text as served (then its size and syntax are checked too) or the parsed value.
 *
 * Errors: shape (the nine types and their fields), unique ids, conditions that point to an earlier
 * select or hierarchical question and one of its option values, hierarchies of at most 3 levels, at
 * most 500 items, at most 1 MB, at most 20 items between pagebreaks, date formats with `MM` and
 * `yyyy`, `min`/`max` that parse under the format, `limit` a positive integer, file counts, the HTML of
 * `information`, numbers without thousands separators. Warnings: more than 20 questions, and questions
 * asking for what Indeed already collects (name, e-mail, phone).
 */
export function validateQuestionSet(input: unknown): QuestionSetReport {
  const findings = new FindingList();
  let value = input;
  let byteSize: number;
  if (typeof input === "string" || input instanceof Uint8Array) {
    const text = typeof input === "string" ? input : new TextDecoder().decode(input);
    byteSize = typeof input === "string" ? utf8Length(input) : input.length;
    try {
      value = JSON.parse(text);
    } catch (error) {
      findings.error(
        [],
        "invalid_json",
        `The question set is not valid JSON (${(error as Error).message}); check it with Indeed's question test tool`,
      );
      return report(findings, undefined, byteSize);
    }
  } else {
    byteSize = utf8Length(JSON.stringify(input) ?? "");
  }
  if (byteSize > MAX_QUESTION_SET_BYTES) {
    findings.error(
      [],
      "too_large",
      `The question set is ${byteSize} bytes; Indeed accepts at most 1 MB (${MAX_QUESTION_SET_BYTES} bytes)`,
    );
  }
  if (!Array.isArray(value)) {
    findings.error([], "not_an_array", "A question set is a JSON array of questions");
    return report(findings, undefined, byteSize);
  }
  if (value.length > MAX_QUESTIONS) {
    findings.error(
      [],
      "too_many_questions",
      `${value.length} items; Indeed accepts at most ${MAX_QUESTIONS}`,
    );
  }

  const questions: ScreeningQuestion[] = [];
  let shapeOk = true;
  value.forEach((item, index) => {
    const type = (item as { type?: unknown } | null)?.type;
    if (typeof type !== "string" || !(SCREENING_QUESTION_TYPES as readonly string[]).includes(type)) {
      shapeOk = false;
      findings.error(
        [index, "type"],
        "invalid_type",
        `type must be one of ${SCREENING_QUESTION_TYPES.join(", ")}`,
      );
      return;
    }
    const parsed = ScreeningQuestionSchema.safeParse(item);
    if (!parsed.success) {
      shapeOk = false;
      for (const issue of toValidationIssues(parsed.error))
        findings.error([index, ...issue.path], issue.reason, issue.message);
      return;
    }
    questions.push(parsed.data);
  });
  if (!shapeOk) return report(findings, undefined, byteSize);

  checkIdsAndConditions(findings, questions);
  checkPages(findings, questions);
  for (const [index, question] of questions.entries()) checkQuestion(findings, question, index);

  const asking = questions.filter(isAskingQuestion).length;
  if (asking > RECOMMENDED_MAX_QUESTIONS) {
    findings.warning(
      [],
      "many_questions",
      `${asking} questions: Indeed reports that conversion drops sharply past ${RECOMMENDED_MAX_QUESTIONS}`,
    );
  }
  return report(findings, questions, byteSize);
}

function report(
  findings: FindingList,
  questions: ScreeningQuestion[] | undefined,
  byteSize: number,
): QuestionSetReport {
  const errors = findings.errors;
  return {
    valid: errors.length === 0,
    questions,
    findings: findings.items,
    errors,
    warnings: findings.warnings,
    byteSize,
  };
}

/**
 * Parses a question set, throwing a `ValidationError` (issue paths are the JSON paths' segments)
 * when {@link validateQuestionSet} finds an error. Warnings do not throw.
 */
export function parseQuestionSet(input: unknown): ScreeningQuestion[] {
  const result = validateQuestionSet(input);
  if (!result.valid || result.questions === undefined)
    throw findingsToValidationError("screening question set", result.errors);
  return result.questions;
}

function checkIdsAndConditions(findings: FindingList, questions: readonly ScreeningQuestion[]): void {
  const seen = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]) => {
    const first = seen.get(id);
    if (first !== undefined)
      findings.error(path, "duplicate_id", `id "${id}" is already used at ${first}; ids must be unique`);
    else seen.set(id, `$${path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("")}`);
  };
  const sources = new Map<string, ChoiceSource>();
  const earlierTypes = new Map<string, ScreeningQuestion["type"]>();
  questions.forEach((question, index) => {
    claim(question.id, [index, "id"]);
    if (question.condition !== undefined) {
      const { id, value } = question.condition;
      const target = sources.get(id);
      const earlierType = earlierTypes.get(id);
      if (target === undefined && earlierType !== undefined) {
        findings.error(
          [index, "condition", "id"],
          "condition_target_not_select",
          `condition points to "${id}", a ${earlierType} question; only select and hierarchical questions can be conditions`,
        );
      } else if (target === undefined) {
        const later = questions.findIndex((other, at) => at > index && other.id === id);
        findings.error(
          [index, "condition", "id"],
          "condition_target_not_found",
          later === -1
            ? `condition points to "${id}", which is no question of this set`
            : `condition points to "${id}", which comes later ($[${later}]); a condition can only depend on an earlier question`,
        );
      } else if (
        target.type !== "select" &&
        target.type !== "hierarchical" &&
        target.type !== "hierarchical_level"
      ) {
        findings.error(
          [index, "condition", "id"],
          "condition_target_not_select",
          `condition points to "${id}", a ${target.type} question; only select and hierarchical questions can be conditions`,
        );
      } else if (!target.values.has(value)) {
        findings.error(
          [index, "condition", "value"],
          "condition_value_not_an_option",
          `"${value}" is not an option value of "${id}" (values: ${[...target.values].join(", ")})`,
        );
      }
    }
    if (question.type === "select" || question.type === "multiselect" || question.type === "hierarchical") {
      const values = new Set<string>();
      question.options.forEach((option, at) => {
        if (values.has(option.value))
          findings.error(
            [index, "options", at, "value"],
            "duplicate_option_value",
            `option value "${option.value}" appears twice`,
          );
        values.add(option.value);
      });
      sources.set(question.id, { index, type: question.type, values });
    }
    if (question.type === "hierarchical") checkHierarchy(findings, question, index, claim, sources);
    if (!earlierTypes.has(question.id)) earlierTypes.set(question.id, question.type);
  });
}

function checkHierarchy(
  findings: FindingList,
  question: Extract<ScreeningQuestion, { type: "hierarchical" }>,
  index: number,
  claim: (id: string, path: (string | number)[]) => void,
  sources: Map<string, ChoiceSource>,
): void {
  const levels = new Map<string, { values: Set<string>; parent: string; at: number }>();
  question.hierarchicalOptions.forEach((level, at) => {
    claim(level.id, [index, "hierarchicalOptions", at, "id"]);
    levels.set(level.id, {
      values: new Set(level.options.map((option) => option.value)),
      parent: level.condition.id,
      at,
    });
  });
  const rootValues = new Set(question.options.map((option) => option.value));
  const depthOf = (id: string, trail: Set<string>): number | undefined => {
    if (id === question.id) return 1;
    const level = levels.get(id);
    if (level === undefined || trail.has(id)) return undefined;
    trail.add(id);
    const parentDepth = depthOf(level.parent, trail);
    return parentDepth === undefined ? undefined : parentDepth + 1;
  };
  question.hierarchicalOptions.forEach((level, at) => {
    const path = [index, "hierarchicalOptions", at, "condition"];
    const parentId = level.condition.id;
    const parentValues = parentId === question.id ? rootValues : levels.get(parentId)?.values;
    if (parentValues === undefined) {
      findings.error(
        [...path, "id"],
        "condition_target_not_found",
        `condition points to "${parentId}", which is neither this question nor one of its hierarchicalOptions`,
      );
      return;
    }
    if (!parentValues.has(level.condition.value)) {
      findings.error(
        [...path, "value"],
        "condition_value_not_an_option",
        `"${level.condition.value}" is not an option value of "${parentId}"`,
      );
    }
    const depth = depthOf(level.id, new Set());
    if (depth === undefined)
      findings.error(
        [...path, "id"],
        "condition_cycle",
        `the levels of "${question.id}" depend on each other in a cycle`,
      );
    else if (depth > MAX_HIERARCHY_LEVELS) {
      findings.error(
        [index, "hierarchicalOptions", at],
        "hierarchy_too_deep",
        `"${level.id}" is level ${depth}; a hierarchical question has at most ${MAX_HIERARCHY_LEVELS} levels`,
      );
    }
    sources.set(level.id, { index, type: "hierarchical_level", values: levels.get(level.id)!.values });
  });
}

function checkPages(findings: FindingList, questions: readonly ScreeningQuestion[]): void {
  let onPage = 0;
  questions.forEach((question, index) => {
    if (question.type === "pagebreak") {
      onPage = 0;
      return;
    }
    onPage++;
    if (onPage === MAX_QUESTIONS_PER_PAGE + 1) {
      findings.error(
        [index],
        "page_too_long",
        `more than ${MAX_QUESTIONS_PER_PAGE} items since the last pagebreak; add a pagebreak before $[${index}]`,
      );
    }
  });
}

function checkQuestion(findings: FindingList, question: ScreeningQuestion, index: number): void {
  switch (question.type) {
    case "text": {
      checkLimit(findings, question.limit, [index, "limit"]);
      const numeric =
        question.format === "integer" || question.format === "decimal" ? question.format : undefined;
      const bounds: [string, unknown][] = [
        ["min", question.min],
        ["max", question.max],
      ];
      const parsed: Record<string, number | undefined> = {};
      for (const [key, bound] of bounds) {
        if (bound === undefined) continue;
        if (numeric === undefined) {
          findings.warning(
            [index, key],
            "bound_ignored",
            `${key} only applies with format integer or decimal; Indeed ignores it here`,
          );
          continue;
        }
        parsed[key] = checkNumber(findings, [index, key], bound, numeric, key);
      }
      if (parsed.min !== undefined && parsed.max !== undefined && parsed.min > parsed.max) {
        findings.error([index, "max"], "min_above_max", `min ${parsed.min} is above max ${parsed.max}`);
      }
      break;
    }
    case "textarea":
      checkLimit(findings, question.limit, [index, "limit"]);
      break;
    case "date": {
      for (const problem of checkDateFormat(question.format))
        findings.error([index, "format"], problem.code, problem.message);
      const format = compileDateFormat(question.format);
      const min = question.min === undefined ? undefined : format.parse(question.min);
      const max = question.max === undefined ? undefined : format.parse(question.max);
      if (question.min !== undefined && min === undefined)
        findings.error(
          [index, "min"],
          "invalid_date",
          `min "${question.min}" is not a date in the format ${question.format}`,
        );
      if (question.max !== undefined && max === undefined)
        findings.error(
          [index, "max"],
          "invalid_date",
          `max "${question.max}" is not a date in the format ${question.format}`,
        );
      if (min !== undefined && max !== undefined && compareDays(min, max) > 0)
        findings.error([index, "max"], "min_above_max", `min ${question.min} is after max ${question.max}`);
      break;
    }
    case "file": {
      const min =
        question.min === undefined
          ? undefined
          : checkNumber(findings, [index, "min"], question.min, "integer", "min");
      const max =
        question.max === undefined
          ? undefined
          : checkNumber(findings, [index, "max"], question.max, "integer", "max");
      if (min !== undefined && min < 0)
        findings.error([index, "min"], "invalid_count", "min is a number of files and cannot be negative");
      if (max !== undefined && max < 1)
        findings.error([index, "max"], "invalid_count", "max is a number of files and must be at least 1");
      if (min !== undefined && max !== undefined && min > max)
        findings.error([index, "max"], "min_above_max", `min ${min} is above max ${max}`);
      break;
    }
    case "information":
      for (const problem of checkInformationHtml(question.text))
        findings.error([index, "text"], problem.code, problem.message);
      if (question.question !== undefined)
        findings.warning(
          [index, "question"],
          "field_ignored",
          "information items show text; question is ignored",
        );
      break;
    case "pagebreak":
      if (question.question !== undefined)
        findings.warning(
          [index, "question"],
          "field_ignored",
          "pagebreak items show nothing; question is ignored",
        );
      break;
    default:
      break;
  }
  if (
    isAskingQuestion(question) &&
    (CONTACT_QUESTION.test(question.question) || /^(?:e-?mail|phone|name|full_?name)$/i.test(question.id))
  ) {
    findings.warning(
      [index, "question"],
      "asks_collected_contact",
      "This seems to ask for a name, e-mail or phone, which Indeed Apply already collects; drop it (use resumefieldsrequired for phone)",
    );
  }
}

function checkLimit(findings: FindingList, limit: unknown, path: (string | number)[]): void {
  if (limit === undefined) return;
  const value = checkNumber(findings, path, limit, "integer", "limit");
  if (value !== undefined && value < 1)
    findings.error(path, "invalid_limit", "limit is a number of characters and must be a positive integer");
}
