/**
 * `@org/robo-import`: scheduled applicant imports from Japanese job boards — the board registry,
 * scout detection, CSV and push sources, the import pipeline with checkpoints and run reports,
 * schedules on an in-process or BullMQ/Redis backend, and MyNavi new-graduate (MIWS) specifics.
 * The SDK supplies everything around the fetching, and the `BoardSource` port an ATS plugs its
 * board robots into.
 *
 * @packageDocumentation
 */
export type { BoardRecord } from "./board-record";
export type { BoardAccount, BoardSource, FetchRequest, FetchWindow, SourceItem } from "./board-source";
export {
  type ApplicantColumn,
  BOARD_IDS,
  BOARDS,
  type BoardDefinition,
  type BoardId,
  type ColumnAliases,
  getBoard,
  isBoardId,
  withColumns,
} from "./boards";
export { BullMqImportScheduler, type BullMqSchedulerOptions } from "./bullmq-scheduler";
export { type CheckpointStore, InMemoryCheckpointStore } from "./checkpoints";
export {
  type MappedRecord,
  mapRecord,
  parseJapanDateTime,
  REQUIRED_COLUMNS,
  type ResolvedColumns,
  resolveColumns,
} from "./column-mapping";
export { CsvBoardSource, type CsvBoardSourceOptions } from "./csv-source";
export {
  errorsOf,
  type ImportedHook,
  ImportPipeline,
  type ImportPipelineOptions,
  type ImportSink,
  type LoginCheck,
} from "./import-pipeline";
export { InProcessImportScheduler, type InProcessSchedulerOptions } from "./in-process-scheduler";
export { MIWS_IMPORTED_FLOWS, miwsGraduationLabel, miwsSelectionFlowAllows } from "./miws-filter";
export {
  type ImportedCandidateStore,
  InMemoryImportedCandidateStore,
  InMemoryReservationStore,
  type MiwsReservation,
  type MiwsReservationSource,
  type ReservationStore,
  type ReservationSyncDeps,
  type ReservationSyncReport,
  rememberImportedCandidates,
  syncMiwsReservations,
} from "./miws-reservations";
export {
  InMemorySeminarMappingStore,
  parseSeminarMapping,
  type SeminarMapping,
  type SeminarMappingStore,
} from "./miws-seminar-mapping";
export {
  type Mailer,
  type OutgoingEmail,
  type Recipients,
  RecipientsSchema,
  ReportNotifier,
} from "./notifications";
export {
  type AccountOutcome,
  formatRunReport,
  hasErrors,
  type RouteCounts,
  type RunError,
  type RunReport,
  totals,
} from "./run-report";
export {
  type ImportSchedule,
  ImportScheduleSchema,
  latestDueSlot,
  localDate,
  parseImportSchedule,
  type SlotOccurrence,
  safeParseImportSchedule,
  slotCron,
  slotKey,
  zonedInstant,
} from "./schedule";
export type { RunSlot, ScheduledRun, TenantSchedule } from "./scheduled-run";
export { detectScout, SCOUT_DETECTORS, type ScoutDetector } from "./scout";
export { InMemorySlotLedger, type SlotLedger } from "./slot-ledger";
export { decodeText, detectEncoding, type EncodingChoice, type TextEncodingName } from "./text-decoding";
export {
  type PushResponse,
  type YoutrustPush,
  type YoutrustPushOptions,
  YoutrustPushReceiver,
  YoutrustPushSchema,
  youtrustRecord,
} from "./youtrust-push";
