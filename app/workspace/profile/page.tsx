import type { Metadata } from "next";
import { requireMember } from "@/lib/edge/pages";
import { SessionList } from "@/components/sessions/session-list";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { listUserSessions } from "@/lib/sessions/service";
import { signOutOtherSessionsAction } from "@/lib/edge/actions/sessions";

export const metadata: Metadata = { title: "My profile" };

export default async function ProfilePage() {
  const { tenant, session } = await requireMember();
  const rows: [string, string][] = [
    ["Username", session.user.username],
    ["Name", session.user.name ?? "—"],
    ["Email", session.user.email ?? "—"],
    ["Workspace", `${tenant.displayName} (${tenant.key})`],
    ["Roles", session.user.roles.filter((r) => !r.startsWith("default-roles") && r !== "offline_access" && r !== "uma_authorization").join(", ") || "—"],
  ];
  return (
    <section aria-labelledby="profile-heading">
      <h1 id="profile-heading" className="text-2xl font-semibold">
        My profile
      </h1>
      <dl className="mt-6 grid max-w-xl gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd data-testid={`profile-${label.toLowerCase()}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="sessions-heading" className="mt-10 grid gap-3">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          My sessions
        </h2>
        <p className="text-sm text-slate-600">Where you are signed in to this workspace. Ending a session signs that browser out at its next request.</p>
        <SessionList sessions={await listUserSessions(tenant, session.user.username)} current={session.sid} />
        <div>
          <ConfirmActionButton
            action={signOutOtherSessionsAction}
            label="End every other session"
            ariaLabel="End every other session"
            question="End your sessions everywhere else? This browser stays signed in."
            confirmLabel="End other sessions"
            pendingLabel="Ending…"
          />
        </div>
      </section>
    </section>
  );
}
