/**
 * `@org/indeed-apply`: Indeed Apply for ATSs — screening questions, application intake with
 * `X-Indeed-Signature` verification, and the e-mail encryption of `indeed-apply-email`.
 *
 * @packageDocumentation
 */

export { type BodySource, PayloadTooLargeError, readBodyWithLimit } from "@org/ats-core";
export { checkAnswers, type IndeedAnswer, type IndeedAnswers, readIndeedAnswers } from "./answers";
export {
  defaultResolveJobId,
  type IndeedApplicationMappingOptions,
  type IntakeFlag,
  MAX_APPLICATION_FILE_BYTES,
  MAX_FILE_BYTES,
  type MappedIndeedApplication,
  mapIndeedApplication,
} from "./application-mapper";
export {
  IndeedAnalyticsSchema,
  IndeedApplicantSchema,
  type IndeedApplication,
  IndeedApplicationSchema,
  type IndeedFile,
  IndeedFileSchema,
  IndeedJobSchema,
  IndeedResumeSchema,
  LegacyQuestionsSchema,
  QuestionsAndAnswersSchema,
  readIndeedApplication,
} from "./application-payload";
export { type Base64Problem, decodeBase64 } from "./base64";
export {
  ANSWER_FILE_EXTENSIONS,
  contentTypeFromFileName,
  fileExtension,
  RESUME_EXTENSIONS,
} from "./content-type";
export {
  type CalendarDay,
  checkDateFormat,
  compileDateFormat,
  type DateFormat,
  type DateFormatProblem,
} from "./date-format";
export { decryptIndeedApplyEmail, encryptIndeedApplyEmail } from "./email-crypto";
export { createIndeedApplyFetchHandler } from "./fetch-handler";
export type { Finding } from "./finding";
export { checkInformationHtml, type InformationHtmlProblem } from "./information-html";
export {
  createIndeedApplyIntake,
  DEFAULT_MAX_BODY_BYTES,
  handleIndeedApplication,
  type IndeedApplicationRequest,
  type IndeedApplicationResponse,
  type IndeedApplyIntake,
  type IndeedApplyIntakeOptions,
  type IndeedIntakeCode,
  type RequestHeaders,
} from "./intake";
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
  readScreeningQuestion,
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
export { parseJsonTolerantly, type TolerantJsonResult } from "./tolerant-json";
