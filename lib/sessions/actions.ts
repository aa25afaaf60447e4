"use server";

import { requireMember } from "@/lib/auth/guards";
import { authorizeTenantAdmin } from "@/lib/auth/tenant-admin";
import { AppError } from "@/lib/errors/app-error";
import { runAction } from "@/lib/errors/action";
import type { FormState } from "@/lib/errors/form-state";
import { signOutEverywhere } from "@/lib/sessions/service";
import { usernameSchema } from "@/lib/users/schema";
import { tenantDb } from "@/lib/db/tenant-clients";
import { requireMayActOn } from "@/lib/permissions/permissions";
import { tenantRoleOf } from "@/lib/users/commands";

const sessionsEnded = (count: number, what: string) => (count === 0 ? `There were no ${what} to end.` : `${count} ${what.replace(/s$/, count === 1 ? "" : "s")} ended.`);

/**
 * An admin signs a user out everywhere (their page asked to confirm). Needs `user:disable` (it is
 * a milder form of it) and, like every act on a user, every permission of that user's role.
 */
export async function endUserSessionsAction(target: string | null, rawUsername: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { tenant, actor, principal } = await authorizeTenantAdmin(target, "user:disable");
    const parsed = usernameSchema.safeParse(rawUsername);
    const user = parsed.success ? await tenantDb(tenant).user.findUnique({ where: { username: parsed.data } }) : null;
    if (!parsed.success || !user) throw new AppError("not_found", "User not found.");
    requireMayActOn(principal, await tenantRoleOf(tenant, user), "sign out");
    const { ended, realmSignedOut } = await signOutEverywhere(tenant, parsed.data, "revoked_by_admin", { by: actor });
    return { message: `${sessionsEnded(ended, "sessions")} ${realmSignedOut ? "The user signs in again with their password on their next visit." : "The identity server could not be reached: they may sign in again without their password until it is."}` };
  });
}

/** A signed-in member ends their other sessions (a lost laptop, a shared computer); this one stays. */
export async function signOutOtherSessionsAction(prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { tenant, session, actor } = await requireMember();
    const { ended } = await signOutEverywhere(tenant, session.user.username, "signed_out_everywhere", { keep: session.sid, by: actor });
    return { message: sessionsEnded(ended, "other sessions") };
  });
}
