/**
 * One applicant as a board robot or CSV export delivered it, before mapping: the shape every
 * scout detector and mapper reads. Robots fill what their board shows; CSV sources fill `fields`.
 */
export interface BoardRecord {
  /** The board's id of the application or applicant; `null` when the export has none (reported, never imported). */
  externalId: string | null;
  /** CSV cells or scraped fields by column/label name (e.g. `エントリー経路`, `応募区分`, `応募日`). */
  fields: Readonly<Record<string, string>>;
  /**
   * The CSV header, the same array for every row of a file: with it the columns are resolved
   * once per file instead of once per row. Robots leave it out.
   */
  header?: readonly string[];
  /** Tags shown in the applicant's list row (Wantedly 候補者, ジョブメドレー 選考中, カイゴジョブ 応募者管理). */
  tags?: readonly string[];
  /** The status text of the row (Green アプローチ管理 ステータス). */
  statusText?: string;
  /** Text of the entry detail page (Forkwell shows いいね! or スカウト there). */
  detailText?: string;
  /** YOUTRUST: the entry is the candidate's first reply to a scout. */
  isFirstScoutReply?: boolean;
  /** 1-based line in the source file, for CSV sources. */
  line?: number;
  /** The record exactly as received (CSV row cells, robot payload), kept for audit. */
  raw: unknown;
}
