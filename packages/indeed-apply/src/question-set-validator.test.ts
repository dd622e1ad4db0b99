import { ValidationError } from "@org/ats-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedQuestionNames, seedQuestionSet, seedQuestionText } from "./fixtures/seed";
import { parseQuestionSet, ScreeningQuestionSchema, validateQuestionSet } from "./index";

const codes = (input: unknown) =>
  validateQuestionSet(input).findings.map((finding) => `${finding.path} ${finding.code}`);

describe("screening question schemas: the seed's examples", () => {
  it.each(seedQuestionNames)("accepts the seed's %s example", (name) => {
    const report = validateQuestionSet(seedQuestionSet(name));
    expect(report.errors).toEqual([]);
    expect(report.questions?.length).toBeGreaterThan(0);
  });

  it("covers all nine types", () => {
    const types = new Set(
      seedQuestionNames.flatMap((name) => seedQuestionSet(name).map((q) => (q as { type: string }).type)),
    );
    expect([...types].sort()).toEqual([
      "date",
      "file",
      "hierarchical",
      "multiselect",
      "pagebreak",
      "select",
      "text",
      "textarea",
    ]);
    // information is the tenth example, kept raw because the seed breaks a line inside its string.
    const information = seedQuestionText("information.raw");
    expect(validateQuestionSet(information).errors.map((f) => f.code)).toEqual(["invalid_json"]);
    const repaired = information.replace(/only\. \n /, "only. ");
    const report = validateQuestionSet(repaired);
    expect(report.errors).toEqual([]);
    expect(report.questions?.[0]).toMatchObject({ type: "information", fontsize: 8 });
  });

  it('reads a condition value written as a number (seed: "value": 0) as a string', () => {
    const parsed = ScreeningQuestionSchema.parse({
      id: "x",
      type: "text",
      question: "Q",
      condition: { id: "p", value: 0 },
    });
    expect(parsed.condition?.value).toBe("0");
  });

  it("keeps the hierarchical example's three levels", () => {
    const [question] = parseQuestionSet(seedQuestionSet("hierarchical"));
    expect(
      question?.type === "hierarchical" && question.hierarchicalOptions.map((level) => level.id),
    ).toEqual(["cali_cities", "texas_cities", "sa_zipcodes"]);
  });
});

