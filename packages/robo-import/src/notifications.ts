import { EmailSchema } from "@org/ats-core";
import { z } from "zod";
import { formatRunReport, type RunReport } from "./run-report";

/** Where run reports go: To, and an optional Cc (seed 000 recommends a mailing list in Cc). */
export const RecipientsSchema = z.object({
  to: z.array(EmailSchema).min(1, "Give at least one To address for import reports"),
  cc: z.array(EmailSchema).default([]),
});
/** See {@link RecipientsSchema}. */
export type Recipients = z.infer<typeof RecipientsSchema>;

/** An e-mail to send. */
export interface OutgoingEmail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
}

/** The mail port: how the ATS sends e-mail (SMTP, an API, an outbox folder in the demo). */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

/** Sends run reports to the tenant's recipients, on completion and on error. */
export class ReportNotifier {
  constructor(
    private readonly mailer: Mailer,
    private readonly recipients: Recipients,
  ) {}

  async notify(report: RunReport): Promise<void> {
    const { subject, text } = formatRunReport(report);
    await this.mailer.send({ to: [...this.recipients.to], cc: [...this.recipients.cc], subject, text });
  }
}
