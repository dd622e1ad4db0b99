import { describe, expect, it } from "vitest";
import { seedApplicationBytes, seedQuestionSet } from "./fixtures/seed";
import {
  checkAnswers,
  parseJsonTolerantly,
  parseQuestionSet,
  readIndeedAnswers,
  readIndeedApplication,
} from "./index";

const seedApplication = (name: "resume-upload" | "indeed-resume") => {
  const parsed = parseJsonTolerantly(new TextDecoder().decode(seedApplicationBytes(name)));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value as Record<string, unknown>;
};
const codes = (findings: { path: string; code: string }[]) => findings.map((f) => `${f.path} ${f.code}`);

describe("reading answers in both formats (seed examples)", () => {
  it("reads the same answers from questionsAndAnswers and from the legacy questions", () => {
    const json = seedApplication("resume-upload");
    const current = readIndeedAnswers(readIndeedApplication(json));
    const legacy = readIndeedAnswers(readIndeedApplication({ ...json, questionsAndAnswers: undefined }));
    expect(current.format).toBe("questionsAndAnswers");
    expect(legacy.format).toBe("questions");
    const shape = (answers: typeof current) =>
      answers.answers.map(({ questionId, values }) => ({ questionId, values }));
    expect(shape(current)).toEqual([
      { questionId: "automation_exp", values: ["12"] },
      { questionId: "japanese", values: ["0"] },
      { questionId: "experience", values: ["Ice Cream"] },
      { questionId: "extra", values: ["www.testurl.com"] },
      { questionId: "multi", values: ["1", "2", "3"] },
    ]);
    expect(shape(legacy)).toEqual(shape(current));
    expect(current.answers[4]?.labels).toEqual(["Canada", "Mexico", "Belize"]);
    expect(current.questions.map((q) => q.type)).toEqual([
      "text",
      "select",
      "textarea",
      "text",
      "multiselect",
    ]);
    expect(current.url).toBe("https://apply.qa.indeed.net/indeedapply/static/questions/basic.json");
    expect(checkAnswers(current.questions, current.answers)).toEqual([]);
    expect(checkAnswers(legacy.questions, legacy.answers)).toEqual([]);
  });

  it("reads an application without screening questions as format none", () => {
    expect(readIndeedAnswers(readIndeedApplication({ applicant: {} })).format).toBe("none");
  });

  it('treats "" as unanswered and reads file answers', () => {
    const app = readIndeedApplication({
      questionsAndAnswers: {
        questionsAndAnswers: [
          { question: { id: "extra", type: "text", question: "Website" }, answer: "" },
          {
            question: { id: "work", type: "file", question: "Work sample" },
            answer: [{ fileName: "a.png", contentType: "image/png", data: "AA==" }],
          },
          { question: { id: "odd", type: "slider", question: "?" }, answer: "5" },
        ],
      },
    });
    const answers = readIndeedAnswers(app);
    expect(answers.answers.map((a) => [a.questionId, a.values, a.files.length])).toEqual([
      ["extra", [], 0],
      ["work", [], 1],
      ["odd", ["5"], 0],
    ]);
    expect(codes(answers.findings)).toEqual([
      "$.questionsAndAnswers.questionsAndAnswers[2].question unreadable_question",
    ]);
  });
});

describe("checking answers against the question set", () => {
  const answersFor = (questions: unknown[], pairs: [string, unknown][]) => {
    const set = parseQuestionSet(questions);
    const app = readIndeedApplication({
      questionsAndAnswers: {
        questionsAndAnswers: pairs.map(([id, answer]) => ({
          question: set.find((q) => q.id === id) ?? { id, type: "text", question: id },
          answer,
        })),
      },
    });
    const read = readIndeedAnswers(app);
    return codes(checkAnswers(set, read.answers));
  };

  it("lets a hidden conditional question stay unanswered, but not a shown one", () => {
    const set = seedQuestionSet("conditional");
    expect(
      answersFor(set, [
        ["profile-atLeast18", { value: "1", label: "Yes" }],
        ["profile-permit", ""],
      ]),
    ).toEqual([]);
    expect(
      answersFor(set, [
        ["profile-atLeast18", { value: "0", label: "No" }],
        ["profile-permit", ""],
      ]),
    ).toEqual(["$.questionsAndAnswers.questionsAndAnswers[1].answer answer_required_missing"]);
    expect(
      answersFor(set, [
        ["profile-atLeast18", { value: "1", label: "Yes" }],
        ["profile-permit", { value: "1", label: "Yes" }],
      ]),
    ).toEqual(["$.questionsAndAnswers.questionsAndAnswers[1].answer answer_to_hidden_question"]);
  });

  it("checks formats, limits, ranges and options", () => {
    const set = [
      { id: "age", type: "text", question: "Age?", format: "integer", min: "16", max: "75" },
      { id: "gpa", type: "text", question: "GPA?", format: "decimal" },
      { id: "short", type: "textarea", question: "One word", limit: "5" },
      {
        id: "start",
        type: "date",
        question: "Start?",
        format: "dd/MM/yyyy",
        min: "01/02/2014",
        max: "03/04/2014",
      },
      { id: "color", type: "select", question: "Color?", options: [{ value: "0", label: "Red" }] },
    ];
    expect(
      answersFor(set, [
        ["age", "30"],
        ["gpa", "3.5"],
        ["short", "五文字です"],
        ["start", "15/03/2014"],
        ["color", { value: "0", label: "Red" }],
      ]),
    ).toEqual([]);
    expect(
      answersFor(set, [
        ["age", "15"],
        ["gpa", "3,5"],
        ["short", "toolong"],
        ["start", "2014-03-15"],
        ["color", { value: "9", label: "?" }],
      ]),
    ).toEqual([
      "$.questionsAndAnswers.questionsAndAnswers[0].answer answer_out_of_range",
      "$.questionsAndAnswers.questionsAndAnswers[1].answer answer_invalid_number",
      "$.questionsAndAnswers.questionsAndAnswers[2].answer answer_too_long",
      "$.questionsAndAnswers.questionsAndAnswers[3].answer answer_invalid_date",
      "$.questionsAndAnswers.questionsAndAnswers[4].answer answer_not_an_option",
    ]);
    expect(answersFor(set, [["start", "04/04/2014"]])).toEqual([
      "$.questionsAndAnswers.questionsAndAnswers[0].answer answer_out_of_range",
    ]);
  });

  it("follows hierarchical levels and counts files", () => {
    const hierarchical = seedQuestionSet("hierarchical");
    const pick = (...values: string[]) => values.map((value) => ({ value, label: value }));
    expect(answersFor(hierarchical, [["hierarchical", pick("1", "0", "1")]])).toEqual([]);
    expect(answersFor(hierarchical, [["hierarchical", pick("0", "5")]])).toEqual([
      "$.questionsAndAnswers.questionsAndAnswers[0].answer answer_not_an_option",
    ]);
    const files = seedQuestionSet("file");
    expect(answersFor(files, [["file2", []]])).toEqual([
      "$.questionsAndAnswers.questionsAndAnswers[0].answer answer_required_missing",
    ]);
    const four = Array.from({ length: 4 }, (_, i) => ({
      fileName: `${i}.pdf`,
      contentType: "application/pdf",
      data: "AA==",
    }));
    expect(answersFor(files, [["file2", four]])).toEqual([
      "$.questionsAndAnswers.questionsAndAnswers[0].answer answer_file_count",
    ]);
  });
});
