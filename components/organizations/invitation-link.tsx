import { CopySecret } from "@/components/ui/copy-secret";

/** An invitation link, shown once to whoever invited, to pass on (Gatehouse sends no email). */
export function InvitationLink({ url }: { url: string }) {
  return (
    <CopySecret
      value={url}
      testId="invitation-link"
      notice="Invitation link — shown only now. Give it to the person yourself (Gatehouse sends no email): it works once, for 7 days; sending the invitation again replaces it."
    />
  );
}
