import path from "node:path";
import { expect, it } from "vitest";
import { runReadmeQuickStart } from "../../../scripts/readme-quick-start.ts";

it("the README quick start runs and prints what it says", async () => {
  const output = await runReadmeQuickStart(path.resolve(import.meta.dirname, ".."));
  expect(output).toBe("200 409\neaaacff9df2e4c2a63083a303d4521f0bd41e375232a2895310179bc030addfb\n");
}, 60_000);
