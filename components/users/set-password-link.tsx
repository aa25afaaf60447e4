import { LinkDelivery } from "@/components/mail/link-delivery";

const WORDING = { name: "Set-password link", recipient: "the user", validity: "It works once, for 72 hours, and a newer link replaces it.", testId: "set-password-link" };

/** A set-password link just issued: mailed to the user, or shown once to pass on. */
export function SetPasswordLink({ values }: { values: Record<string, string> }) {
  return <LinkDelivery values={values} urlField="setPasswordUrl" wording={WORDING} />;
}
