/**
 * `@org/indeed-apply`: Indeed Apply for ATSs — screening questions, application intake with
 * `X-Indeed-Signature` verification, and the e-mail encryption of `indeed-apply-email`.
 *
 * @packageDocumentation
 */

export {
  type CalendarDay,
  checkDateFormat,
  compileDateFormat,
  type DateFormat,
  type DateFormatProblem,
} from "./date-format";
export { decryptIndeedApplyEmail, encryptIndeedApplyEmail } from "./email-crypto";
export type { Finding } from "./finding";
export { checkInformationHtml, type InformationHtmlProblem } from "./information-html";
export { toJsonPath } from "./json-path";
export {
  type BuildOptions,
  type ChoiceInput,
  type HierarchyLevelInput,
  type QuestionOptions,
  QuestionSetBuilder,
} from "./question-set-builder";
export {
  MAX_HIERARCHY_LEVELS,
  MAX_QUESTION_SET_BYTES,
  MAX_QUESTIONS,
  MAX_QUESTIONS_PER_PAGE,
  parseQuestionSet,
  type QuestionSetReport,
  RECOMMENDED_MAX_QUESTIONS,
  validateQuestionSet,
} from "./question-set-validator";
export { type QuestionsUrlOptions, questionsUrl, serialiseQuestionSet } from "./questions-url";
export {
  type ChoiceQuestion,
  DateQuestionSchema,
  FileQuestionSchema,
  type HierarchicalOption,
  HierarchicalOptionSchema,
  HierarchicalQuestionSchema,
  InformationQuestionSchema,
  isAskingQuestion,
  isChoiceQuestion,
  MultiselectQuestionSchema,
  PagebreakQuestionSchema,
  type QuestionCondition,
  QuestionConditionSchema,
  type QuestionOption,
  QuestionOptionSchema,
  SCREENING_QUESTION_TYPES,
  type ScreeningQuestion,
  type ScreeningQuestionInput,
  ScreeningQuestionSchema,
  type ScreeningQuestionSet,
  ScreeningQuestionSetSchema,
  type ScreeningQuestionType,
  SelectQuestionSchema,
  TextareaQuestionSchema,
  TextQuestionSchema,
} from "./screening-question";
export {
  createIndeedSignatureVerifier,
  INDEED_SIGNATURE_HEADER,
  type IndeedSignatureVerifier,
} from "./signature";
