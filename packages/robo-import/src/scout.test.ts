import { describe, expect, it } from "vitest";
import type { BoardRecord } from "./board-record";
import { BOARD_IDS, BOARDS, type BoardId, getBoard } from "./boards";
import { detectScout } from "./scout";

const record = (parts: Partial<BoardRecord> = {}): BoardRecord => ({
  externalId: "1",
  fields: {},
  raw: null,
  ...parts,
});

// One row per line of the table in seed 000_10d8d68d599dfcc2.txt: a scout, a normal application, and a record without the signal.
const TABLE: [BoardId, BoardRecord, BoardRecord][] = [
  ["ambi", record({ fields: { エントリー経路: "1" } }), record({ fields: { エントリー経路: "0" } })],
  [
    "mynavi-tenshoku",
    record({ fields: { スカウト種別: "プレミアムスカウト" } }),
    record({ fields: { スカウト種別: " " } }),
  ],
  [
    "paiza",
    record({ fields: { 応募日: "2026/11/20 (スカウト)" } }),
    record({ fields: { 応募日: "2026/11/20" } }),
  ],
  [
    "forkwell",
    record({ detailText: "…エントリー詳細… いいね！ 2026/11/20" }),
    record({ detailText: "エントリー詳細 2026/11/20" }),
  ],
  ["youtrust", record({ isFirstScoutReply: true }), record({ isFirstScoutReply: false })],
  ["job-medley", record({ tags: ["新着", "スカウト"] }), record({ tags: ["新着"] })],
  ["kaigo-job", record({ tags: ["ｽｶｳﾄ経由"] }), record({ tags: [] })],
  ["wantedly", record({ tags: ["スカウト", "カジュアル面談"] }), record({ tags: ["応援"] })],
  [
    "en-tenshoku",
    record({ fields: { 応募区分: "スカウト応募（エンダイレクト）" } }),
    record({ fields: { 応募区分: "通常応募" } }),
  ],
  ["green", record({ statusText: "スカウト承諾" }), record({ statusText: "応募" })],
];
const CANNOT_TELL: BoardId[] = [
  "doda",
  "doda-campus",
  "engage",
  "offerbox",
  "iroots",
  "baitoru",
  "rikunabi-next",
  "mynavi-shinsotsu",
];

describe("detectScout", () => {
  it.each(TABLE)("%s tells a scout from a normal application", (board, scout, normal) => {
    expect(detectScout(board, scout)).toBe("scout");
    expect(detectScout(board, normal)).toBe("normal");
    expect(detectScout(board, record())).toBe("unknown");
  });

  it.each(CANNOT_TELL)("%s cannot tell, whatever the record says", (board) => {
    expect(
      detectScout(
        board,
        record({
          fields: { エントリー経路: "1", 応募区分: "スカウト" },
          tags: ["スカウト"],
          statusText: "スカウト",
        }),
      ),
    ).toBe("unknown");
  });

  it("reads Green's status from the ステータス column when a CSV carries it", () => {
    expect(detectScout("green", record({ fields: { ステータス: "スカウト返信" } }))).toBe("scout");
  });

  it("covers every board, and the registry agrees on which can tell", () => {
    expect([...TABLE.map(([board]) => board), ...CANNOT_TELL].sort()).toEqual([...BOARD_IDS].sort());
    for (const [board] of TABLE) expect(BOARDS[board].scoutDetectable).toBe(true);
    for (const board of CANNOT_TELL) expect(BOARDS[board].scoutDetectable).toBe(false);
  });
});

describe("board registry", () => {
  it("has the 18 boards with names for route naming", () => {
    expect(BOARD_IDS).toHaveLength(18);
    expect(getBoard("ambi").name).toBe("AMBI");
    expect(getBoard("mynavi-shinsotsu").romanised).toMatch(/MIWS/);
    expect(getBoard("youtrust").delivery).toBe("push");
    expect(() => getBoard("bizreach")).toThrow(/Unknown board "bizreach"; known boards: wantedly/);
  });
});
