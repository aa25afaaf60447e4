import { CopySecret } from "@/components/ui/copy-secret";

/** A set-password link, shown to the admin once to pass on (Gatehouse sends no email). */
export function SetPasswordLink({ url }: { url: string }) {
  return (
    <CopySecret
      value={url}
      testId="set-password-link"
      notice="Set-password link — shown only now. Give it to the user yourself (Gatehouse sends no email): it works once, for 72 hours, and a newer link replaces it."
    />
  );
}
