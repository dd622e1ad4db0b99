import { z } from "zod";

/*
 * Screening questions as Indeed Apply reads them (SPEC §2; seed 004_7a98198eda9710f9.txt,
 * "スクリーニング用の質問項目のためのJSON" and "…の種類"). Objects are loose: Indeed echoes questions
 * back with extra keys (every posted question carries `options: []` and `hierarchicalOptions: []`,
 * the seed's information example has `fontsize`), and an unknown key is no reason to lose a question.
 * Numbers arrive as strings in the seed (`"min": "16"`, `"limit": "300"`), so both are accepted; the
 * set validator checks what they contain.
 */

/** A number written as Indeed's examples write it: a JSON number or a string of digits. */
const NumberLikeSchema = z.union([z.string(), z.number()]);

/** One choice of a select, multiselect or hierarchical question. */
export const QuestionOptionSchema = z.looseObject({
  /** Sent back in the application as the answer. */
  value: z.union([z.string(), z.number()]).transform(String),
  /** Shown to the applicant. */
  label: z.string(),
});
/** See {@link QuestionOptionSchema}. */
export type QuestionOption = z.infer<typeof QuestionOptionSchema>;

/** Show a question only when an earlier select (or hierarchical level) was answered with `value`. */
export const QuestionConditionSchema = z.looseObject({
  id: z.string().min(1),
  /** The seed writes both `"value": "0"` and `"value": 0`; compared as strings. */
  value: z.union([z.string(), z.number()]).transform(String),
});
/** See {@link QuestionConditionSchema}. */
export type QuestionCondition = z.infer<typeof QuestionConditionSchema>;

/** A further level of a hierarchical question, shown when its `condition` holds. */
export const HierarchicalOptionSchema = z.looseObject({
  id: z.string().min(1),
  options: z.array(QuestionOptionSchema).min(1),
  condition: QuestionConditionSchema,
});
/** See {@link HierarchicalOptionSchema}. */
export type HierarchicalOption = z.infer<typeof HierarchicalOptionSchema>;

const base = {
  /** Unique within the question set. */
  id: z.string().min(1, "id must not be empty"),
  required: z.boolean().optional(),
  condition: QuestionConditionSchema.optional(),
};
const asked = { ...base, question: z.string().min(1, "question must not be empty") };

/** Single-line text; `format` `integer`, `decimal`, `numeric_text` or a CLDR pattern. */
export const TextQuestionSchema = z.looseObject({
  ...asked,
  type: z.literal("text"),
  format: z.string().optional(),
  limit: NumberLikeSchema.optional(),
  min: NumberLikeSchema.optional(),
  max: NumberLikeSchema.optional(),
});
/** Multi-line text. */
export const TextareaQuestionSchema = z.looseObject({
  ...asked,
  type: z.literal("textarea"),
  limit: NumberLikeSchema.optional(),
});
/** One choice from `options` (radio buttons up to 6 options, a drop-down from 7). */
export const SelectQuestionSchema = z.looseObject({
  ...asked,
  type: z.literal("select"),
  options: z.array(QuestionOptionSchema).min(1, "a select question needs at least one option"),
});
/** Any number of choices from `options`. */
export const MultiselectQuestionSchema = z.looseObject({
  ...asked,
  type: z.literal("multiselect"),
  options: z.array(QuestionOptionSchema).min(1, "a multiselect question needs at least one option"),
});
/** A select whose further levels (at most 3 in all) depend on the choice above. */
export const HierarchicalQuestionSchema = z.looseObject({
  ...asked,
  type: z.literal("hierarchical"),
  options: z.array(QuestionOptionSchema).min(1, "a hierarchical question needs at least one option"),
  hierarchicalOptions: z.array(HierarchicalOptionSchema).default([]),
});
/** A date in `format` (SimpleDateFormat: `MM` month, `yyyy` year), between `min` and `max`. */
export const DateQuestionSchema = z.looseObject({
  ...asked,
  type: z.literal("date"),
  format: z
    .string({ error: "a date question needs a format, e.g. dd/MM/yyyy" })
    .min(1, "format must not be empty"),
  min: z.string().optional(),
  max: z.string().optional(),
});
/** One or more uploaded files (`min`/`max` count them). Not for resumes. */
export const FileQuestionSchema = z.looseObject({
  ...asked,
  type: z.literal("file"),
  min: NumberLikeSchema.optional(),
  max: NumberLikeSchema.optional(),
});
/** Text shown without asking anything; HTML limited to `b p br li ul ol a`. */
export const InformationQuestionSchema = z.looseObject({
  ...base,
  type: z.literal("information"),
  text: z.string().min(1, "an information item needs text"),
  question: z.string().optional(),
});
/** Ends a page: every item between two pagebreaks is shown on one page. */
export const PagebreakQuestionSchema = z.looseObject({
  ...base,
  type: z.literal("pagebreak"),
  question: z.string().optional(),
});

/** The nine question types Indeed Apply knows. */
export const SCREENING_QUESTION_TYPES = [
  "text",
  "textarea",
  "select",
  "multiselect",
  "hierarchical",
  "date",
  "file",
  "information",
  "pagebreak",
] as const;
/** One of {@link SCREENING_QUESTION_TYPES}. */
export type ScreeningQuestionType = (typeof SCREENING_QUESTION_TYPES)[number];

