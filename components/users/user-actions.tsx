"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { tenantRoleOptions } from "@/components/users/tenant-role-options";
import { SetPasswordLink } from "@/components/users/set-password-link";
import { OneTimePassword } from "@/components/users/one-time-password";
import { useActionForm } from "@/components/ui/form-feedback";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { PASSWORD_HINT } from "@/shared/password-policy";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

function Feedback({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
      {state.message}
    </p>
  );
}

/** Enable or disable; refreshes the page so the status shown is the stored one. */
export function EnableToggle({ enabled, action }: { enabled: boolean; action: Action }) {
  const { state, formAction, pending } = useActionForm(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant={enabled ? "danger" : "primary"} disabled={pending}>
        {enabled ? "Disable user" : "Enable user"}
      </Button>
      <Feedback state={state} />
    </form>
  );
}

/** The user's tenant-wide role; refreshes the page so the sync state shown is the stored one. */
export function TenantRoleForm({ role, action, lockedReason }: { role: string; action: Action; lockedReason?: string }) {
  const { state, formAction, pending } = useActionForm(action);
  const value = state.attempt ? (state.values.tenantRole ?? role) : role;
  return (
    <form action={formAction} key={state.attempt ?? 0} className="flex flex-wrap items-end gap-3" noValidate>
      <SelectField
        name="tenantRole"
        label="Role in this workspace"
        defaultValue={value}
        options={tenantRoleOptions}
        error={state.fieldErrors.tenantRole}
        hint={lockedReason}
        disabled={Boolean(lockedReason)}
      />
      {lockedReason ? null : (
        <Button type="submit" variant="secondary" disabled={pending}>
          Save role
        </Button>
      )}
      <Feedback state={state} />
    </form>
  );
}

export function ResetPasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [mode, setMode] = useState("generate");
  return (
    <form action={formAction} key={state.attempt ?? 0} className="grid gap-3" noValidate>
      <div className="flex flex-wrap gap-4 text-sm">
        {[
          ["generate", "Generate a one-time password"],
          ["link", "Make a set-password link"],
          ["set", "Set a password"],
        ].map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input type="radio" name="passwordMode" value={value} checked={mode === value} onChange={() => setMode(value!)} /> {label}
          </label>
        ))}
      </div>
      {mode === "set" ? (
        <TextField name="password" label="New password" type="password" error={state.fieldErrors.password} autoComplete="new-password" hint={PASSWORD_HINT} />
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          {mode === "link" ? "Make link" : "Reset password"}
        </Button>
        <Feedback state={state} />
      </div>
      {state.ok && state.values.oneTimePassword ? <OneTimePassword value={state.values.oneTimePassword} /> : null}
      {state.ok && state.values.mailOutcome ? <SetPasswordLink values={state.values} /> : null}
    </form>
  );
}

export function RetrySyncButton({ action }: { action: Action }) {
  const { state, formAction, pending } = useActionForm(action);
  return (
    <form action={formAction} className="grid gap-2">
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          Retry sync
        </Button>
        <Feedback state={state} />
      </div>
      {state.ok && state.values.oneTimePassword ? <OneTimePassword value={state.values.oneTimePassword} /> : null}
    </form>
  );
}

/** Deleting asks for the username typed out, so it cannot happen by a stray click. */
export function DeleteUserForm({ username, action }: { username: string; action: Action }) {
  const { state, formAction, pending } = useActionForm(action);
  return (
    <form action={formAction} key={state.attempt ?? 0} className="grid max-w-md gap-3" noValidate>
      <TextField name="confirm" label={`Type ${username} to delete this user`} error={state.fieldErrors.confirm} autoComplete="off" spellCheck={false} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="danger" disabled={pending}>
          Delete user
        </Button>
        {state.ok ? null : <Feedback state={state} />}
      </div>
    </form>
  );
}

/**
 * A new username, then a confirmation naming the old and the new one (the user's sessions end);
 * on success the client goes to the user's page under the new name.
 */
export function RenameUserForm({ username, action }: { username: string; action: Action }) {
  const form = useActionForm(action);
  return (
    <div className="grid max-w-md gap-3">
      <RenameFields key={form.state.attempt ?? 0} username={username} {...form} />
      {form.state.ok ? null : <Feedback state={form.state} />}
    </div>
  );
}

/** Keyed by attempt, so a refused rename starts over at the name field (showing its error). */
function RenameFields({ username, state, formAction, pending, formRef }: { username: string } & ReturnType<typeof useActionForm>) {
  const [proposed, setProposed] = useState<string | null>(null);
  return (
    <form
      ref={formRef}
      action={formAction}
      className="grid gap-3"
      noValidate
      onSubmit={(event) => {
        if (proposed !== null) return;
        event.preventDefault();
        const name = String(new FormData(event.currentTarget).get("username") ?? "")
          .trim()
          .toLowerCase();
        if (name && name !== username) setProposed(name);
      }}
    >
      <TextField
        name="username"
        label="New username"
        defaultValue={state.values.username ?? ""}
        error={state.fieldErrors.username}
        autoComplete="off"
        spellCheck={false}
        readOnly={proposed !== null}
      />
      {proposed === null ? (
        <div>
          <Button type="submit" variant="secondary">
            Rename…
          </Button>
        </div>
      ) : (
        <div role="alertdialog" aria-labelledby="rename-confirm" className="grid gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p id="rename-confirm">
            Rename <strong>{username}</strong> to <strong>{proposed}</strong>? Their memberships follow; their sessions end and they sign in with the new name.
          </p>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={pending} autoFocus>
              Rename to {proposed}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setProposed(null)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </form>
  );
}

export function ProfileForm({ initial, action, readOnly }: { initial: Record<string, string>; action: Action; readOnly: boolean }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const v = state.attempt ? state.values : initial;
  return (
    <form action={formAction} key={state.attempt ?? 0} className="grid max-w-xl gap-4" noValidate>
      <TextField name="email" label="Email" type="email" defaultValue={v.email} error={state.fieldErrors.email} disabled={readOnly} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="firstName" label="First name" defaultValue={v.firstName} error={state.fieldErrors.firstName} disabled={readOnly} />
        <TextField name="lastName" label="Last name" defaultValue={v.lastName} error={state.fieldErrors.lastName} disabled={readOnly} />
      </div>
      {readOnly ? null : (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            Save profile
          </Button>
          <Feedback state={state} />
        </div>
      )}
    </form>
  );
}
