import type { IndeedApplication, IndeedFile } from "./application-payload";
import { compareDays, compileDateFormat } from "./date-format";
import { type Finding, FindingList } from "./finding";
import { isAskingQuestion, readScreeningQuestion, type ScreeningQuestion } from "./screening-question";

/*
 * Screening answers arrive in two formats (seed 004_7a98198eda9710f9.txt, "JSON postの例"): the legacy
 * `questions` {questions[], answers[{id, value | values}]} and the current `questionsAndAnswers`
 * [{question, answer}], where a select's answer is {label, value}, a multiselect's a list of them, a
 * text's a string, a file's {contentType, data, fileName}, and an unanswered optional question "".
 * Both are read into one shape; the current format wins when both are present.
 */

/** One answer, whatever the format it came in. */
export interface IndeedAnswer {
  /** The id of the question answered. */
  questionId: string;
  /** The question as posted beside the answer, when it could be read. */
  question: ScreeningQuestion | undefined;
  /** Chosen option values, or the text typed, as strings; `[]` when unanswered. */
  values: string[];
  /** Labels of the chosen options, when the format gives them. */
  labels: string[] | undefined;
  /** Files uploaded to a file question (base64 still encoded). */
  files: IndeedFile[];
  /** Where the answer is in the payload, e.g. `["questionsAndAnswers", "questionsAndAnswers", 2, "answer"]`. */
  segments: (string | number)[];
}

/** The screening part of an application, normalised. */
export interface IndeedAnswers {
  /** Which format the answers were read from. */
  format: "questionsAndAnswers" | "questions" | "none";
  /** The questions URL Indeed fetched, and when. */
  url: string;
  /** When Indeed fetched the questions (epoch ms), if it says. */
  retrievedOnMillis: number | null;
  /** The question set as Indeed showed it (questions that could not be read are left out, with a finding). */
  questions: ScreeningQuestion[];
  /** One per answered or unanswered question, in the posted order. */
  answers: IndeedAnswer[];
  /** Problems reading the answers (an unreadable question, an answer without id). */
  findings: Finding[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function isFile(value: Record<string, unknown>): boolean {
  return typeof value.data === "string" || typeof value.fileName === "string";
}

function collectValue(raw: unknown, into: { values: string[]; labels: string[]; files: IndeedFile[] }): void {
  if (raw === undefined || raw === null || raw === "") return;
  if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") {
    into.values.push(String(raw));
  } else if (Array.isArray(raw)) {
    for (const item of raw) collectValue(item, into);
  } else if (isRecord(raw)) {
    if (isFile(raw)) {
      const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : "");
      into.files.push({
        id: text("id"),
        fileName: text("fileName"),
        contentType: text("contentType"),
        data: text("data"),
      });
    } else if ("value" in raw) {
      const value = raw.value;
      if (value !== undefined && value !== null && value !== "") into.values.push(String(value));
      if (typeof raw.label === "string") into.labels.push(raw.label);
    }
  }
}

function toAnswer(
  questionId: string,
  question: ScreeningQuestion | undefined,
  raw: unknown,
  segments: (string | number)[],
): IndeedAnswer {
  const into = { values: [] as string[], labels: [] as string[], files: [] as IndeedFile[] };
  collectValue(raw, into);
  return {
    questionId,
    question,
    values: into.values,
    labels: into.labels.length > 0 ? into.labels : undefined,
    files: into.files,
    segments,
  };
}

function readQuestion(
  raw: unknown,
  segments: (string | number)[],
  findings: FindingList,
): ScreeningQuestion | undefined {
  const question = readScreeningQuestion(raw);
  if (question !== undefined) return question;
  const id = isRecord(raw) && typeof raw.id === "string" ? raw.id : "?";
  findings.warning(
    segments,
    "unreadable_question",
    `Question "${id}" as posted does not match any screening-question type; its answer is kept unchecked`,
  );
  return undefined;
}

