"use server";

import { AppError } from "@/lib/errors/app-error";
import { tenantDb } from "@/lib/db/tenant-clients";
import { requireMayActOn } from "@/lib/permissions/permissions";
import { signOutEverywhere } from "@/lib/sessions/service";
import { tenantRoleOf } from "@/lib/users/commands";
import { BOUND } from "@/lib/edge/bound";
import { memberAction } from "@/lib/edge/member-action";
import { tenantAction } from "@/lib/edge/tenant-action";

const sessionsEnded = (count: number, what: string) => (count === 0 ? `There were no ${what} to end.` : `${count} ${what.replace(/s$/, count === 1 ? "" : "s")} ended.`);

/**
 * An admin signs a user out everywhere (their page asked to confirm). Needs `user:disable` (it is
 * a milder form of it) and, like every act on a user, every permission of that user's role.
 */
export const endUserSessionsAction = tenantAction({
  bound: [BOUND.user],
  permission: "user:disable",
  handle: async ({ tenant, principal, actor, bound: [username] }) => {
    const user = await tenantDb(tenant).user.findUnique({ where: { username } });
    if (!user) throw new AppError("not_found", "User not found.");
    requireMayActOn(principal, await tenantRoleOf(tenant, user), "sign out");
    const { ended, realmSignedOut } = await signOutEverywhere(tenant, username, "revoked_by_admin", { by: actor });
    return {
      message: `${sessionsEnded(ended, "sessions")} ${realmSignedOut ? "The user signs in again with their password on their next visit." : "The identity server could not be reached: they may sign in again without their password until it is."}`,
    };
  },
});

/** A signed-in member ends their other sessions (a lost laptop, a shared computer); this one stays. */
export const signOutOtherSessionsAction = memberAction({
  handle: async ({ tenant, session, actor }) => {
    const { ended } = await signOutEverywhere(tenant, session.user.username, "signed_out_everywhere", { keep: session.sid, by: actor });
    return { message: sessionsEnded(ended, "other sessions") };
  },
});
