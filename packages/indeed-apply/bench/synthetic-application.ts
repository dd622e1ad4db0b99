/**
 * Synthetic Indeed Apply posts of a chosen size for the benchmarks: the seed's resume-upload
 * example (both answer formats) with a base64 resume sized so the whole body reaches the target.
 */
import { readFileSync } from "node:fs";

const seed = JSON.parse(
  readFileSync(new URL("../src/fixtures/seed-applications/resume-upload.raw.txt", import.meta.url), "utf8"),
) as Record<string, unknown>;

/** Deterministic pseudo-random bytes (xorshift), so every run posts the same resume. */
function bytes(length: number, seed = 42): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** The JSON body of an application of about `targetBytes`, with application id `id` and applicant `n`. */
export function syntheticApplication(targetBytes: number, id = "bench-1", n = 1): string {
  const base = {
    ...seed,
    id,
    applicant: {
      ...(seed.applicant as object),
      fullName: `山田 太郎 ${n}`,
      email: `taro.${n}@example.jp`,
      phoneNumber: "090-1234-5678",
      resume: { file: { fileName: "resume.pdf", contentType: "application/pdf", data: "" } },
    },
  };
  const overhead = new TextEncoder().encode(JSON.stringify(base)).length;
  const resumeBytes = Math.max(0, Math.floor(((targetBytes - overhead) * 3) / 4));
  base.applicant.resume.file.data = Buffer.from(bytes(resumeBytes)).toString("base64");
  return JSON.stringify(base);
}
