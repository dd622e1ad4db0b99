import type { FeedJobInput } from "../src/index";

/*
 * Benchmark data, generated on the fly (never committed): jobs of about 3 KB of UTF-8 each, shaped like
 * the seed's Japanese example (seed 004_7a98198eda9710f9.txt), with a description in supported HTML.
 */

const PARAGRAPH =
  "<p>ストックオプションや充実した福利厚生を含む、魅力的な給与体系が用意されています。急成長を続ける企業として、私たちはわくわくしてやりがいのある仕事の機会を提供しています。</p>";
const LIST_ITEM = "<li>1~3年のセールスの経験をお持ちの方。取引成立に向けて全力で挑める方。</li>";

/**
 * 97 descriptions, built once. Flattened as a database driver or `JSON.parse` would hand them over: a
 * description built by `+` or a template on every call is a V8 rope, which the first regular expression
 * run over it must copy — a cost real feeds do not have, and which would fall on one writer and not another.
 */
const DESCRIPTIONS = Array.from(
  { length: 97 },
  (_, k) =>
    JSON.parse(
      JSON.stringify(`<h2>仕事内容 ${k}</h2><ul>${LIST_ITEM.repeat(4)}</ul>${PARAGRAPH.repeat(7)}`),
    ) as string,
);

/** The optional elements the benchmark feeds carry. */
export const BENCH_ELEMENTS = [
  "requisitionid",
  "station",
  "postalcode",
  "streetaddress",
  "salary",
  "jobtype",
  "category",
  "expirationdate",
] as const;

/** Job number `i` of a benchmark feed (about 3 KB of UTF-8 once written). */
export function benchJob(i: number): FeedJobInput {
  return {
    title: `美容師アシスタント${i % 97}`,
    date: new Date(Date.UTC(2026, 9, 1 + (i % 28), 9, 0, 0)),
    referenceNumber: `job-${i}`,
    requisitionId: `REQ-${i}`,
    url: `https://careers.example.jp/jobs/${i}?source=Indeed`,
    company: "Hair Salon XX",
    city: "港区三田",
    state: "東京都",
    country: "JP",
    station: "六本木駅",
    postalCode: "108-0073",
    streetAddress: "〒108-0073 東京都港区三田1-4-1住友不動産麻布十番ビル6階",
    description: DESCRIPTIONS[i % 97]!,
    salary: "年収400万円~700万円",
    jobTypes: ["正社員"],
    categories: ["美容", "東京"],
    expirationDate: new Date(Date.UTC(2027, 0, 1 + (i % 28))),
  };
}