describe("question set validator", () => {
  const select = {
    id: "q1",
    type: "select",
    question: "Drive?",
    options: [
      { value: "1", label: "Yes" },
      { value: "0", label: "No" },
    ],
  };

  it("reports unknown types and missing fields with JSON paths", () => {
    expect(codes([{ id: "a", type: "radio", question: "?" }])).toEqual(["$[0].type invalid_type"]);
    expect(codes([{ id: "a", type: "date", question: "When?" }])).toContain("$[0].format invalid_type");
    expect(codes([{ id: "a", type: "select", question: "?", options: [] }])).toContain(
      "$[0].options too_small",
    );
    expect(codes({ id: "a" })).toEqual(["$ not_an_array"]);
  });

  it("requires unique ids, including hierarchical levels", () => {
    expect(codes([select, { ...select }])).toContain("$[1].id duplicate_id");
    const [hierarchical] = seedQuestionSet("hierarchical");
    expect(codes([{ ...select, id: "cali_cities" }, hierarchical])).toContain(
      "$[1].hierarchicalOptions[0].id duplicate_id",
    );
  });

  it("checks conditions: earlier question, select or hierarchical, one of its values", () => {
    const follow = (condition: unknown) => ({ id: "q2", type: "text", question: "Licence no.?", condition });
    expect(codes([select, follow({ id: "q1", value: "1" })])).toEqual([]);
    expect(codes([follow({ id: "q1", value: "1" }), select])).toEqual([
      "$[0].condition.id condition_target_not_found",
    ]);
    expect(codes([select, follow({ id: "nope", value: "1" })])).toEqual([
      "$[1].condition.id condition_target_not_found",
    ]);
    expect(codes([select, follow({ id: "q1", value: "2" })])).toEqual([
      "$[1].condition.value condition_value_not_an_option",
    ]);
    const text = { id: "t", type: "text", question: "City?" };
    expect(codes([text, follow({ id: "t", value: "x" })])).toEqual([
      "$[1].condition.id condition_target_not_select",
    ]);
    // A condition may point into a hierarchical question's levels.
    const [hierarchical] = seedQuestionSet("hierarchical");
    expect(codes([hierarchical, follow({ id: "texas_cities", value: "1" })])).toEqual([]);
  });

  it("allows at most three hierarchy levels", () => {
    const [hierarchical] = seedQuestionSet("hierarchical") as [{ hierarchicalOptions: unknown[] }];
    const deeper = {
      ...hierarchical,
      hierarchicalOptions: [
        ...hierarchical.hierarchicalOptions,
        {
          id: "sa_streets",
          options: [{ value: "0", label: "Main St" }],
          condition: { id: "sa_zipcodes", value: "0" },
        },
      ],
    };
    expect(codes([deeper])).toEqual(["$[0].hierarchicalOptions[3] hierarchy_too_deep"]);
  });

  it("limits the set to 500 items, 1 MB and 20 items per page; warns past 20 questions", () => {
    const texts = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `q${i}`, type: "text", question: `Q${i}` }));
    const paged = (n: number) =>
      texts(n).flatMap((q, i) => (i % 10 === 9 ? [q, { id: `pb${i}`, type: "pagebreak" }] : [q]));
    expect(codes(paged(20))).toEqual([]);
    expect(codes(paged(21))).toEqual(["$ many_questions"]);
    expect(codes(texts(21))).toEqual(["$[20] page_too_long", "$ many_questions"]);
    expect(codes(paged(460))).toContain("$ too_many_questions");
    const big = [{ id: "info", type: "information", text: "x".repeat(1024 * 1024) }];
    expect(codes(big)).toEqual(["$ too_large"]);
    expect(codes(JSON.stringify(big))).toEqual(["$ too_large"]);
  });

  it("checks date formats: MM not mm, yyyy not yy, min/max under the format", () => {
    const date = (format: string, extra: object = {}) => [
      { id: "d", type: "date", question: "Start?", format, ...extra },
    ];
    expect(codes(date("dd/MM/yyyy", { min: "01/02/2014", max: "03/04/2014" }))).toEqual([]);
    expect(codes(date("yyyy年M月d日", { min: "2024年4月1日" }))).toEqual([]);
    expect(codes(date("dd/mm/yyyy"))).toEqual([
      "$[0].format minutes_instead_of_month",
      "$[0].format missing_field",
    ]);
    expect(codes(date("dd/MM/yy"))).toEqual(["$[0].format two_digit_year"]);
    expect(codes(date("dd/MM/yyyy", { min: "2014-02-01" }))).toEqual(["$[0].min invalid_date"]);
    expect(codes(date("dd/MM/yyyy", { min: "31/02/2014" }))).toEqual(["$[0].min invalid_date"]);
    expect(codes(date("dd/MM/yyyy", { min: "02/01/2015", max: "01/01/2015" }))).toEqual([
      "$[0].max min_above_max",
    ]);
  });

  it("checks numbers, limits and file counts", () => {
    const text = (extra: object) => [{ id: "n", type: "text", question: "Salary?", ...extra }];
    expect(codes(text({ format: "integer", min: "0", max: "1,000,000" }))).toEqual([
      "$[0].max thousands_separator",
    ]);
    expect(codes(text({ format: "decimal", min: "0,5" }))).toEqual(["$[0].min invalid_number"]);
    expect(codes(text({ format: "decimal", min: "0.5", max: 4 }))).toEqual([]);
    expect(codes(text({ format: "integer", min: "10", max: "1" }))).toEqual(["$[0].max min_above_max"]);
    expect(codes(text({ min: "1" }))).toEqual(["$[0].min bound_ignored"]);
    expect(codes(text({ limit: "0" }))).toEqual(["$[0].limit invalid_limit"]);
    expect(codes(text({ limit: "1.5" }))).toEqual(["$[0].limit invalid_number"]);
    const file = (extra: object) => [{ id: "f", type: "file", question: "Portfolio?", ...extra }];
    expect(codes(file({ min: "1", max: "3" }))).toEqual([]);
    expect(codes(file({ min: "3", max: "1" }))).toEqual(["$[0].max min_above_max"]);
    expect(codes(file({ max: "0" }))).toEqual(["$[0].max invalid_count"]);
  });

  it("limits information HTML to b p br li ul ol a[href http/https]", () => {
    const info = (text: string) => [{ id: "i", type: "information", text }];
    expect(codes(info("<p><b>Note</b><br/><ul><li>x</li></ul><a href='https://x.jp'>x</a></p>"))).toEqual([]);
    expect(codes(info("<h1>Title</h1>"))).toEqual(["$[0].text tag_not_allowed", "$[0].text tag_not_allowed"]);
    expect(codes(info('<a href="javascript:alert(1)">x</a>'))).toEqual(["$[0].text link_scheme_not_allowed"]);
    expect(codes(info('<p style="color:red">x</p>'))).toEqual(["$[0].text attribute_not_allowed"]);
  });

  it("warns about questions asking for contact details Indeed already collects", () => {
    expect(codes([{ id: "mail", type: "text", question: "What is your e-mail address?" }])).toEqual([
      "$[0].question asks_collected_contact",
    ]);
    expect(codes([{ id: "tel", type: "text", question: "電話番号を入力してください" }])).toEqual([
      "$[0].question asks_collected_contact",
    ]);
  });

  it("parseQuestionSet throws a ValidationError naming each path", () => {
    const error = (() => {
      try {
        parseQuestionSet([
          { id: "a", type: "text", question: "Q" },
          { id: "a", type: "text", question: "Q" },
        ]);
      } catch (e) {
        return e;
      }
    })();
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: [1, "id"], reason: "duplicate_id" }),
    ]);
  });

  it("never throws, whatever the input (fuzz)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.string(),
          fc.array(
            fc.record(
              {
                id: fc.string(),
                type: fc.constantFrom("text", "select", "date", "hierarchical", "file", "information"),
                question: fc.string(),
                format: fc.string(),
                min: fc.string(),
                max: fc.string(),
                text: fc.string(),
                options: fc.array(fc.record({ value: fc.string(), label: fc.string() })),
                condition: fc.record({ id: fc.string(), value: fc.string() }),
              },
              { requiredKeys: ["id", "type"] },
            ),
          ),
        ),
        (input) => {
          const report = validateQuestionSet(input);
          expect(report.valid).toBe(report.errors.length === 0);
          for (const finding of report.findings) expect(finding.path.startsWith("$")).toBe(true);
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});
