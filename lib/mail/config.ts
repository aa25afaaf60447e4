import { z } from "zod";

/** Where mail goes and whom it is from; null: mail is not configured and links are passed on by hand. */
export interface MailConfig {
  smtpUrl: string;
  from: string;
}

const mailEnvSchema = z.object({
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; unset: no mail is sent. */
  GATEHOUSE_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The From header, e.g. `Gatehouse <no-reply@example.com>`; required with GATEHOUSE_SMTP_URL. */
  GATEHOUSE_MAIL_FROM: z.string().trim().min(3).optional(),
});

/**
 * Read on every send rather than once at start-up (unlike `env()`), so a test or an operator's
 * restart-free change of the process environment takes effect; it is two variables, cheap to parse.
 */
export function mailConfig(source: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const parsed = mailEnvSchema.safeParse({ GATEHOUSE_SMTP_URL: source.GATEHOUSE_SMTP_URL || undefined, GATEHOUSE_MAIL_FROM: source.GATEHOUSE_MAIL_FROM || undefined });
  if (!parsed.success) throw new Error(`Invalid mail configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const { GATEHOUSE_SMTP_URL: smtpUrl, GATEHOUSE_MAIL_FROM: from } = parsed.data;
  if (!smtpUrl) return null;
  if (!from) throw new Error("Invalid mail configuration: GATEHOUSE_MAIL_FROM is required when GATEHOUSE_SMTP_URL is set.");
  return { smtpUrl, from };
}
