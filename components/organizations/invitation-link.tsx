import { LinkDelivery } from "@/components/mail/link-delivery";

const WORDING = { name: "Invitation link", recipient: "the person", validity: "It works once, for 7 days; sending the invitation again replaces it.", testId: "invitation-link" };

/** An invitation link just issued: mailed to the invitee, or shown once to pass on. */
export function InvitationLink({ values }: { values: Record<string, string> }) {
  return <LinkDelivery values={values} urlField="invitationUrl" wording={WORDING} />;
}