/** One screening question: a discriminated union on `type` over the nine types. */
export const ScreeningQuestionSchema = z.discriminatedUnion("type", [
  TextQuestionSchema,
  TextareaQuestionSchema,
  SelectQuestionSchema,
  MultiselectQuestionSchema,
  HierarchicalQuestionSchema,
  DateQuestionSchema,
  FileQuestionSchema,
  InformationQuestionSchema,
  PagebreakQuestionSchema,
]);
/** See {@link ScreeningQuestionSchema}. */
export type ScreeningQuestion = z.infer<typeof ScreeningQuestionSchema>;
/** The input shape of {@link ScreeningQuestionSchema} (what a questions URL serves). */
export type ScreeningQuestionInput = z.input<typeof ScreeningQuestionSchema>;

/** A question set: the JSON array a questions URL serves. */
export const ScreeningQuestionSetSchema = z.array(ScreeningQuestionSchema);
/** See {@link ScreeningQuestionSetSchema}. */
export type ScreeningQuestionSet = z.infer<typeof ScreeningQuestionSetSchema>;

/** A question that offers options (select, multiselect, hierarchical). */
export type ChoiceQuestion = Extract<ScreeningQuestion, { type: "select" | "multiselect" | "hierarchical" }>;

/** True for the question types whose answers are chosen from `options`. */
export function isChoiceQuestion(question: ScreeningQuestion): question is ChoiceQuestion {
  return question.type === "select" || question.type === "multiselect" || question.type === "hierarchical";
}

/** True for items that ask something (everything but `information` and `pagebreak`). */
export function isAskingQuestion(
  question: ScreeningQuestion,
): question is Exclude<ScreeningQuestion, { type: "information" | "pagebreak" }> {
  return question.type !== "information" && question.type !== "pagebreak";
}

const QUESTION_TYPES = new Set<string>(SCREENING_QUESTION_TYPES);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isNumberLike = (value: unknown) => value === undefined || typeof value === "string" || isNumber(value);
const isOptionalString = (value: unknown) => value === undefined || typeof value === "string";
const isNonEmptyString = (value: unknown): value is string => typeof value === "string" && value.length > 0;

function readChoice(value: unknown): QuestionOption | undefined {
  if (!isPlainObject(value) || typeof value.label !== "string") return undefined;
  if (typeof value.value !== "string" && !isNumber(value.value)) return undefined;
  return { ...value, value: String(value.value), label: value.label };
}

function readChoices(value: unknown): QuestionOption[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const out: QuestionOption[] = [];
  for (const item of value) {
    const option = readChoice(item);
    if (option === undefined) return undefined;
    out.push(option);
  }
  return out;
}

function readCondition(value: unknown): QuestionCondition | undefined {
  if (!isPlainObject(value) || !isNonEmptyString(value.id)) return undefined;
  if (typeof value.value !== "string" && !isNumber(value.value)) return undefined;
  return { ...value, id: value.id, value: String(value.value) };
}

/**
 * Reads one screening question as {@link ScreeningQuestionSchema} does — the same result when the
 * schema accepts it, `undefined` when it does not (a property test holds the two equal) — with
 * plain code, because every posted application carries its whole question set and the intake reads
 * it on each post.
 */
export function readScreeningQuestion(value: unknown): ScreeningQuestion | undefined {
  if (!isPlainObject(value) || typeof value.type !== "string" || !QUESTION_TYPES.has(value.type))
    return undefined;
  if (!isNonEmptyString(value.id)) return undefined;
  if (value.required !== undefined && typeof value.required !== "boolean") return undefined;
  const out: Record<string, unknown> = { ...value };
  if (value.condition !== undefined) {
    const condition = readCondition(value.condition);
    if (condition === undefined) return undefined;
    out.condition = condition;
  }
  const type = value.type as ScreeningQuestionType;
  if (type !== "information" && type !== "pagebreak" && !isNonEmptyString(value.question)) return undefined;
  switch (type) {
    case "text":
      if (
        !isOptionalString(value.format) ||
        !isNumberLike(value.limit) ||
        !isNumberLike(value.min) ||
        !isNumberLike(value.max)
      )
        return undefined;
      break;
    case "textarea":
      if (!isNumberLike(value.limit)) return undefined;
      break;
    case "select":
    case "multiselect":
    case "hierarchical": {
      const options = readChoices(value.options);
      if (options === undefined) return undefined;
      out.options = options;
      if (type === "hierarchical") {
        const levels: HierarchicalOption[] = [];
        if (value.hierarchicalOptions !== undefined) {
          if (!Array.isArray(value.hierarchicalOptions)) return undefined;
          for (const level of value.hierarchicalOptions) {
            if (!isPlainObject(level) || !isNonEmptyString(level.id)) return undefined;
            const levelOptions = readChoices(level.options);
            const condition = readCondition(level.condition);
            if (levelOptions === undefined || condition === undefined) return undefined;
            levels.push({ ...level, id: level.id, options: levelOptions, condition });
          }
        }
        out.hierarchicalOptions = levels;
      }
      break;
    }
    case "date":
      if (!isNonEmptyString(value.format) || !isOptionalString(value.min) || !isOptionalString(value.max))
        return undefined;
      break;
    case "file":
      if (!isNumberLike(value.min) || !isNumberLike(value.max)) return undefined;
      break;
    case "information":
      if (!isNonEmptyString(value.text) || !isOptionalString(value.question)) return undefined;
      break;
    case "pagebreak":
      if (!isOptionalString(value.question)) return undefined;
      break;
  }
  return out as ScreeningQuestion;
}
