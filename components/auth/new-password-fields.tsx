import { TextField } from "@/components/ui/field";
import { PASSWORD_HINT } from "@/shared/password-policy";

/** A new password, typed twice (the server checks the rule and that both agree). */
export function NewPasswordFields({ errors, label = "Password" }: { errors: Readonly<Record<string, string | undefined>>; label?: string }) {
  return (
    <>
      <TextField name="password" label={label} type="password" required error={errors.password} autoComplete="new-password" hint={PASSWORD_HINT} />
      <TextField name="confirm" label="Repeat the password" type="password" required error={errors.confirm} autoComplete="new-password" />
    </>
  );
}
