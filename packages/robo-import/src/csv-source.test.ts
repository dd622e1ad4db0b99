import { describe, expect, it } from "vitest";
import type { BoardRecord } from "./board-record";
import type { FetchRequest, SourceItem } from "./board-source";
import { BOARDS, withColumns } from "./boards";
import { mapRecord } from "./column-mapping";
import { CsvBoardSource } from "./csv-source";
import { shiftJis, utf8WithBom } from "./test-support";
import { decodeText, detectEncoding } from "./text-decoding";

const request: FetchRequest = {
  account: { id: "acc-1", board: "ambi", login: "ambi-login", enabled: true },
  window: { from: new Date(0), to: new Date() },
};

async function collect(bytes: Uint8Array | Uint8Array[], board = BOARDS.ambi): Promise<SourceItem[]> {
  const source = new CsvBoardSource({ board, open: async () => bytes });
  const items: SourceItem[] = [];
  for await (const item of source.fetch(request)) items.push(item);
  return items;
}
const records = (items: SourceItem[]) =>
  items.flatMap((item) => (item.kind === "record" ? [item.record] : []));
const problems = (items: SourceItem[]) => items.flatMap((item) => (item.kind === "problem" ? [item] : []));

const AMBI = `応募ID,氏名,フリガナ,メールアドレス,電話番号,募集ポジション名,エントリー経路,応募日時
A-1,髙橋 一郎,タカハシ イチロウ,ichiro@example.jp,070-4444-5555,"データエンジニア
(分析基盤)",1,2026/11/20 09:05
A-2,㈱サンプル ①号,サンプル,s@example.jp,,法人営業,0,2026/11/20 10:00
`;

describe("text decoding", () => {
  it("detects UTF-8 with and without BOM, and Shift_JIS with CP932 characters", async () => {
    expect(detectEncoding(utf8WithBom("氏名"))).toBe("utf-8");
    expect(detectEncoding(new TextEncoder().encode("氏名,髙橋"))).toBe("utf-8");
    expect(detectEncoding(shiftJis("氏名,髙橋,㈱,①"))).toBe("shift_jis");
    expect(detectEncoding(new TextEncoder().encode("plain ascii"))).toBe("utf-8");
  });

  it("refuses UTF-16 and bytes that are neither, naming the fix", () => {
    expect(() => detectEncoding(new Uint8Array([0xff, 0xfe, 0x30, 0x00]))).toThrow(
      /UTF-16.*save it as "CSV UTF-8"/,
    );
    expect(() => detectEncoding(new Uint8Array([0x82, 0xa0, 0xff, 0xff, 0x80]))).toThrow(
      /neither UTF-8 nor Shift_JIS/,
    );
  });

  it("decodes across chunk boundaries that split characters", async () => {
    const bytes = shiftJis("髙橋一郎,㈱\n".repeat(5000));
    const chunks = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    let text = "";
    for await (const part of decodeText(chunks)) text += part;
    expect(text).toBe("髙橋一郎,㈱\r\n".repeat(5000));
  });

  it("names the line where the encoding breaks", async () => {
    // A UTF-8 file (detected from its first 64 KB) with Shift_JIS bytes pasted in further on.
    const head = new TextEncoder().encode("髙橋,a\n".repeat(10_000));
    await expect(async () => {
      for await (const _ of decodeText([head, shiftJis("髙橋\n")])) {
        /* drain */
      }
    }).rejects.toThrow(/line 10001: bytes that are not valid UTF-8/);
  });
});

describe("CsvBoardSource", () => {
  it("reads a Shift_JIS export with quoted line breaks, keeping every raw row", async () => {
    const items = await collect(shiftJis(AMBI));
    expect(problems(items)).toEqual([]);
    const [first, second] = records(items) as [BoardRecord, BoardRecord];
    expect(first).toMatchObject({
      externalId: "A-1",
      line: 2,
      fields: { 氏名: "髙橋 一郎", 募集ポジション名: "データエンジニア\r\n(分析基盤)", エントリー経路: "1" },
    });
    expect(first.raw).toHaveLength(8);
    expect(second).toMatchObject({ externalId: "A-2", line: 4, fields: { 氏名: "㈱サンプル ①号" } });
  });

  it("reads the same export as UTF-8 with a BOM, in small chunks", async () => {
    const bytes = utf8WithBom(AMBI);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) =>
      bytes.subarray(i * 5, i * 5 + 5),
    );
    expect(records(await collect(chunks)).map((record) => record.externalId)).toEqual(["A-1", "A-2"]);
  });

  it("reads headers written differently (full-width, later aliases, optional columns absent)", async () => {
    const items = await collect(
      utf8WithBom(
        "応募ＩＤ,応募者名,Ｅ－ｍａｉｌ,携帯電話番号\nB-1,佐藤 花子,hanako@example.jp,080-1111-2222\n",
      ),
    );
    expect(problems(items)).toEqual([]);
    const [record] = records(items) as [BoardRecord];
    expect(record.externalId).toBe("B-1");
    expect(mapRecord(record, BOARDS.ambi)).toMatchObject({
      person: { name: { full: "佐藤 花子" }, emails: ["hanako@example.jp"], phones: ["080-1111-2222"] },
      positionName: null,
      appliedAt: undefined,
    });
    // A robot's record (no header) is read through the same aliases.
    const { header: _, ...robotRecord } = record;
    expect(mapRecord(robotRecord, BOARDS.ambi)).toEqual(mapRecord(record, BOARDS.ambi));
  });

  it("reports missing or renamed columns once, with what it found and how to fix it", async () => {
    const items = await collect(utf8WithBom("受付番号,お名前\n1,山田\n"));
    expect(items).toEqual([
      {
        kind: "problem",
        fatal: true,
        line: 1,
        message: expect.stringMatching(
          /lacks required column\(s\): externalId \(one of 応募ID.*name \(one of 氏名.*Found: 受付番号, お名前.*withColumns\(\)/,
        ),
      },
    ]);
    const renamed = withColumns(BOARDS.ambi, { externalId: ["受付番号"], name: ["お名前"] });
    expect(records(await collect(utf8WithBom("受付番号,お名前\n1,山田\n"), renamed))).toMatchObject([
      { externalId: "1", fields: { お名前: "山田" } },
    ]);
  });

  it("reports damaged rows with their line and keeps reading", async () => {
    const items = await collect(utf8WithBom('応募ID,氏名\nA-1,山田\nA-2,佐藤,余分\n"A-3,鈴木\nA-4,田中\n'));
    expect(records(items).map((record) => record.externalId)).toEqual(["A-1"]);
    expect(problems(items)).toEqual([
      {
        kind: "problem",
        line: 3,
        message: "line 3: 3 fields where the header has 2; a quote or delimiter is missing or extra",
        raw: ["A-2", "佐藤", "余分"],
      },
      {
        kind: "problem",
        line: 4,
        message: expect.stringMatching(/opened on line 4 is never closed/),
        raw: ["A-3,鈴木\nA-4,田中\n"],
      },
    ]);
  });

  it("reports an empty file, an unreadable encoding and rows without an id", async () => {
    expect(await collect(new Uint8Array(0))).toEqual([
      { kind: "problem", fatal: true, line: 1, message: "The export is empty: no header row" },
    ]);
    expect(problems(await collect(new Uint8Array([0xff, 0xfe, 0x41, 0x00])))[0]).toMatchObject({
      fatal: true,
      message: expect.stringMatching(/UTF-16/),
    });
    expect(records(await collect(utf8WithBom("応募ID,氏名\n,山田\n")))).toMatchObject([{ externalId: null }]);
  });
});
