import { expect, it } from "vitest";
import { runWalkthrough } from "./walkthrough.ts";

it("imports the sample exports, finds the possible duplicates and routes by the table", async () => {
  const result = await runWalkthrough();
  expect(result.stored).toBe(6);
  expect(result.skippedDuplicates).toBe(1);
  // doda's 山田太郎 is AMBI's 山田 太郎 (same e-mail); doda's 高橋 一郎 is AMBI's 髙橋 一郎 (same phone and reading + birth date).
  expect(result.possibleDuplicates).toBe(2);
  // 介護スタッフ matches no rule.
  expect(result.unassigned).toBe(1);
  // not-an-email and 1988-02-30.
  expect(result.flagged).toBe(2);
  expect(Object.fromEntries(result.routeCounts)).toEqual({
    "AMBI (スカウト)": 1,
    "AMBI (通常応募)": 2,
    "doda (通常応募)": 3,
  });
  expect(result.lines.join("\n")).toContain(
    'Rule "table-2" (#1) matched (provider "doda", route "unknown", position "ﾊﾞｯｸｴﾝﾄﾞｴﾝｼﾞﾆｱ")',
  );
});