/** Reads the screening answers of an application in whichever format it carries. */
export function readIndeedAnswers(application: IndeedApplication): IndeedAnswers {
  const findings = new FindingList();
  const current = application.questionsAndAnswers;
  if (current !== null && current.questionsAndAnswers.length > 0) {
    const questions: ScreeningQuestion[] = [];
    const answers: IndeedAnswer[] = [];
    current.questionsAndAnswers.forEach((pair, index) => {
      const base = ["questionsAndAnswers", "questionsAndAnswers", index];
      if (!isRecord(pair)) {
        findings.warning(base, "unreadable_answer", "Expected {question, answer}");
        return;
      }
      const question = readQuestion(pair.question, [...base, "question"], findings);
      if (question !== undefined) questions.push(question);
      const id =
        question?.id ??
        (isRecord(pair.question) && typeof pair.question.id === "string" ? pair.question.id : "");
      if (id === "") {
        findings.warning(base, "unreadable_answer", "The answer's question has no id");
        return;
      }
      if (question !== undefined && !isAskingQuestion(question)) return;
      answers.push(toAnswer(id, question, pair.answer, [...base, "answer"]));
    });
    return {
      format: "questionsAndAnswers",
      url: current.url,
      retrievedOnMillis: current.retrievedOnMillis,
      questions,
      answers,
      findings: findings.items,
    };
  }
  const legacy = application.questions;
  if (legacy !== null && (legacy.questions.length > 0 || legacy.answers.length > 0)) {
    const questions: ScreeningQuestion[] = [];
    legacy.questions.forEach((raw, index) => {
      const question = readQuestion(raw, ["questions", "questions", index], findings);
      if (question !== undefined) questions.push(question);
    });
    const byId = new Map(questions.map((question) => [question.id, question]));
    const answers: IndeedAnswer[] = [];
    legacy.answers.forEach((raw, index) => {
      const segments = ["questions", "answers", index];
      if (
        !isRecord(raw) ||
        (typeof raw.id !== "string" && typeof raw.id !== "number") ||
        String(raw.id) === ""
      ) {
        findings.warning(segments, "unreadable_answer", "Expected {id, value} or {id, values}");
        return;
      }
      const id = String(raw.id);
      answers.push(toAnswer(id, byId.get(id), "values" in raw ? raw.values : raw.value, segments));
    });
    return {
      format: "questions",
      url: legacy.url,
      retrievedOnMillis: legacy.retrievedOnMillis,
      questions,
      answers,
      findings: findings.items,
    };
  }
  return {
    format: "none",
    url: "",
    retrievedOnMillis: null,
    questions: [],
    answers: [],
    findings: findings.items,
  };
}

const NUMBER_FORMATS: Record<string, RegExp> = {
  integer: /^-?\d+$/,
  decimal: /^-?\d+(?:\.\d+)?$/,
  numeric_text: /^\d+$/,
};

/**
 * Checks answers against the question set: required questions answered (a hidden conditional
 * question may stay unanswered), text formats and limits, dates under their format and bounds,
 * chosen values among the options (following hierarchical levels), and file counts. Findings carry
 * the answer's path in the payload; the intake stores them as flags, never as a refusal.
 */
export function checkAnswers(
  questions: readonly ScreeningQuestion[],
  answers: readonly IndeedAnswer[],
): Finding[] {
  const findings = new FindingList();
  const answerOf = new Map(answers.map((answer) => [answer.questionId, answer]));
  const questionOf = new Map(questions.map((question) => [question.id, question]));
  // A condition may point at a level of a hierarchical question: its value is then among that question's values.
  const levelOwner = new Map<string, string>();
  for (const question of questions) {
    if (question.type === "hierarchical")
      for (const level of question.hierarchicalOptions) levelOwner.set(level.id, question.id);
  }

  const isVisible = (question: ScreeningQuestion, depth = 0): boolean => {
    if (question.condition === undefined) return true;
    if (depth > questions.length) return false;
    const parentId = question.condition.id;
    const ownerId = levelOwner.get(parentId) ?? parentId;
    const parent = questionOf.get(ownerId);
    if (parent !== undefined && !isVisible(parent, depth + 1)) return false;
    return answerOf.get(ownerId)?.values.includes(question.condition.value) ?? false;
  };

  for (const question of questions) {
    if (!isAskingQuestion(question)) continue;
    const answer = answerOf.get(question.id);
    const answered = answer !== undefined && (answer.values.length > 0 || answer.files.length > 0);
    const visible = isVisible(question);
    const at = answer?.segments ?? [];
    if (!answered) {
      if (question.required === true && visible) {
        findings.error(at, "answer_required_missing", `Required question "${question.id}" was not answered`);
      }
      continue;
    }
    if (!visible) {
      findings.warning(
        at,
        "answer_to_hidden_question",
        `"${question.id}" was answered although its condition (${question.condition?.id} = ${question.condition?.value}) does not hold`,
      );
    }
    checkOneAnswer(findings, question, answer, at);
  }
  for (const answer of answers) {
    if (!questionOf.has(answer.questionId)) {
      findings.warning(
        answer.segments,
        "answer_to_unknown_question",
        `Answer to "${answer.questionId}", which is not in the question set`,
      );
    }
  }
  return findings.items;
}

