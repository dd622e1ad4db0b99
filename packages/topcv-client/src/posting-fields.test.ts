import { formatPath, ValidationError } from "@org/ats-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toWireJob } from "./contract";
import { preparePosting } from "./posting-fields";
import { FIELDS, sampleJob } from "./test-fixtures";

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (ValidationError.is(error)) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
};

describe("preparePosting", () => {
  it("prefills from the ATS job and adds the TopCV-only fields", () => {
    const content = preparePosting(sampleJob(), FIELDS);
    expect(content).toMatchObject({
      atsJobId: "job-sales-hn",
      title: "Nhân viên kinh doanh",
      companyName: "Công ty TNHH Mẫu",
      employmentType: "full_time",
      workplaces: [{ province: "Hà Nội", address: "Số 1 Duy Tân" }],
      headcount: 3,
    });
    expect(toWireJob(content)).toMatchObject({
      partner_job_id: "job-sales-hn",
      quantity: 3,
      level: "staff",
      salary: { type: "range", from: 12_000_000, to: 20_000_000, currency: "VND" },
    });
  });

  it("lists every missing TopCV-only field at once, each saying what to fill in", () => {
    const error = failure(() => preparePosting(sampleJob(), { categoryIds: ["it"] }));
    const paths = error.issues.map((issue) => formatPath(issue.path)).sort();
    expect(paths).toEqual([
      "topcv.benefitsHtml",
      "topcv.contact",
      "topcv.deadline",
      "topcv.experience",
      "topcv.headcount",
      "topcv.jobLevel",
      "topcv.requirementsHtml",
      "topcv.salary",
    ]);
    expect(error.issues.every((issue) => issue.reason === "missing")).toBe(true);
    expect(error.message).toContain("topcv.headcount: Missing: the number of hires (số lượng tuyển)");
  });

  it("reports gaps in the ATS job together with the TopCV-only ones", () => {
    const job = sampleJob({ descriptionHtml: undefined, employmentTypes: [], location: { country: "VN" } });
    const { headcount: _h, ...fields } = FIELDS;
    const error = failure(() => preparePosting(job, fields));
    expect(error.issues.map((issue) => formatPath(issue.path)).sort()).toEqual([
      "job.descriptionHtml",
      "job.employmentTypes",
      "topcv.headcount",
      "topcv.workplaces",
    ]);
  });

  it("reports invalid values with their own reason, not as missing", () => {
    const error = failure(() =>
      preparePosting(sampleJob(), {
        ...FIELDS,
        headcount: 0,
        salary: { kind: "range", min: 20, max: 10 },
        contact: { ...FIELDS.contact, email: "not-an-email" },
      }),
    );
    const byPath = Object.fromEntries(error.issues.map((issue) => [formatPath(issue.path), issue.reason]));
    expect(byPath).toEqual({
      "topcv.headcount": "too_small",
      "topcv.salary.max": "custom",
      "topcv.contact.email": "invalid_format",
    });
  });

  it("for any set of TopCV-only fields left out, lists exactly those as missing (property)", () => {
    const required = [
      "categoryIds",
      "jobLevel",
      "experience",
      "headcount",
      "deadline",
      "requirementsHtml",
      "benefitsHtml",
      "salary",
      "contact",
    ] as const;
    fc.assert(
      fc.property(fc.subarray([...required], { minLength: 1 }), (left) => {
        const fields: Record<string, unknown> = { ...FIELDS };
        for (const name of left) delete fields[name];
        const error = failure(() => preparePosting(sampleJob(), fields));
        expect(error.issues.map((issue) => formatPath(issue.path)).sort()).toEqual(
          left.map((name) => `topcv.${name}`).sort(),
        );
        expect(error.issues.every((issue) => issue.reason === "missing")).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("refuses a closed job", () => {
    const job = sampleJob({ status: "closed", closedAt: "2026-11-20T00:00:00+07:00" });
    expect(failure(() => preparePosting(job, FIELDS)).issues.map((i) => formatPath(i.path))).toEqual([
      "job.status",
    ]);
  });
});
