import { ValidationError } from "@org/ats-core";

/**
 * The job boards applicants are imported from (seed 000_10d8d68d599dfcc2.txt lists them; マイナビ新卒
 * comes through MIWS, seed 001_079bb88f64957f98.txt).
 */
export const BOARD_IDS = [
  "wantedly",
  "rikunabi-next",
  "doda",
  "mynavi-tenshoku",
  "en-tenshoku",
  "green",
  "ambi",
  "engage",
  "paiza",
  "forkwell",
  "youtrust",
  "job-medley",
  "kaigo-job",
  "doda-campus",
  "offerbox",
  "iroots",
  "baitoru",
  "mynavi-shinsotsu",
] as const;

/** One of {@link BOARD_IDS}. */
export type BoardId = (typeof BOARD_IDS)[number];

/** The applicant fields a board export is mapped to. */
export type ApplicantColumn =
  | "externalId"
  | "name"
  | "nameReading"
  | "email"
  | "phone"
  | "birthDate"
  | "position"
  | "appliedAt";

/** Header names that may hold each applicant field, in order of preference. */
export type ColumnAliases = Readonly<Record<ApplicantColumn, readonly string[]>>;

/** What the SDK knows about a board. */
export interface BoardDefinition {
  id: BoardId;
  /** Name as the board calls itself, used in route names (`AMBI (スカウト)`). */
  name: string;
  /** Romanised name, for logs and URLs. */
  romanised: string;
  /** Whether a scout can be told from a normal application (SPEC §5); the rest are always 通常応募. */
  scoutDetectable: boolean;
  /** Default region of phone numbers without a country code. */
  phoneRegion: string;
  /** How the board delivers applicants. */
  delivery: "scheduled" | "push";
  /** Header names of its CSV export or robot output per field; configurable, because boards change their exports. */
  columns: ColumnAliases;
  /** Further columns a scout detector or filter reads (e.g. AMBI's `エントリー経路`). */
  signalColumns: readonly string[];
}

// The usual Japanese headers; each board adds its own names first.
const COMMON: ColumnAliases = {
  externalId: ["応募ID", "応募者ID", "エントリーID", "候補者ID", "ID"],
  name: ["氏名", "名前", "応募者名", "候補者名"],
  nameReading: ["フリガナ", "ふりがな", "氏名（カナ）", "氏名カナ", "カナ氏名"],
  email: ["メールアドレス", "E-mail", "Eメール", "メール"],
  phone: ["電話番号", "携帯電話番号", "TEL", "連絡先電話番号"],
  birthDate: ["生年月日", "誕生日"],
  position: ["募集ポジション名", "求人タイトル", "応募求人", "求人名", "職種"],
  appliedAt: ["応募日時", "応募日", "エントリー日時", "エントリー日"],
};

function columns(extra: Partial<Record<ApplicantColumn, readonly string[]>> = {}): ColumnAliases {
  const merged = { ...COMMON };
  for (const [column, names] of Object.entries(extra) as [ApplicantColumn, readonly string[]][]) {
    merged[column] = [...names, ...COMMON[column].filter((name) => !names.includes(name))];
  }
  return merged;
}

function board(
  id: BoardId,
  name: string,
  romanised: string,
  scoutDetectable: boolean,
  options: {
    signalColumns?: readonly string[];
    columns?: Partial<Record<ApplicantColumn, readonly string[]>>;
    delivery?: "scheduled" | "push";
  } = {},
): BoardDefinition {
  return {
    id,
    name,
    romanised,
    scoutDetectable,
    phoneRegion: "JP",
    delivery: options.delivery ?? "scheduled",
    columns: columns(options.columns),
    signalColumns: options.signalColumns ?? [],
  };
}

/** The built-in board registry. */
export const BOARDS: Readonly<Record<BoardId, BoardDefinition>> = Object.freeze({
  wantedly: board("wantedly", "Wantedly", "Wantedly", true),
  "rikunabi-next": board("rikunabi-next", "リクナビNEXT", "Rikunabi NEXT", false),
  doda: board("doda", "doda", "doda", false),
  "mynavi-tenshoku": board("mynavi-tenshoku", "マイナビ転職", "Mynavi Tenshoku", true, {
    signalColumns: ["スカウト種別"],
  }),
  "en-tenshoku": board("en-tenshoku", "エン転職", "en tenshoku", true, {
    signalColumns: ["応募区分"],
    columns: { position: ["応募職種"] },
  }),
  green: board("green", "Green", "Green", true),
  ambi: board("ambi", "AMBI", "AMBI", true, { signalColumns: ["エントリー経路"] }),
  engage: board("engage", "engage", "engage", false),
  paiza: board("paiza", "paiza転職", "paiza tenshoku", true, { signalColumns: ["応募日"] }),
  forkwell: board("forkwell", "Forkwell", "Forkwell", true),
  youtrust: board("youtrust", "YOUTRUST", "YOUTRUST", true, { delivery: "push" }),
  "job-medley": board("job-medley", "ジョブメドレー", "Job Medley", true),
  "kaigo-job": board("kaigo-job", "カイゴジョブ", "Kaigo Job", true),
  "doda-campus": board("doda-campus", "dodaキャンパス", "doda campus", false),
  offerbox: board("offerbox", "OfferBox", "OfferBox", false),
  iroots: board("iroots", "iroots", "iroots", false),
  baitoru: board("baitoru", "バイトル", "Baitoru", false),
  "mynavi-shinsotsu": board("mynavi-shinsotsu", "マイナビ新卒", "Mynavi Shinsotsu (MIWS)", false, {
    signalColumns: ["選考フロー"],
    columns: { externalId: ["マイナビID", "学生ID"], nameReading: ["氏名（カナ）", "フリガナ"] },
  }),
});

/** True when `value` is a known board id. */
export function isBoardId(value: string): value is BoardId {
  return (BOARD_IDS as readonly string[]).includes(value);
}

/** The board with `id`; a `ValidationError` naming the known ids when there is none. */
export function getBoard(id: string): BoardDefinition {
  if (!isBoardId(id)) {
    throw new ValidationError("board id", [
      {
        path: [],
        reason: "unknown_board",
        message: `Unknown board "${id}"; known boards: ${BOARD_IDS.join(", ")}`,
      },
    ]);
  }
  return BOARDS[id];
}

/** A board definition with some column names replaced (a board changed its export). */
export function withColumns(
  definition: BoardDefinition,
  overrides: Partial<Record<ApplicantColumn, readonly string[]>>,
): BoardDefinition {
  return { ...definition, columns: { ...definition.columns, ...overrides } };
}
