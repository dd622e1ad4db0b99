import { parseQuestionSet } from "./question-set-validator";
import type { QuestionCondition, ScreeningQuestion, ScreeningQuestionInput } from "./screening-question";

/** Options every asking question takes. */
export interface QuestionOptions {
  /** The applicant cannot go on without answering. */
  required?: boolean;
  /** Show only when an earlier select (or hierarchical level) has this value. */
  condition?: { id: string; value: string };
}

/** A choice as `[value, label]` or `{ value, label }`. */
export type ChoiceInput = readonly [value: string, label: string] | { value: string; label: string };

/** One level of a hierarchical question: shown when `parent` (the question or a level) has `parentValue`. */
export interface HierarchyLevelInput {
  /** Unique in the whole set. */
  id: string;
  /** The question's id (level 2) or a level's id (level 3). */
  parent: string;
  /** The parent's option value that shows this level. */
  parentValue: string;
  /** The options of this level. */
  choices: readonly ChoiceInput[];
}

/** Options of {@link QuestionSetBuilder.build}. */
export interface BuildOptions {
  /**
   * Insert a pagebreak after this many items when the set has none of its own. Indeed otherwise
   * inserts its own breaks, which can split related questions (seed: "デフォルトのページ区切りが挿入").
   * Default 10 (Indeed shows at most 10 per page); `false` to leave paging to Indeed.
   */
  autoPagebreakEvery?: number | false;
}

const toOption = (choice: ChoiceInput) =>
  Array.isArray(choice)
    ? { value: choice[0], label: choice[1] }
    : { ...(choice as { value: string; label: string }) };

/**
 * Builds a screening-question set from an ATS's own form definitions, one typed call per item,
 * and checks the result against Indeed's rules on {@link QuestionSetBuilder.build}.
 *
 * @example
 * const questions = new QuestionSetBuilder()
 *   .select("licence", "普通自動車免許をお持ちですか?", [["1", "はい"], ["0", "いいえ"]], { required: true })
 *   .date("licence_date", "取得日", "yyyy/MM/dd", { condition: { id: "licence", value: "1" } })
 *   .build();
 */
export class QuestionSetBuilder {
  private readonly items: ScreeningQuestionInput[] = [];

  private push(item: ScreeningQuestionInput): this {
    this.items.push(item);
    return this;
  }

  private asked(options: QuestionOptions): { required?: boolean; condition?: QuestionCondition } {
    const out: { required?: boolean; condition?: QuestionCondition } = {};
    if (options.required !== undefined) out.required = options.required;
    if (options.condition !== undefined) out.condition = { ...options.condition };
    return out;
  }

  /** Single-line text, optionally `integer` / `decimal` / `numeric_text` with bounds and a character limit. */
  text(
    id: string,
    question: string,
    options: QuestionOptions & {
      format?: "integer" | "decimal" | "numeric_text" | (string & {});
      limit?: number;
      min?: number;
      max?: number;
    } = {},
  ): this {
    const item: ScreeningQuestionInput = { id, type: "text", question, ...this.asked(options) };
    // Indeed's own examples write numbers as strings ("min": "16"); plain digits, no separators.
    if (options.format !== undefined) item.format = options.format;
    if (options.limit !== undefined) item.limit = String(options.limit);
    if (options.min !== undefined) item.min = String(options.min);
    if (options.max !== undefined) item.max = String(options.max);
    return this.push(item);
  }

  /** Multi-line text with an optional character limit. */
  textarea(id: string, question: string, options: QuestionOptions & { limit?: number } = {}): this {
    const item: ScreeningQuestionInput = { id, type: "textarea", question, ...this.asked(options) };
    if (options.limit !== undefined) item.limit = String(options.limit);
    return this.push(item);
  }

  /** One choice. */
  select(id: string, question: string, choices: readonly ChoiceInput[], options: QuestionOptions = {}): this {
    return this.push({
      id,
      type: "select",
      question,
      options: choices.map(toOption),
      ...this.asked(options),
    });
  }

  /** Any number of choices. */
  multiselect(
    id: string,
    question: string,
    choices: readonly ChoiceInput[],
    options: QuestionOptions = {},
  ): this {
    return this.push({
      id,
      type: "multiselect",
      question,
      options: choices.map(toOption),
      ...this.asked(options),
    });
  }

  /** A choice with up to two further levels depending on it. */
  hierarchical(
    id: string,
    question: string,
    choices: readonly ChoiceInput[],
    levels: readonly HierarchyLevelInput[],
    options: QuestionOptions = {},
  ): this {
    return this.push({
      id,
      type: "hierarchical",
      question,
      options: choices.map(toOption),
      hierarchicalOptions: levels.map((level) => ({
        id: level.id,
        options: level.choices.map(toOption),
        condition: { id: level.parent, value: level.parentValue },
      })),
      ...this.asked(options),
    });
  }

  /** A date in `format` (SimpleDateFormat: `MM` month, `yyyy` year), with bounds written in that format. */
  date(
    id: string,
    question: string,
    format: string,
    options: QuestionOptions & { min?: string; max?: string } = {},
  ): this {
    const item: ScreeningQuestionInput = { id, type: "date", question, format, ...this.asked(options) };
    if (options.min !== undefined) item.min = options.min;
    if (options.max !== undefined) item.max = options.max;
    return this.push(item);
  }

  /** File upload(s), not for resumes; `min`/`max` count files. */
  file(id: string, question: string, options: QuestionOptions & { min?: number; max?: number } = {}): this {
    const item: ScreeningQuestionInput = { id, type: "file", question, ...this.asked(options) };
    if (options.min !== undefined) item.min = String(options.min);
    if (options.max !== undefined) item.max = String(options.max);
    return this.push(item);
  }

  /** Text shown without a question (HTML limited to b p br li ul ol a). */
  information(id: string, html: string, options: Pick<QuestionOptions, "condition"> = {}): this {
    return this.push({ id, type: "information", text: html, ...this.asked(options) });
  }

  /** Ends a page. Ids are generated when omitted. */
  pagebreak(id = `pagebreak_${this.items.length}`): this {
    return this.push({ id, type: "pagebreak" });
  }

  /**
   * The question set, checked: throws a `ValidationError` listing every rule it breaks (with paths
   * into the returned array), so a broken set never reaches Indeed.
   */
  build(options: BuildOptions = {}): ScreeningQuestion[] {
    const every = options.autoPagebreakEvery ?? 10;
    let items = this.items.map((item) => structuredClone(item));
    if (
      every !== false &&
      every > 0 &&
      !items.some((item) => item.type === "pagebreak") &&
      items.length > every
    ) {
      items = items.flatMap((item, index) =>
        (index + 1) % every === 0 && index + 1 < items.length
          ? [item, { id: `pagebreak_auto_${(index + 1) / every}`, type: "pagebreak" as const }]
          : [item],
      );
    }
    return parseQuestionSet(items);
  }
}
