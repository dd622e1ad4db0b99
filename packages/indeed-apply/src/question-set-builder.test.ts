import { ConfigurationError, ValidationError } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import { seedQuestionSet } from "./fixtures/seed";
import { QuestionSetBuilder, questionsUrl, serialiseQuestionSet, validateQuestionSet } from "./index";

describe("QuestionSetBuilder", () => {
  it("builds the seed's conditional and hierarchical examples", () => {
    const conditional = new QuestionSetBuilder()
      .select(
        "profile-atLeast18",
        "Are you at least 18 years of age?",
        [
          ["1", "Yes"],
          ["0", "No"],
        ],
        { required: true },
      )
      .select(
        "profile-permit",
        "Can you provide a work permit?",
        [
          ["1", "Yes"],
          ["0", "No"],
        ],
        { required: true, condition: { id: "profile-atLeast18", value: "0" } },
      )
      .build();
    expect(conditional).toEqual(seedQuestionSet("conditional"));

    const hierarchical = new QuestionSetBuilder()
      .hierarchical(
        "hierarchical",
        "State",
        [
          ["0", "California"],
          ["1", "Texas"],
          ["2", "New York"],
        ],
        [
          {
            id: "cali_cities",
            parent: "hierarchical",
            parentValue: "0",
            choices: [
              ["0", "San Francisco"],
              ["1", "Los Angeles"],
            ],
          },
          {
            id: "texas_cities",
            parent: "hierarchical",
            parentValue: "1",
            choices: [
              ["0", "San Antonio"],
              ["1", "Austin"],
            ],
          },
          {
            id: "sa_zipcodes",
            parent: "texas_cities",
            parentValue: "0",
            choices: [
              ["0", "78212"],
              ["1", "78209"],
            ],
          },
        ],
        { required: true },
      )
      .build();
    expect(hierarchical).toEqual(seedQuestionSet("hierarchical"));
  });

  it("writes numbers as Indeed's examples do and the result validates", () => {
    const questions = new QuestionSetBuilder()
      .text("age", "Age?", { format: "integer", min: 16, max: 75 })
      .textarea("motivation", "志望動機", { limit: 400 })
      .multiselect("shift", "希望シフト", [
        { value: "am", label: "午前" },
        { value: "pm", label: "午後" },
      ])
      .date("start", "勤務開始可能日", "yyyy/MM/dd", { min: "2026/12/01" })
      .file("portfolio", "作品", { min: 1, max: 3 })
      .information("note", "<p>以下は<b>任意</b>です</p>")
      .build();
    expect(questions[0]).toEqual({
      id: "age",
      type: "text",
      question: "Age?",
      format: "integer",
      min: "16",
      max: "75",
    });
    expect(validateQuestionSet(questions).findings).toEqual([]);
  });

  it("adds pagebreaks every 10 items unless the set has its own", () => {
    const builder = new QuestionSetBuilder();
    for (let i = 0; i < 25; i++) builder.text(`q${i}`, `Question ${i}`);
    const built = builder.build();
    expect(built.filter((q) => q.type === "pagebreak").map((q) => q.id)).toEqual([
      "pagebreak_auto_1",
      "pagebreak_auto_2",
    ]);
    expect(() => builder.build({ autoPagebreakEvery: false })).toThrow(
      /more than 20 items since the last pagebreak/,
    );
  });

  it("refuses a set that breaks Indeed's rules, naming the path", () => {
    const error = (() => {
      try {
        new QuestionSetBuilder().text("a", "A").date("b", "When?", "dd/mm/yyyy").text("a", "again").build();
      } catch (e) {
        return e;
      }
    })();
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.reason)).toEqual([
      "duplicate_id",
      "minutes_instead_of_month",
      "missing_field",
    ]);
  });
});

describe("questionsUrl", () => {
  const json = serialiseQuestionSet(seedQuestionSet("conditional") as never);

  it("is stable for the same content and changes with it", async () => {
    const a = await questionsUrl("https://ats.example.jp/indeed/questions/job-1.json", json);
    expect(a).toMatch(/^https:\/\/ats\.example\.jp\/indeed\/questions\/job-1\.json\?v=[0-9a-f]{16}$/);
    expect(await questionsUrl("https://ats.example.jp/indeed/questions/job-1.json", json)).toBe(a);
    expect(
      await questionsUrl("https://ats.example.jp/indeed/questions/job-1.json", json.replace("Yes", "Yes!")),
    ).not.toBe(a);
  });

  it("fills a {hash} placeholder and keeps other query parameters", async () => {
    expect(await questionsUrl("https://ats.example.jp/q/{hash}.json", "[]")).toMatch(
      /^https:\/\/ats\.example\.jp\/q\/[0-9a-f]{16}\.json$/,
    );
    expect(
      await questionsUrl("https://ats.example.jp/q?job=7", "[]", { parameter: "rev", hashLength: 8 }),
    ).toMatch(/\?job=7&rev=[0-9a-f]{8}$/);
  });

  it("requires an absolute https URL", async () => {
    for (const base of ["http://ats.example.jp/q.json", "/q.json"]) {
      const error = await questionsUrl(base, "[]").catch((e: unknown) => e);
      expect(ConfigurationError.is(error)).toBe(true);
    }
  });
});
