import { readSection } from "@/lib/config/env";

/** Where mail goes and whom it is from; null: mail is not configured and links are passed on by hand. */
export interface MailConfig {
  smtpUrl: string;
  from: string;
}

/**
 * Read on every send rather than once at start-up (unlike `env()`), so a test or an operator's
 * restart-free change of the process environment takes effect; it is two variables, cheap to parse.
 */
export function mailConfig(source: Record<string, string | undefined> = process.env): MailConfig | null {
  const { GATEHOUSE_SMTP_URL: smtpUrl, GATEHOUSE_MAIL_FROM: from } = readSection("mail", source);
  if (!smtpUrl) return null;
  if (!from) throw new Error("Invalid mail configuration: GATEHOUSE_MAIL_FROM is required when GATEHOUSE_SMTP_URL is set.");
  return { smtpUrl, from };
}
