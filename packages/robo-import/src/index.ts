/**
 * `@org/robo-import`: scheduled applicant imports from Japanese job boards.
 *
 * @packageDocumentation
 */
export type { BoardRecord } from "./board-record";
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
export { detectScout, SCOUT_DETECTORS, type ScoutDetector } from "./scout";
