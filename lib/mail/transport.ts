import nodemailer, { type Transporter } from "nodemailer";
import type { MailConfig } from "@/lib/mail/config";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

// One transport (a connection per message, no pool) per SMTP URL; an admin waits for the send, so the timeouts are short.
const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
      secure: url.protocol === "smtps:",
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** Hands the message to the configured SMTP server; throws when it is not accepted. */
export async function sendMail(config: MailConfig, mail: OutgoingMail): Promise<void> {
  await transportFor(config.smtpUrl).sendMail({ from: config.from, ...mail });
}
