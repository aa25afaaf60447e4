import type { OutgoingMail } from "@/lib/mail/transport";

/** What every link mail says: who it is from, what the link does, the link, and until when. */
interface LinkMail {
  to: string;
  subject: string;
  /** The sender as the recipient knows it: the tenant's organization name (branding). */
  organizationName: string;
  /** One or two sentences before the link. */
  lead: string;
  action: string;
  url: string;
  expiresAt: Date;
  /** The last line: what to do if this was not expected. */
  footer: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const formatExpiry = (at: Date) => at.toUTCString().replace("GMT", "UTC");

/** Plain text first (what every client shows), and a simple HTML version with the link as a button. */
function linkMail(mail: LinkMail): OutgoingMail {
  const until = `This link works once, until ${formatExpiry(mail.expiresAt)}.`;
  const text = [mail.lead, "", `${mail.action}:`, mail.url, "", until, "", mail.footer, "", `— ${mail.organizationName}`].join("\n");
  const html = [
    `<p>${escapeHtml(mail.lead)}</p>`,
    `<p><a href="${escapeHtml(mail.url)}" style="display:inline-block;padding:10px 16px;background:#2563eb;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(mail.action)}</a></p>`,
    `<p style="font-size:13px;color:#475569">Or open this address: ${escapeHtml(mail.url)}</p>`,
    `<p style="font-size:13px;color:#475569">${escapeHtml(until)} ${escapeHtml(mail.footer)}</p>`,
    `<p>— ${escapeHtml(mail.organizationName)}</p>`,
  ].join("\n");
  return { to: mail.to, subject: mail.subject, text, html };
}

export function setPasswordMail(input: { to: string; organizationName: string; username: string; url: string; expiresAt: Date }): OutgoingMail {
  return linkMail({
    to: input.to,
    subject: `Set your password for ${input.organizationName}`,
    organizationName: input.organizationName,
    lead: `An administrator of ${input.organizationName} asked you to choose a password for your account ${input.username}.`,
    action: "Choose your password",
    url: input.url,
    expiresAt: input.expiresAt,
    footer: "If you did not expect this, ignore this mail; nothing changes until the link is used.",
  });
}

export function invitationMail(input: { to: string; organizationName: string; role: string; url: string; expiresAt: Date }): OutgoingMail {
  return linkMail({
    to: input.to,
    subject: `You are invited to join ${input.organizationName}`,
    organizationName: input.organizationName,
    lead: `You are invited to join ${input.organizationName} as ${input.role === "admin" ? "an admin" : "a member"}.`,
    action: "Accept the invitation",
    url: input.url,
    expiresAt: input.expiresAt,
    footer: "If you did not expect this, ignore this mail; you join only if you accept.",
  });
}
