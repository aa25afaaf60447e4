"use server";

import { AppError } from "@/lib/errors/app-error";
import { invalidFields } from "@/lib/errors/zod";
import { changeTenantRoleSchema, createUserSchema, renameUserSchema, updateUserSchema } from "@/lib/users/schema";
import { passwordSchema } from "@/lib/passwords/schema";
import { deliveryFormValues } from "@/lib/mail/delivery";
import {
  changeTenantUserRole,
  createTenantUser,
  deleteTenantUser,
  issueTenantUserSetPasswordLink,
  renameTenantUser,
  resetTenantUserPassword,
  retryUserSync,
  setTenantUserEnabled,
  updateTenantUser,
} from "@/lib/users/commands";
import { BOUND } from "@/lib/edge/bound";
import { tenantAction } from "@/lib/edge/tenant-action";

export const createUserAction = tenantAction({
  permission: "user:create",
  input: createUserSchema,
  handle: async ({ tenant, principal, actor, admin, values, input }) => {
    const result = await createTenantUser(tenant, input, principal, actor);
    const link = result.setPasswordLink;
    const shownOnce = { oneTimePassword: result.oneTimePassword ?? "", ...(link ? deliveryFormValues("setPasswordUrl", link.url, link.delivery) : {}) };
    return {
      message: result.provisioningState === "synced" ? "User created." : "User saved, but the identity server did not accept it yet. Retry from the user's page.",
      values: { ...values, password: "", ...shownOnce },
      redirectTo: shownOnce.oneTimePassword || link ? undefined : `${admin.base}/users/${encodeURIComponent(result.username)}`,
    };
  },
});

export const updateUserAction = tenantAction({
  bound: [BOUND.user],
  permission: "user:update",
  input: updateUserSchema,
  handle: async ({ tenant, principal, actor, bound: [username], input }) => {
    const result = await updateTenantUser(tenant, username, input, principal, actor);
    return { message: result.provisioningState === "synced" ? "Saved." : "Saved here; the identity server has not taken the change yet (retry below)." };
  },
});

/** Renames the user (the page asked to confirm, naming both names); the client goes to the user's new page. */
export const renameUserAction = tenantAction({
  bound: [BOUND.user],
  permission: "user:update",
  input: renameUserSchema,
  handle: async ({ tenant, principal, actor, admin, bound: [username], input }) => {
    const result = await renameTenantUser(tenant, username, input.username, principal, actor);
    return {
      message:
        result.provisioningState === "synced"
          ? "Renamed. Their sessions have ended; they sign in with the new name."
          : "Renamed here; the identity server has not taken the new name yet (retry on the user's page).",
      redirectTo: `${admin.base}/users/${encodeURIComponent(result.username)}`,
    };
  },
});

export const changeTenantRoleAction = tenantAction({
  bound: [BOUND.user],
  permission: "user:update",
  input: changeTenantRoleSchema,
  handle: async ({ tenant, principal, actor, bound: [username], input }) => {
    const result = await changeTenantUserRole(tenant, username, input.tenantRole, principal, actor);
    return {
      message:
        result.provisioningState === "synced" ? "Role saved. It counts from the user's next request." : "Role saved here; the identity server has not taken it yet (retry above).",
    };
  },
});

/** The page binds whether to enable or disable (the opposite of the user's state when it rendered). */
export const setEnabledAction = tenantAction({
  bound: [BOUND.user, BOUND.flag],
  permission: "user:disable",
  handle: async ({ tenant, principal, actor, bound: [username, enabled] }) => {
    await setTenantUserEnabled(tenant, username, enabled, principal, actor);
    return { message: enabled ? "User enabled." : "User disabled: their sessions have ended and sign-in is refused." };
  },
});

export const resetPasswordAction = tenantAction({
  bound: [BOUND.user],
  permission: "user:reset_password",
  // Passwords are never sent back to the form.
  shown: () => ({}),
  handle: async ({ tenant, principal, actor, bound: [username], values }) => {
    if (values.passwordMode === "link") {
      const link = await issueTenantUserSetPasswordLink(tenant, username, principal, actor);
      const message =
        link.delivery.outcome === "sent" ? "Set-password link made and mailed to the user; any older link stops working." : "Set-password link made; any older link stops working.";
      return { message, values: deliveryFormValues("setPasswordUrl", link.url, link.delivery) };
    }
    let password: string | undefined;
    if (values.passwordMode === "set") {
      const parsed = passwordSchema.safeParse(values.password ?? "");
      if (!parsed.success) throw invalidFields({ password: parsed.error.issues[0]?.message ?? "Invalid password" });
      password = parsed.data;
    }
    const result = await resetTenantUserPassword(tenant, username, password, principal, actor);
    return {
      message: result.oneTimePassword ? "One-time password set. Give it to the user; they choose their own at next sign-in." : "Password set.",
      values: { oneTimePassword: result.oneTimePassword ?? "" },
    };
  },
});

export const retrySyncAction = tenantAction({
  bound: [BOUND.user],
  permission: "user:update",
  handle: async ({ tenant, principal, actor, bound: [username] }) => {
    const result = await retryUserSync(tenant, username, principal, actor);
    if (result.provisioningState !== "synced") throw new AppError("conflict", "The identity server still refuses this user; see the error above.");
    return { message: "In step with the identity server again.", values: { oneTimePassword: result.oneTimePassword ?? "" } };
  },
});

export const deleteUserAction = tenantAction({
  bound: [BOUND.user],
  permission: "user:delete",
  handle: async ({ tenant, principal, actor, admin, bound: [username], values }) => {
    if ((values.confirm ?? "").trim().toLowerCase() !== username) throw invalidFields({ confirm: `Type ${username} to confirm.` });
    await deleteTenantUser(tenant, username, principal, actor);
    return { message: "User deleted.", redirectTo: `${admin.base}/users` };
  },
});
