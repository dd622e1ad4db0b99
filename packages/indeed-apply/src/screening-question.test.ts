import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedQuestionNames, seedQuestionSet } from "./fixtures/seed";
import { readScreeningQuestion, SCREENING_QUESTION_TYPES, ScreeningQuestionSchema } from "./index";

const scalar = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
/** Mostly a valid value, sometimes anything: both sides of every rule get exercised. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: scalar });
const choiceValue = fc.oneof(fc.string({ maxLength: 3 }), fc.integer());
const option = mostly(
  fc.record(
    { value: mostly(choiceValue), label: mostly(fc.string({ maxLength: 3 })), extra: scalar },
    { requiredKeys: ["value", "label"] },
  ),
);
const options = mostly(fc.array(option, { maxLength: 3 }));
const condition = mostly(
  fc.record(
    { id: mostly(fc.string({ maxLength: 3 })), value: mostly(choiceValue) },
    { requiredKeys: ["id", "value"] },
  ),
);
const level = mostly(
  fc.record(
    { id: mostly(fc.string({ maxLength: 3 })), options, condition, note: scalar },
    { requiredKeys: ["id", "options", "condition"] },
  ),
);
const question = fc.record(
  {
    id: mostly(fc.string({ maxLength: 3 })),
    type: mostly(fc.constantFrom(...SCREENING_QUESTION_TYPES)),
    question: mostly(fc.string({ maxLength: 3 })),
    text: mostly(fc.string({ maxLength: 3 })),
    required: mostly(fc.boolean()),
    format: mostly(fc.constantFrom("integer", "dd/MM/yyyy", "")),
    limit: mostly(choiceValue),
    min: mostly(choiceValue),
    max: mostly(choiceValue),
    options,
    condition,
    hierarchicalOptions: mostly(fc.array(level, { maxLength: 2 })),
    fontsize: scalar,
  },
  { requiredKeys: ["id", "type"] },
);

describe("readScreeningQuestion", () => {
  it("gives exactly what ScreeningQuestionSchema gives, and refuses what it refuses (fuzz)", () => {
    const accepted = new Map<string, number>();
    fc.assert(
      fc.property(fc.oneof(question, fc.jsonValue()), (value) => {
        const parsed = ScreeningQuestionSchema.safeParse(value);
        expect(readScreeningQuestion(value)).toEqual(parsed.success ? parsed.data : undefined);
        if (parsed.success) accepted.set(parsed.data.type, (accepted.get(parsed.data.type) ?? 0) + 1);
      }),
      { seed: 42, numRuns: 5000 },
    );
    // The generator must reach the accepting side of every type, or the property proves little.
    expect([...accepted.keys()].sort()).toEqual([...SCREENING_QUESTION_TYPES].sort());
  });

  it.each(seedQuestionNames)("reads the seed's %s example like the schema", (name) => {
    for (const item of seedQuestionSet(name)) {
      const fast = readScreeningQuestion(item);
      expect(fast).toBeDefined();
      expect(fast).toEqual(ScreeningQuestionSchema.parse(item));
    }
  });
});
