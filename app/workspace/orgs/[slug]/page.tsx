import type { Metadata } from "next";
import Link from "next/link";
import { parseListQuery } from "@/lib/pagination/page";
import { requireOrganizationPage } from "@/lib/edge/pages";
import { listInvitations, listOrganizationMembers } from "@/lib/organizations/queries";
import { inviteAction } from "@/lib/edge/actions/organizations";
import { InviteForm } from "@/components/organizations/invite-form";
import { OrganizationMembers } from "@/components/organizations/organization-members";
import { OrganizationInvitations } from "@/components/organizations/organization-invitations";

export const metadata: Metadata = { title: "Organization" };

/** An organization's page for its members: who is in it; its admins also invite, re-role and remove. */
export default async function OrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { caller, organization, role, locked } = await requireOrganizationPage(slug);
  const header = (
    <div>
      <p className="text-sm text-slate-500">
        <Link href="/orgs" className="hover:underline">
          Organizations
        </Link>{" "}
        /
      </p>
      <h1 className="text-2xl font-semibold" data-testid="organization-name">
        {organization.name}
      </h1>
    </div>
  );
  if (locked) {
    return (
      <div className="grid gap-4">
        {header}
        <div role="alert" data-testid="organization-locked" className="grid gap-2 rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-900">
          <p className="font-semibold">{locked.title}</p>
          <p>{locked.body}</p>
          <p>{locked.contact}</p>
        </div>
      </div>
    );
  }
  const query = parseListQuery(await searchParams);
  const isAdmin = role === "admin";
  const [members, invitations] = await Promise.all([
    listOrganizationMembers(caller.tenant, organization.id, query),
    isAdmin ? listInvitations(caller.tenant, organization.id) : [],
  ]);
  return (
    <div className="grid gap-8">
      {header}
      {isAdmin ? <InviteForm action={inviteAction.bind(null, organization.id)} title={`Invite someone to ${organization.name}`} /> : null}
      <OrganizationMembers organization={organization} page={members} q={query.q} basePath={`/orgs/${organization.slug}`} manageable={isAdmin} />
      {isAdmin ? <OrganizationInvitations organizationId={organization.id} invitations={invitations} manageable /> : null}
    </div>
  );
}
