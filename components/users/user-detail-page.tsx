import Link from "next/link";
import { notFound } from "next/navigation";
import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { can } from "@/lib/permissions/permissions";
import { getUser } from "@/lib/users/queries";
import { usernameSchema } from "@/lib/users/schema";
import { Badge } from "@/components/ui/badge";
import { DeleteUserForm, EnableToggle, ProfileForm, RenameUserForm, ResetPasswordForm, RetrySyncButton, TenantRoleForm } from "@/components/users/user-actions";
import { tenantRoleOf } from "@/lib/users/commands";
import { UserMemberships } from "@/components/memberships/user-memberships";
import { SessionList } from "@/components/sessions/session-list";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { listUserSessions } from "@/lib/sessions/service";
import { endUserSessionsAction } from "@/lib/edge/actions/sessions";
import { changeTenantRoleAction, deleteUserAction, renameUserAction, resetPasswordAction, retrySyncAction, setEnabledAction, updateUserAction } from "@/lib/edge/actions/users";
import { decodeComponent } from "@/shared/percent";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** One user of a tenant with everything the viewer may do to them. The caller has checked `user:read`. */
export async function UserDetailPage({ view, rawUsername }: { view: TenantAdminView; rawUsername: string }) {
  const { tenant, principal: p, admin } = view;
  // Page params come percent-encoded; one that does not decode names no user.
  const parsed = usernameSchema.safeParse(decodeComponent(rawUsername) ?? "");
  if (!parsed.success) notFound();
  const user = await getUser(tenant, parsed.data);
  if (!user) notFound();
  const username = user.username;
  const role = await tenantRoleOf(tenant, user).catch(() => null);
  const bound = <A extends unknown[], R>(action: (target: string | null, username: string, ...rest: A) => R) => action.bind(null, admin.target, username);

  return (
    <div className="grid gap-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link href={`${admin.base}/users`} className="hover:underline">
            Users
          </Link>{" "}
          /
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{username}</h1>
          {user.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}
          <Badge tone={user.provisioningState === "synced" ? "green" : user.provisioningState === "failed" ? "red" : "amber"}>sync: {user.provisioningState}</Badge>
          {user.isBreakGlass ? <Badge tone="slate">break-glass admin</Badge> : null}
        </div>
      </div>

      {user.provisioningState !== "synced" ? (
        <Section title="Identity sync">
          <p className="mb-3 text-sm text-slate-700">
            This user is {user.provisioningState === "failed" ? "out of step with" : "not yet confirmed by"} the identity server.
            {user.syncError ? (
              <span className="mt-2 block rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800" data-testid="sync-error">
                {user.syncError}
              </span>
            ) : null}
          </p>
          {can(p, "user:update") ? <RetrySyncButton action={bound(retrySyncAction)} /> : null}
        </Section>
      ) : null}

      <Section title="Profile">
        <ProfileForm
          initial={{ email: user.email ?? "", firstName: user.firstName ?? "", lastName: user.lastName ?? "" }}
          action={bound(updateUserAction)}
          readOnly={!can(p, "user:update")}
        />
      </Section>

      <Section title="Role">
        {can(p, "user:update") ? (
          <TenantRoleForm
            role={role ?? "member"}
            action={bound(changeTenantRoleAction)}
            lockedReason={user.isBreakGlass ? "The break-glass admin is always a tenant admin." : undefined}
          />
        ) : (
          <p className="text-sm" data-testid="tenant-role">
            {role ?? "unknown (not in the identity realm yet)"}
          </p>
        )}
      </Section>

      {can(p, "user:update") ? (
        <Section title="Username">
          {user.isBreakGlass ? (
            <p className="text-sm text-slate-600">The break-glass admin keeps its username.</p>
          ) : (
            <RenameUserForm username={username} action={bound(renameUserAction)} />
          )}
        </Section>
      ) : null}

      <Section title="Org units">
        <UserMemberships tenant={tenant} username={username} principal={p} admin={admin} />
      </Section>

      {can(p, "user:disable") ? (
        <Section title={user.enabled ? "Disable" : "Enable"}>
          <p className="mb-3 text-sm text-slate-600">
            {user.enabled ? "A disabled user is refused at once: their next request, their next sign-in and their refresh tokens." : "Let this user sign in again."}
          </p>
          <EnableToggle enabled={user.enabled} action={setEnabledAction.bind(null, admin.target, username, !user.enabled)} />
        </Section>
      ) : null}

      <Section title="Sessions">
        <div className="grid gap-3">
          <SessionList sessions={await listUserSessions(tenant, username)} />
          {can(p, "user:disable") ? (
            <div>
              <ConfirmActionButton
                action={endUserSessionsAction.bind(null, admin.target, username)}
                label={`Sign ${username} out everywhere`}
                ariaLabel={`Sign ${username} out everywhere`}
                question={`End every session of ${username}? They stay enabled and sign in again on their next visit.`}
                confirmLabel="End all sessions"
                pendingLabel="Ending…"
              />
            </div>
          ) : null}
        </div>
      </Section>

      {can(p, "user:reset_password") && user.identityId ? (
        <Section title="Password">
          <ResetPasswordForm action={bound(resetPasswordAction)} />
        </Section>
      ) : null}

      {can(p, "user:delete") ? (
        <Section title="Delete">
          {user.isBreakGlass ? (
            <p className="text-sm text-slate-600">The break-glass admin cannot be deleted, only disabled.</p>
          ) : (
            <DeleteUserForm username={username} action={bound(deleteUserAction)} />
          )}
        </Section>
      ) : null}
    </div>
  );
}
