import type { Application, Reservation } from "@org/ats-core";
import { ValidationError } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import type { BoardAccount } from "./board-source";
import { BOARDS } from "./boards";
import { InMemoryCheckpointStore } from "./checkpoints";
import { CsvBoardSource } from "./csv-source";
import { ImportPipeline } from "./import-pipeline";
import {
  InMemoryImportedCandidateStore,
  type MiwsReservation,
  rememberImportedCandidates,
  syncMiwsReservations,
} from "./miws-reservations";
import { InMemorySeminarMappingStore, parseSeminarMapping } from "./miws-seminar-mapping";
import { RUN_AT, shiftJis, tenantStores } from "./test-support";

const account: BoardAccount = {
  id: "acc-miws-2027",
  board: "mynavi-shinsotsu",
  login: "miws-2027",
  enabled: true,
  graduationYear: 2027,
};
const events = new Set(["EV-100", "EV-200"]);
const known = (id: string) => events.has(id);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("MIWS seminar mapping", () => {
  it("maps several seminars to one event, with or without the header row", () => {
    const mapping = parseSeminarMapping(
      utf8("HRMOSイベントID,MIWSセミナーNo.\nEV-100,5001\nEV-100,5002\nEV-200,6001\n"),
      known,
      RUN_AT,
    );
    expect(Object.fromEntries(mapping.seminarToEvent)).toEqual({
      "5001": "EV-100",
      "5002": "EV-100",
      "6001": "EV-200",
    });
    expect(parseSeminarMapping(utf8("\ufeffEV-200,6001\r\n"), known, RUN_AT).seminarToEvent.get("6001")).toBe(
      "EV-200",
    );
  });

  it("reports every problem of the seed with its row", () => {
    let error: unknown;
    try {
      parseSeminarMapping(
        utf8(
          'イベントID,セミナーNo.\n1.23E+05,5001\n"EV\t100",5002\nEV#1,5003\nEV-999,5004\nEV-100,\nEV-100,7001\nEV-200,7001\n"EV-100,8001\n',
        ),
        known,
        RUN_AT,
      );
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => [issue.path.join(" "), issue.reason])).toEqual([
      ["row 2 A", "exponent_notation"],
      ["row 3 A", "whitespace"],
      ["row 4 A", "symbols"],
      ["row 5 A", "unknown_event"],
      ["row 6 B", "required"],
      ["row 8 B", "conflict"],
      ["row 9", "broken_row"],
    ]);
    expect((error as ValidationError).message).toMatch(/Format column A as text/);
  });

  it("refuses a file that is not UTF-8, and an empty one", () => {
    expect(() => parseSeminarMapping(shiftJis("イベントID,セミナー\nEV-100,5001\n"), known, RUN_AT)).toThrow(
      /not UTF-8.*CSV UTF-8/,
    );
    expect(() => parseSeminarMapping(utf8("イベントID,セミナーNo.\n"), known, RUN_AT)).toThrow(
      /no mapping rows/,
    );
  });
});

describe("MIWS import", () => {
  const EXPORT = `学生ID,氏名,氏名（カナ）,メールアドレス,選考フロー,エントリー日時
S-1,山田 太郎,ヤマダ タロウ,taro@example.ac.jp,プレサイト期間,2026/11/20 10:00
S-2,佐藤 花子,サトウ ハナコ,hanako@example.ac.jp,本サイト採用,2026/11/20 11:00
S-3,鈴木 健,スズキ ケン,ken@example.ac.jp,説明会参加,2026/11/20 12:00
`;

  it("imports only プレサイト期間 and 本サイト採用, labels the graduation year, never assigns a job, and syncs reservations one run later", async () => {
    const { stores, recorder } = await tenantStores();
    const imported = new InMemoryImportedCandidateStore();
    const mappings = new InMemorySeminarMappingStore();
    const saved: Reservation[] = [];
    const reservations: MiwsReservation[] = [
      { studentId: "S-1", seminarNumber: "5001", status: "reserved", reservedAt: RUN_AT },
      { studentId: "S-9", seminarNumber: "5001", status: "reserved", reservedAt: RUN_AT },
      { studentId: "S-2", seminarNumber: "9999", status: "reserved", reservedAt: RUN_AT },
    ];
    const deps = {
      source: {
        fetch: async function* () {
          yield* reservations;
        },
      },
      candidates: imported,
      reservations: { upsert: async (reservation: Reservation) => void saved.push(reservation) },
      clock: () => RUN_AT,
    };
    const pipeline = new ImportPipeline({
      tenantId: "t",
      sourceFor: () =>
        new CsvBoardSource({ board: BOARDS["mynavi-shinsotsu"], open: async () => shiftJis(EXPORT) }),
      sink: recorder,
      checkpoints: new InMemoryCheckpointStore(),
      startDate: "2026-11-15",
      onImported: rememberImportedCandidates(imported),
      clock: () => RUN_AT,
    });
    await mappings.put(account.id, parseSeminarMapping(utf8("EV-100,5001\n"), known, RUN_AT));

    // Run 1: reservations first (nobody imported yet), then the import.
    const firstSync = await syncMiwsReservations(account, await mappings.get(account.id), deps);
    expect(firstSync).toMatchObject({ synced: 0, notImported: 3 });
    const report = await pipeline.run([account]);
    expect(report.accounts[0]).toMatchObject({ status: "imported", filtered: 1 });
    const stored: Application[] = [];
    for await (const application of stores.applications.list()) stored.push(application);
    expect(
      stored.map((application) => [
        application.externalId,
        application.jobId,
        application.source.displayName,
      ]),
    ).toEqual([
      ["S-1", null, "マイナビ新卒 (通常応募)"],
      ["S-2", null, "マイナビ新卒 (通常応募)"],
    ]);
    expect(stored[0]?.flags.find((flag) => flag.code === "unassigned")?.message).toMatch(
      /手動で求人に紐づけてください/,
    );
    expect((await stores.candidates.get(stored[0]!.candidateId))?.labels).toEqual(["2027年卒"]);

    // A new mapping uploaded between runs applies from the next run.
    await mappings.put(account.id, parseSeminarMapping(utf8("EV-100,5001\nEV-200,9999\n"), known, RUN_AT));
    // Run 2: the candidates imported by run 1 get their reservations.
    const secondSync = await syncMiwsReservations(account, await mappings.get(account.id), deps);
    expect(secondSync).toMatchObject({ synced: 2, notImported: 1 });
    expect(
      saved.map((reservation) => [
        reservation.eventId,
        reservation.candidateId === stored[0]?.candidateId,
        reservation.externalId,
      ]),
    ).toEqual([
      ["EV-100", true, "miws-2027:S-1:5001"],
      ["EV-200", false, "miws-2027:S-2:9999"],
    ]);
  });
});
