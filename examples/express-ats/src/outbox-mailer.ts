import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Mailer, OutgoingEmail } from "@org/robo-import";

/**
 * The reference app's e-mail port: it writes each message to a local OUTBOX folder as a text file,
 * clearly marked, and sends nothing. Replace it with your SMTP or mail-API client.
 */
export class OutboxMailer implements Mailer {
  private counter = 0;

  constructor(private readonly directory: string) {}

  async send(email: OutgoingEmail): Promise<void> {
    await this.write(email);
  }

  /** Writes the message and returns the file it went to. */
  async write(email: OutgoingEmail): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(this.directory, `${stamp}-${++this.counter}.eml.txt`);
    const lines = [
      "X-Outbox-Note: LOCAL OUTBOX of the reference app; this message was NOT sent.",
      `To: ${email.to.join(", ")}`,
      ...(email.cc.length > 0 ? [`Cc: ${email.cc.join(", ")}`] : []),
      `Subject: ${email.subject}`,
      "",
      email.text,
    ];
    await writeFile(file, `${lines.join("\n")}\n`, "utf8");
    return file;
  }
}
