"use server";

import { authorizeTenantAdmin } from "@/lib/auth/tenant-admin";
import { AppError } from "@/lib/errors/app-error";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { fieldErrors, parseOrThrow } from "@/lib/errors/zod";
import { changeTenantRoleSchema, createUserSchema, renameUserSchema, updateUserSchema, usernameSchema } from "@/lib/users/schema";
import { passwordSchema } from "@/lib/passwords/schema";
import { deliveryFormValues } from "@/lib/mail/delivery";
import { changeTenantUserRole, createTenantUser, deleteTenantUser, issueTenantUserSetPasswordLink, renameTenantUser, resetTenantUserPassword, retryUserSync, setTenantUserEnabled, updateTenantUser } from "@/lib/users/commands";

const invalid = (errors: Record<string, string>) => new AppError("validation_failed", "Some fields need attention.", errors);

function usernameOf(raw: string): string {
  const parsed = usernameSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("not_found", "User not found.");
  return parsed.data;
}

export async function createUserAction(target: string | null, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, admin, principal } = await authorizeTenantAdmin(target, "user:create");
    const parsed = createUserSchema.safeParse(values);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error));
    const result = await createTenantUser(tenant, parsed.data, principal, actor);
    const link = result.setPasswordLink;
    const shownOnce = { oneTimePassword: result.oneTimePassword ?? "", ...(link ? deliveryFormValues("setPasswordUrl", link.url, link.delivery) : {}) };
    return {
      message: result.provisioningState === "synced" ? "User created." : "User saved, but the identity server did not accept it yet. Retry from the user's page.",
      values: { ...values, password: "", ...shownOnce },
      redirectTo: shownOnce.oneTimePassword || link ? undefined : `${admin.base}/users/${encodeURIComponent(result.username)}`,
    };
  });
}

export async function updateUserAction(target: string | null, rawUsername: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, principal } = await authorizeTenantAdmin(target, "user:update");
    const parsed = updateUserSchema.safeParse(values);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error));
    const result = await updateTenantUser(tenant, usernameOf(rawUsername), parsed.data, principal, actor);
    return { message: result.provisioningState === "synced" ? "Saved." : "Saved here; the identity server has not taken the change yet (retry below)." };
  });
}

/** Renames the user (the page asked to confirm, naming both names); the client goes to the user's new page. */
export async function renameUserAction(target: string | null, rawUsername: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, admin, principal } = await authorizeTenantAdmin(target, "user:update");
    const parsed = renameUserSchema.safeParse(values);
    if (!parsed.success) throw invalid(fieldErrors(parsed.error));
    const result = await renameTenantUser(tenant, usernameOf(rawUsername), parsed.data.username, principal, actor);
    return {
      message: result.provisioningState === "synced" ? "Renamed. Their sessions have ended; they sign in with the new name." : "Renamed here; the identity server has not taken the new name yet (retry on the user's page).",
      redirectTo: `${admin.base}/users/${encodeURIComponent(result.username)}`,
    };
  });
}

export async function changeTenantRoleAction(target: string | null, rawUsername: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, principal } = await authorizeTenantAdmin(target, "user:update");
    const { tenantRole } = parseOrThrow(changeTenantRoleSchema, values);
    const result = await changeTenantUserRole(tenant, usernameOf(rawUsername), tenantRole, principal, actor);
    return { message: result.provisioningState === "synced" ? "Role saved. It counts from the user's next request." : "Role saved here; the identity server has not taken it yet (retry above)." };
  });
}

export async function setEnabledAction(target: string | null, rawUsername: string, enabled: boolean, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { tenant, actor, principal } = await authorizeTenantAdmin(target, "user:disable");
    await setTenantUserEnabled(tenant, usernameOf(rawUsername), enabled, principal, actor);
    return { message: enabled ? "User enabled." : "User disabled: their sessions have ended and sign-in is refused." };
  });
}

export async function resetPasswordAction(target: string | null, rawUsername: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, {}, async (): Promise<Partial<FormState>> => {
    const { tenant, actor, principal } = await authorizeTenantAdmin(target, "user:reset_password");
    if (values.passwordMode === "link") {
      const link = await issueTenantUserSetPasswordLink(tenant, usernameOf(rawUsername), principal, actor);
      const message = link.delivery.outcome === "sent" ? "Set-password link made and mailed to the user; any older link stops working." : "Set-password link made; any older link stops working.";
      return { message, values: deliveryFormValues("setPasswordUrl", link.url, link.delivery) };
    }
    let password: string | undefined;
    if (values.passwordMode === "set") {
      const parsed = passwordSchema.safeParse(values.password ?? "");
      if (!parsed.success) throw invalid({ password: parsed.error.issues[0]?.message ?? "Invalid password" });
      password = parsed.data;
    }
    const result = await resetTenantUserPassword(tenant, usernameOf(rawUsername), password, principal, actor);
    return { message: result.oneTimePassword ? "One-time password set. Give it to the user; they choose their own at next sign-in." : "Password set.", values: { oneTimePassword: result.oneTimePassword ?? "" } };
  });
}

export async function retrySyncAction(target: string | null, rawUsername: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { tenant, actor, principal } = await authorizeTenantAdmin(target, "user:update");
    const result = await retryUserSync(tenant, usernameOf(rawUsername), principal, actor);
    if (result.provisioningState !== "synced") throw new AppError("conflict", "The identity server still refuses this user; see the error above.");
    return { message: "In step with the identity server again.", values: { oneTimePassword: result.oneTimePassword ?? "" } };
  });
}

export async function deleteUserAction(target: string | null, rawUsername: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor, admin, principal } = await authorizeTenantAdmin(target, "user:delete");
    const username = usernameOf(rawUsername);
    if ((values.confirm ?? "").trim().toLowerCase() !== username) throw invalid({ confirm: `Type ${username} to confirm.` });
    await deleteTenantUser(tenant, username, principal, actor);
    return { message: "User deleted.", redirectTo: `${admin.base}/users` };
  });
}
