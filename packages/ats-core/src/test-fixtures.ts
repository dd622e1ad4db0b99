import type { ApplicationDraft } from "./application-recorder";
import type { Candidate } from "./candidate";
import { type JobInput, parseJob } from "./job";

/** Builders for tests: realistic Japanese data, small enough to read. Not part of the public API. */

export const NOW = new Date("2026-11-21T09:00:00+09:00");

export function sampleJob(overrides: Partial<JobInput> = {}) {
  return parseJob({
    id: "job-eng",
    title: "バックエンドエンジニア",
    company: "サンプル商事",
    location: { country: "JP", region: "東京都", city: "港区三田" },
    employmentTypes: ["full_time"],
    status: "open",
    openedAt: "2026-10-01T00:00:00+09:00",
    pipeline: [
      { id: "screening", name: "書類選考" },
      { id: "interview", name: "面接" },
    ],
    ...overrides,
  });
}

/** A candidate; an override of `undefined` removes the field. */
export function sampleCandidate(
  overrides: { [K in keyof Candidate]?: Candidate[K] | undefined } = {},
): Candidate {
  const candidate = {
    id: "cand-1",
    name: { full: "山田 太郎" },
    nameReading: { full: "ヤマダ タロウ" },
    emails: ["taro@example.co.jp"],
    phones: ["+819012345678"],
    birthDate: "1995-04-01",
    labels: [],
    createdAt: NOW,
    ...overrides,
  };
  for (const key of Object.keys(candidate) as (keyof Candidate)[])
    if (candidate[key] === undefined) delete candidate[key];
  return candidate as Candidate;
}

export function sampleDraft(overrides: Partial<ApplicationDraft> = {}): ApplicationDraft {
  return {
    person: {
      name: { full: "山田 太郎" },
      nameReading: { full: "やまだ たろう" },
      emails: ["Taro@Example.co.jp"],
      phones: ["090-1234-5678"],
      birthDate: "1995/4/1",
    },
    jobId: "job-eng",
    source: {
      provider: "ambi",
      account: "ambi-login-1",
      route: "scout",
      displayName: "AMBI (スカウト)",
      via: "robo-import",
    },
    externalId: "A-1001",
    appliedAt: new Date("2026-11-20T10:00:00+09:00"),
    raw: { row: ["山田 太郎", "1"] },
    ...overrides,
  };
}
