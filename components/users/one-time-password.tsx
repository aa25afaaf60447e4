import { CopySecret } from "@/components/ui/copy-secret";

/** A generated password shown once, with a copy button. */
export function OneTimePassword({ value }: { value: string }) {
  return <CopySecret value={value} notice="One-time password — shown only now. The user chooses their own at first sign-in." testId="one-time-password" />;
}
