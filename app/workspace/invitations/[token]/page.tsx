import { Time } from "@/components/ui/time";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireWorkspace } from "@/lib/access/request";
import { optionalSession } from "@/lib/auth/optional-session";
import { inspectInvitation, INVITATION_REFUSALS } from "@/lib/organizations/invitations";
import { acceptWithNewAccountAction, joinWithSessionAction } from "@/lib/edge/actions/organizations";
import { AcceptInvitationForm, JoinWithAccountForm } from "@/components/organizations/accept-invitation-form";

// The token is in the path: keep it out of the Referer of anything this page links to.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

/** Public on the cloud host: whoever holds a valid invitation link joins its organization, once. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const cloud = await requireWorkspace();
  if (cloud.kind !== "shared_cloud") notFound();
  const { token } = await params;
  const invitation = await inspectInvitation(cloud, token);
  const session = await optionalSession(cloud);
  if (invitation.state !== "valid") {
    return (
      <div className="grid max-w-lg gap-4">
        <h1 className="text-2xl font-semibold">Invitation</h1>
        <div role="alert" data-testid="invitation-problem" className="grid gap-3 rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-900">
          <p>{INVITATION_REFUSALS[invitation.state]}</p>
          <Link href="/orgs" className="text-brand-700 underline">
            Go to your organizations
          </Link>
        </div>
      </div>
    );
  }
  const callbackUrl = encodeURIComponent(`/invitations/${token}`);
  return (
    <div className="grid max-w-lg gap-4">
      <h1 className="text-2xl font-semibold">Join {invitation.organization.name}</h1>
      <p className="text-sm text-slate-600">
        You are invited as <span className="font-medium">{invitation.role}</span> ({invitation.email}). This link works once, until <Time value={invitation.expiresAt} />.
      </p>
      {session ? (
        <JoinWithAccountForm action={joinWithSessionAction.bind(null, token)} username={session.user.username} organization={invitation.organization.name} />
      ) : (
        <AcceptInvitationForm
          action={acceptWithNewAccountAction.bind(null, token)}
          email={invitation.email}
          signInHref={`/sign-in?callbackUrl=${callbackUrl}`}
          workspace={cloud.displayName}
        />
      )}
    </div>
  );
}