function checkOneAnswer(
  findings: FindingList,
  question: ScreeningQuestion,
  answer: IndeedAnswer,
  at: (string | number)[],
): void {
  const single = answer.values.join(", ");
  const tooMany = () =>
    findings.error(at, "answer_not_single", `"${question.id}" takes one answer; got ${answer.values.length}`);
  switch (question.type) {
    case "text":
    case "textarea": {
      if (answer.values.length > 1) tooMany();
      const limit = question.limit === undefined ? undefined : Number(question.limit);
      if (limit !== undefined && Number.isInteger(limit) && [...single].length > limit) {
        findings.error(
          at,
          "answer_too_long",
          `"${question.id}" allows ${limit} characters; the answer has ${[...single].length}`,
        );
      }
      if (question.type === "text" && question.format !== undefined && question.format in NUMBER_FORMATS) {
        if (!NUMBER_FORMATS[question.format]!.test(single.trim())) {
          findings.error(
            at,
            "answer_invalid_number",
            `"${question.id}" expects ${question.format}; got "${single}"`,
          );
        } else if (question.format !== "numeric_text") {
          const value = Number(single);
          const min = question.min === undefined ? undefined : Number(question.min);
          const max = question.max === undefined ? undefined : Number(question.max);
          if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
            findings.error(
              at,
              "answer_out_of_range",
              `"${question.id}" expects ${min ?? "…"}–${max ?? "…"}; got ${value}`,
            );
          }
        }
      }
      break;
    }
    case "date": {
      if (answer.values.length > 1) tooMany();
      const format = compileDateFormat(question.format);
      const day = format.parse(single);
      if (day === undefined) {
        findings.error(
          at,
          "answer_invalid_date",
          `"${question.id}" expects a date as ${question.format}; got "${single}"`,
        );
        break;
      }
      const min = question.min === undefined ? undefined : format.parse(question.min);
      const max = question.max === undefined ? undefined : format.parse(question.max);
      if (
        (min !== undefined && compareDays(day, min) < 0) ||
        (max !== undefined && compareDays(day, max) > 0)
      ) {
        findings.error(
          at,
          "answer_out_of_range",
          `"${question.id}" expects a date between ${question.min ?? "…"} and ${question.max ?? "…"}; got ${single}`,
        );
      }
      break;
    }
    case "select":
    case "multiselect": {
      if (question.type === "select" && answer.values.length > 1) tooMany();
      const allowed = new Set(question.options.map((option) => option.value));
      for (const value of answer.values) {
        if (!allowed.has(value))
          findings.error(at, "answer_not_an_option", `"${value}" is not an option of "${question.id}"`);
      }
      break;
    }
    case "hierarchical": {
      let options = question.options;
      let parentId = question.id;
      answer.values.forEach((value, depth) => {
        if (depth > 0) {
          const previous = answer.values[depth - 1];
          const level = question.hierarchicalOptions.find(
            (l) => l.condition.id === parentId && l.condition.value === previous,
          );
          if (level === undefined) {
            findings.error(
              at,
              "answer_not_an_option",
              `"${question.id}" has no level below "${previous}"; got extra value "${value}"`,
            );
            return;
          }
          options = level.options;
          parentId = level.id;
        }
        if (!options.some((option) => option.value === value))
          findings.error(
            at,
            "answer_not_an_option",
            `"${value}" is not an option of "${question.id}" at level ${depth + 1}`,
          );
      });
      break;
    }
    case "file": {
      const count = answer.files.length;
      const min = question.min === undefined ? undefined : Number(question.min);
      const max = question.max === undefined ? undefined : Number(question.max);
      if ((min !== undefined && count < min) || (max !== undefined && count > max)) {
        findings.error(
          at,
          "answer_file_count",
          `"${question.id}" takes ${min ?? 0}–${max ?? "any"} files; got ${count}`,
        );
      }
      break;
    }
    default:
      break;
  }
}
