import { bench, describe } from "vitest";
import {
  compileRoutingRules,
  type RoutingInput,
  type RoutingRuleInput,
  RoutingRuleSetSchema,
} from "../src/index.ts";

/**
 * 100,000 applications routed through 1,000 rules (issue 2: under 1 s). The rule set is what a
 * tenant has: a correspondence table of 900 position names (normalised equality), 80 `contains`
 * rules, 15 regex rules and 5 provider/route rules, with the catch-all last.
 */
const jobs = Array.from({ length: 50 }, (_, i) => ({
  id: `job-${i}`,
  status: "open" as const,
  pipeline: [{ id: "s1", name: "書類選考" }],
}));
const rules: RoutingRuleInput[] = [];
for (let i = 0; i < 900; i++)
  rules.push({
    id: `table-${i}`,
    when: { position: { mode: "normalised", value: `ポジション${i}` } },
    assign: { jobId: `job-${i % 50}` },
  });
for (let i = 0; i < 80; i++)
  rules.push({
    id: `contains-${i}`,
    when: { position: { mode: "contains", value: `職種${i}番` } },
    assign: { jobId: `job-${i % 50}` },
  });
for (let i = 0; i < 15; i++)
  rules.push({
    id: `regex-${i}`,
    when: { position: { mode: "regex", value: `^部門${i}-\\d+$` } },
    assign: { jobId: `job-${i % 50}` },
  });
for (let i = 0; i < 4; i++)
  rules.push({
    id: `board-${i}`,
    when: { providers: [`board-${i}`], routes: ["scout"] },
    assign: { jobId: `job-${i}` },
  });
rules.push({ id: "catch-all", assign: { jobId: "job-0" } });
const router = compileRoutingRules(RoutingRuleSetSchema.parse({ rules }), jobs);

const inputs: RoutingInput[] = Array.from({ length: 100_000 }, (_, i) => {
  const kind = i % 4;
  const positionName =
    kind === 0
      ? `ﾎﾟｼﾞｼｮﾝ${i % 1200}`
      : kind === 1
        ? `営業 職種${i % 100}番 担当`
        : kind === 2
          ? `部門${i % 20}-${i}`
          : `未登録の職種 ${i}`;
  return {
    provider: `board-${i % 6}`,
    via: "robo-import",
    route: i % 3 === 0 ? "scout" : "normal",
    positionName,
  };
});

describe("routing", () => {
  bench(
    "route 100,000 applications through 1,000 rules",
    () => {
      for (const input of inputs) router.route(input);
    },
    { iterations: 10, warmupIterations: 2 },
  );
});
