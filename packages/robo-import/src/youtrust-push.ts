import { timingSafeEqual, toBytes, toValidationIssues } from "@org/ats-core";
import { z } from "zod";
import type { BoardRecord } from "./board-record";
import type { BoardAccount } from "./board-source";
import type { ImportPipeline } from "./import-pipeline";

/**
 * YOUTRUST arrives in real time by push, authenticated by an API token (seed 000: "YOUTRUST経由の
 * 候補者は即時で取り込まれます"; the token is issued to the employer and entered in YOUTRUST).
 * YOUTRUST's push format is not public: this payload is the SDK's own contract, kept in this one
 * module so it can be aligned with YOUTRUST's specification when one is in hand:
 *
 * `POST` with `Authorization: Bearer <token>` and a JSON body
 * `{ "entries": [{ "id", "kind": "scout_reply" | "application", "firstScoutReply"?, "candidate":
 * { "name", "nameKana"?, "email"?, "phone"?, "birthDate"? }, "positionName"?, "appliedAt" }] }`.
 * Scout entries carry no position name (seed 000: the job title is not set yet when the scout is
 * accepted), so they usually land unassigned.
 */
export const YoutrustPushSchema = z.object({
  entries: z
    .array(
      z.object({
        id: z.string().min(1),
        kind: z.enum(["scout_reply", "application"]),
        firstScoutReply: z.boolean().optional(),
        candidate: z.object({
          name: z.string().min(1),
          nameKana: z.string().optional(),
          email: z.string().optional(),
          phone: z.string().optional(),
          birthDate: z.string().optional(),
        }),
        positionName: z.string().nullable().optional(),
        appliedAt: z.iso.datetime({ offset: true }),
      }),
    )
    .min(1, "A push needs at least one entry"),
});
/** See {@link YoutrustPushSchema}. */
export type YoutrustPush = z.infer<typeof YoutrustPushSchema>;

/** A framework-neutral HTTP answer. */
export interface PushResponse {
  status: 200 | 400 | 401 | 500;
  body: {
    ok: boolean;
    message: string;
    imported?: number;
    skipped?: number;
    issues?: { path: string; message: string }[];
  };
}

/** Options for {@link YoutrustPushReceiver}. */
export interface YoutrustPushOptions {
  /** The tenant's API token for YOUTRUST. Empty is a configuration error. */
  token: string;
  /** The tenant's YOUTRUST account. */
  account: BoardAccount;
  pipeline: ImportPipeline;
}

/** Turns one pushed entry into the record the pipeline reads (the same columns a CSV would have). */
export function youtrustRecord(entry: YoutrustPush["entries"][number]): BoardRecord {
  const fields: Record<string, string> = { 氏名: entry.candidate.name, 応募日時: entry.appliedAt };
  if (entry.candidate.nameKana) fields["フリガナ"] = entry.candidate.nameKana;
  if (entry.candidate.email) fields["メールアドレス"] = entry.candidate.email;
  if (entry.candidate.phone) fields["電話番号"] = entry.candidate.phone;
  if (entry.candidate.birthDate) fields["生年月日"] = entry.candidate.birthDate;
  if (entry.positionName) fields["募集ポジション名"] = entry.positionName;
  return {
    externalId: entry.id,
    fields,
    isFirstScoutReply: entry.kind === "scout_reply" && entry.firstScoutReply !== false,
    raw: entry,
  };
}

/**
 * Receives YOUTRUST pushes for one tenant: checks the token in constant time (401, nothing
 * stored), validates the body (400 with every problem, nothing stored), imports the entries
 * through the pipeline and answers 200 only once the ATS has stored them; a failure to store is a
 * 500 so that the push is retried.
 */
export class YoutrustPushReceiver {
  private readonly token: Uint8Array;

  constructor(private readonly options: YoutrustPushOptions) {
    if (options.token.trim() === "")
      throw new RangeError(
        "The YOUTRUST API token is empty; issue one for the tenant before enabling the push endpoint",
      );
    if (options.account.board !== "youtrust")
      throw new RangeError(`The push account must be a YOUTRUST account, got ${options.account.board}`);
    this.token = toBytes(options.token);
  }

  async handle(request: {
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }): Promise<PushResponse> {
    const header = request.headers["authorization"];
    const presented = /^Bearer (.+)$/.exec(Array.isArray(header) ? (header[0] ?? "") : (header ?? ""))?.[1];
    if (presented === undefined || !timingSafeEqual(toBytes(presented), this.token)) {
      return {
        status: 401,
        body: {
          ok: false,
          message:
            "Missing or wrong API token: send Authorization: Bearer <the token issued for this company>",
        },
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(request.body);
    } catch {
      return { status: 400, body: { ok: false, message: "The body is not JSON" } };
    }
    const parsed = YoutrustPushSchema.safeParse(json);
    if (!parsed.success) {
      const issues = toValidationIssues(parsed.error).map((issue) => ({
        path: issue.path.join("."),
        message: issue.message,
      }));
      return {
        status: 400,
        body: { ok: false, message: "The push does not have the expected shape; nothing was stored", issues },
      };
    }
    if (!this.options.account.enabled) {
      return {
        status: 500,
        body: {
          ok: false,
          message: "The YOUTRUST account is disabled in the ATS; enable it to receive pushes",
        },
      };
    }
    const report = await this.options.pipeline.importPushed(
      this.options.account,
      parsed.data.entries.map(youtrustRecord),
    );
    const imported = report.routes.reduce((sum, counts) => sum + counts.new, 0);
    const skipped = report.routes.reduce((sum, counts) => sum + counts.skipped, 0);
    if (report.accounts.some((account) => account.status === "failed") || report.errors.length > 0) {
      return {
        status: 500,
        body: {
          ok: false,
          message: `Not all entries were stored: ${report.errors.map((error) => error.reason).join("; ")}`,
          imported,
          skipped,
        },
      };
    }
    return { status: 200, body: { ok: true, message: "Stored", imported, skipped } };
  }
}
