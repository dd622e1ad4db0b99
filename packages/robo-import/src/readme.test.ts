import path from "node:path";
import { expect, it } from "vitest";
import { runReadmeQuickStart } from "../../../scripts/readme-quick-start.ts";

it("the README quick start runs and prints what it says", async () => {
  const output = await runReadmeQuickStart(path.resolve(import.meta.dirname, ".."));
  expect(output).toBe(
    "[\n  {\n    route: 'AMBI (スカウト)',\n    board: 'ambi',\n    new: 1,\n    skipped: 0,\n    possibleDuplicates: 0,\n    unassigned: 1\n  }\n]\n0 imported\n",
  );
}, 60_000);
