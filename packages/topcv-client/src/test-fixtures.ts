import { type JobInput, parseJob } from "@org/ats-core";
import type { TopCvPostingFields } from "./posting-fields";

/** Test builders (not exported): a Vietnamese job of the ATS and complete TopCV-only fields. */
export function sampleJob(overrides: Partial<JobInput> = {}) {
  return parseJob({
    id: "job-sales-hn",
    title: "Nhân viên kinh doanh",
    company: "Công ty TNHH Mẫu",
    location: { country: "VN", region: "Hà Nội", city: "Cầu Giấy", streetAddress: "Số 1 Duy Tân" },
    employmentTypes: ["full_time"],
    status: "open",
    openedAt: "2026-11-01T09:00:00+07:00",
    pipeline: [
      { id: "new", name: "Ứng viên mới" },
      { id: "interview", name: "Phỏng vấn" },
    ],
    descriptionHtml: "<p>Tư vấn và bán giải pháp phần mềm cho doanh nghiệp.</p>",
    ...overrides,
  });
}

export const FIELDS: TopCvPostingFields = {
  categoryIds: ["kinh-doanh-ban-hang"],
  jobLevel: "staff",
  experience: "1_year",
  headcount: 3,
  deadline: "2026-12-31",
  requirementsHtml: "<p>Tốt nghiệp cao đẳng trở lên.</p>",
  benefitsHtml: "<p>Lương tháng 13, bảo hiểm đầy đủ.</p>",
  salary: { kind: "range", min: 12_000_000, max: 20_000_000, currency: "VND" },
  contact: { name: "Nguyễn Thị Lan", email: "tuyendung@mau.vn", phone: "0901234567" },
};
