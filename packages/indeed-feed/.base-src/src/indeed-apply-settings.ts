import { z } from "zod";

/*
 * The Indeed Apply settings of one job, written into `<indeed-apply-data>` (SPEC §2; seed
 * 004_7a98198eda9710f9.txt, "Indeed エントリー設定パラメータ"). `jobTitle` and `jobCompanyName` are not
 * settings: the seed says they must equal `<title>` and `<company>`, so they are taken from the job.
 */

/** `optional` / `hidden` / `required`: how the apply form treats the phone, cover letter or resume field. */
export const ApplyFieldModeSchema = z.enum(["optional", "hidden", "required"]);
/** See {@link ApplyFieldModeSchema}. */
export type ApplyFieldMode = z.infer<typeof ApplyFieldModeSchema>;

/** Resume fields that `resumefieldsrequired` / `resumefieldsoptional` may list (seed: "Resumeフィールドの標準化"). */
export const ResumeFieldSchema = z.enum([
  "namePronunciation",
  "phone",
  "dateOfBirth",
  "gender",
  "location",
  "positions",
  "education",
  "skills",
  "languages",
  "certifications",
]);
/** See {@link ResumeFieldSchema}. */
export type ResumeField = z.infer<typeof ResumeFieldSchema>;

const httpsUrl = (what: string) =>
  z.url({ protocol: /^https$/, error: `${what} must be an absolute HTTPS URL (Indeed refuses plain HTTP)` });

/** An HTTP(S) URL of at most 2,048 characters. */
const webUrl = z.url({ protocol: /^https?$/, error: "Expected an absolute http(s) URL" });

/** Printable ASCII only: the seed allows jobId "最大256字のASCII文字". */
const ASCII_PRINTABLE = /^[\x20-\x7E]+$/;

/** Indeed Apply settings that every job shares or sets itself, before encryption of the e-mail. */
const IndeedApplyFieldsSchema = z.object({
  /** The "client ID" of the Indeed Apply credential (https://secure.indeed.com/account/apikeys). */
  apiToken: z.string().trim().min(1, "apiToken may not be blank"),
  /** Where the job is, at most 50 characters, e.g. `東京都港区`. */
  jobLocation: z
    .string()
    .trim()
    .min(1, "jobLocation may not be blank")
    .max(50, "jobLocation is limited to 50 characters"),
  /** Your id of the job, echoed in the application (≤ 256 printable ASCII characters). */
  jobId: z
    .string()
    .min(1, "jobId may not be blank")
    .max(256, "jobId is limited to 256 characters")
    .regex(ASCII_PRINTABLE, "jobId may hold printable ASCII characters only")
    .optional(),
  /** Canonical URL of the job's detail page. */
  jobUrl: webUrl.optional(),
  /** Opaque text echoed back in the application post. */
  jobMeta: z.string().min(1, "jobMeta may not be blank").optional(),
  /** HTTPS endpoint that receives the application JSON. Required unless an e-mail is given. */
  postUrl: httpsUrl("postUrl").optional(),
  /** Language of the e-mail sent to the employer: `en` (Indeed's default) or `ja`. */
  locale: z
    .string()
    .regex(/^[a-z]{2}(?:[_-][A-Z]{2})?$/, "locale is a language code such as ja or en")
    .optional(),
  phone: ApplyFieldModeSchema.optional(),
  coverLetter: ApplyFieldModeSchema.optional(),
  /** `required` by default on Indeed's side. */
  resume: ApplyFieldModeSchema.optional(),
  resumeFieldsRequired: z
    .array(ResumeFieldSchema)
    .min(1, "give at least one field or leave it out")
    .optional(),
  resumeFieldsOptional: z
    .array(ResumeFieldSchema)
    .min(1, "give at least one field or leave it out")
    .optional(),
  /** `fullname` (Indeed's default) or `firstlastname`. */
  name: z.enum(["fullname", "firstlastname"]).optional(),
  /** Advertiser number used for conversion attribution. */
  advNum: z.string().regex(/^\d+$/, "advNum is a number").optional(),
  /** HTTPS URL serving the screening-question JSON. */
  questions: httpsUrl("questions").optional(),
});

