import { ApplicationRecorder, createInMemoryStores, parseJob } from "@org/ats-core";
import iconv from "iconv-lite";

/** Test helpers: a tenant with jobs and in-memory stores, and exports in the boards' encodings. Not exported. */
export const RUN_AT = new Date("2026-11-21T09:00:00+09:00");

export async function tenantStores() {
  const stores = createInMemoryStores();
  for (const [id, title] of [
    ["job-backend", "バックエンドエンジニア"],
    ["job-sales", "法人営業"],
  ] as const) {
    await stores.jobs.put(
      parseJob({
        id,
        title,
        company: "サンプル商事",
        location: { region: "東京都" },
        status: "open",
        openedAt: "2026-10-01T00:00:00+09:00",
        pipeline: [{ id: "screening", name: "書類選考" }],
      }),
    );
  }
  const recorder = new ApplicationRecorder({
    stores,
    duplicateRules: ["same_external_id"],
    clock: () => RUN_AT,
  });
  return { stores, recorder };
}

/** CSV text as Shift_JIS (CP932) bytes with CRLF line ends, as Excel saves it. */
export function shiftJis(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text.replace(/\r?\n/g, "\r\n"), "cp932"));
}

/** CSV text as UTF-8 bytes with a BOM. */
export function utf8WithBom(text: string): Uint8Array {
  return new TextEncoder().encode(`\ufeff${text}`);
}
