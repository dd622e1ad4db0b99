import { bytesToHex, ConfigurationError } from "@org/ats-core";
import type { ScreeningQuestion, ScreeningQuestionInput } from "./screening-question";

/*
 * Indeed caches a question set per URL for 20 minutes (seed 004_7a98198eda9710f9.txt: "質問のファイルは、
 * 固有の質問URLによってサーバーサイドでキャッシュされ、20分ごとに更新されます" and "Question URLの中身を
 * ご変更いただく際にURLを新規のものにご変更ください"), so the URL written to the feed must change whenever
 * the content does: it carries a hash of the served bytes.
 */

/** The JSON text to serve at a questions URL (compact, UTF-8; the bytes the URL's hash covers). */
export function serialiseQuestionSet(
  questions: readonly (ScreeningQuestion | ScreeningQuestionInput)[],
): string {
  return JSON.stringify(questions);
}

/** Options of {@link questionsUrl}. */
export interface QuestionsUrlOptions {
  /** Query parameter carrying the hash when the URL has no `{hash}` placeholder. Default `v`. */
  parameter?: string;
  /** Hex characters of SHA-256 to keep. Default 16 (64 bits: collisions are not a concern here). */
  hashLength?: number;
}

/**
 * The questions URL for the feed's `indeed-apply-questions`: `baseUrl` with a content hash of
 * `questionSetJson`, in place of a `{hash}` placeholder or as the query parameter `v`. The same
 * content always gives the same URL; any change gives a new one, so Indeed's 20-minute cache never
 * serves a stale set.
 *
 * @param questionSetJson the exact text served (see {@link serialiseQuestionSet}).
 * @throws ConfigurationError when `baseUrl` is not an absolute https URL (Indeed requires HTTPS).
 */
export async function questionsUrl(
  baseUrl: string,
  questionSetJson: string,
  options: QuestionsUrlOptions = {},
): Promise<string> {
  const placeholder = "{hash}";
  let url: URL;
  try {
    url = new URL(baseUrl.replace(placeholder, "0"));
  } catch (cause) {
    throw new ConfigurationError(
      "questionsBaseUrl",
      `"${baseUrl}" is not an absolute URL; use e.g. https://ats.example.com/indeed/questions/{hash}.json`,
      { cause },
    );
  }
  if (url.protocol !== "https:") {
    throw new ConfigurationError(
      "questionsBaseUrl",
      `Indeed fetches questions over HTTPS only; "${baseUrl}" is ${url.protocol.replace(":", "")}`,
    );
  }
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(questionSetJson)),
  );
  const hash = bytesToHex(digest).slice(0, Math.min(64, Math.max(8, options.hashLength ?? 16)));
  if (baseUrl.includes(placeholder)) return baseUrl.replace(placeholder, hash);
  const withHash = new URL(baseUrl);
  withHash.searchParams.set(options.parameter ?? "v", hash);
  return withHash.toString();
}