/**
 * The rules that span fields (seed: "postUrl が入力されていない場合、このフィールドは必須です";
 * "optionalまたはhiddenを選択し、resumefieldsoptionalまたはresumefieldsrequiredを含めない場合、
 * スクリーニング用の質問を含める必要があります").
 */
function checkApplyRules(
  settings: {
    postUrl?: string | undefined;
    resume?: ApplyFieldMode | undefined;
    resumeFieldsRequired?: readonly string[] | undefined;
    resumeFieldsOptional?: readonly string[] | undefined;
    questions?: string | undefined;
  },
  hasEmail: boolean,
  ctx: z.RefinementCtx,
): void {
  if (settings.postUrl === undefined && !hasEmail) {
    ctx.addIssue({
      code: "custom",
      path: ["postUrl"],
      message:
        "Indeed Apply needs a postUrl (applications posted to your HTTPS endpoint) or an encrypted e-mail",
    });
  }
  const noResumeFields =
    settings.resumeFieldsRequired === undefined && settings.resumeFieldsOptional === undefined;
  if (
    (settings.resume === "optional" || settings.resume === "hidden") &&
    noResumeFields &&
    settings.questions === undefined
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["questions"],
      message: `resume "${settings.resume}" without resumeFieldsRequired/resumeFieldsOptional needs screening questions: set questions`,
    });
  }
}

/** One e-mail address: Indeed removes Indeed Apply from a job whose e-mail holds several (seed: "メールアドレスは1つのみ"). */
const SingleEmailSchema = z
  .string()
  .trim()
  .regex(/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/, "email must be exactly one address such as jobs@example.co.jp");

/** Lower-case hex of whole AES blocks, as `encryptIndeedApplyEmail` produces. */
export const EncryptedEmailSchema = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{32})+$/, "the encrypted e-mail is hex of whole 16-byte AES blocks");

/**
 * The Indeed Apply settings of a job, typed. Give `email` in clear (the writer encrypts it with the
 * tenant's API secret through `@org/indeed-apply`) or `encryptedEmail` already encrypted; never both.
 */
export const IndeedApplySettingsSchema = IndeedApplyFieldsSchema.extend({
  /** The employer's address, in clear; encrypted when the feed is written. */
  email: SingleEmailSchema.optional(),
  /** The employer's address, already encrypted with `encryptIndeedApplyEmail`. */
  encryptedEmail: EncryptedEmailSchema.optional(),
}).superRefine((settings, ctx) => {
  if (settings.email !== undefined && settings.encryptedEmail !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["email"],
      message: "Give email or encryptedEmail, not both: Indeed Apply takes exactly one address",
    });
  }
  checkApplyRules(settings, settings.email !== undefined || settings.encryptedEmail !== undefined, ctx);
});
/** See {@link IndeedApplySettingsSchema}. */
export type IndeedApplySettings = z.infer<typeof IndeedApplySettingsSchema>;
/** The input shape of {@link IndeedApplySettingsSchema}. */
export type IndeedApplySettingsInput = z.input<typeof IndeedApplySettingsSchema>;

/**
 * What `<indeed-apply-data>` holds once decoded: the settings with the e-mail encrypted, plus
 * `jobTitle` (≤ 50 characters) and `jobCompanyName`, which must equal `<title>` and `<company>`.
 */
export const IndeedApplyDataSchema = IndeedApplyFieldsSchema.extend({
  jobTitle: z
    .string()
    .trim()
    .min(1, "jobTitle may not be blank")
    .max(50, "jobTitle is limited to 50 characters"),
  jobCompanyName: z.string().trim().min(1, "jobCompanyName may not be blank"),
  /** The employer's address, encrypted (hex). */
  email: EncryptedEmailSchema.optional(),
}).superRefine((data, ctx) => checkApplyRules(data, data.email !== undefined, ctx));
/** See {@link IndeedApplyDataSchema}. */
export type IndeedApplyData = z.infer<typeof IndeedApplyDataSchema>;
