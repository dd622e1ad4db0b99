import path from "node:path";
import { expect, it } from "vitest";
import { runReadmeQuickStart } from "../../../scripts/readme-quick-start.ts";

it("the README quick start runs and prints what it says", async () => {
  const output = await runReadmeQuickStart(path.resolve(import.meta.dirname, ".."));
  expect(output).toBe("pending\n202\nnew [ '+84912345678' ] 1\n");
}, 60_000);
