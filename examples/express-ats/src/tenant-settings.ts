import { EmailSchema } from "@org/ats-core";
import { BOARD_IDS } from "@org/robo-import";
import { z } from "zod";

/**
 * One company's settings, kept in `tenants.settings`. Each integration is optional: a company
 * uses what it has configured. (A production ATS encrypts the secrets here at rest.)
 */
export const TenantSettingsSchema = z.object({
  indeed: z
    .object({
      /** The Indeed Apply credential's client id (`indeed-apply-apiToken`). */
      apiToken: z.string().min(1),
      /** Its secret: signs X-Indeed-Signature and encrypts e-mails. */
      apiSecret: z.string().min(1),
      /** Screening questions per ATS job id (Indeed's question JSON), served at content-addressed URLs. */
      questionSets: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).default({}),
    })
    .optional(),
  /** LINE settings as @org/line-link reads them, without tenantId and publicBaseUrl (the app adds them). */
  line: z.record(z.string(), z.unknown()).optional(),
  imports: z
    .object({
      schedule: z.object({
        slots: z.array(z.string()),
        startDate: z.string(),
        timeZone: z.string().optional(),
      }),
      recipients: z.object({ to: z.array(EmailSchema).min(1), cc: z.array(EmailSchema).default([]) }),
      accounts: z.array(
        z.object({
          id: z.string().min(1),
          board: z.enum(BOARD_IDS),
          login: z.string().min(1),
          enabled: z.boolean(),
          graduationYear: z.number().int().optional(),
        }),
      ),
      /** Token YOUTRUST sends with pushes. */
      youtrustToken: z.string().min(16).optional(),
    })
    .optional(),
  /** Recruiters e-mailed about new LINE messages and TopCV posting reviews. */
  recruiterEmails: z.array(EmailSchema).default([]),
});
/** See {@link TenantSettingsSchema}. */
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;
/** The input shape of {@link TenantSettingsSchema}. */
export type TenantSettingsInput = z.input<typeof TenantSettingsSchema>;
