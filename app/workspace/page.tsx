import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/edge/pages";
import { isTenantAdmin } from "@/lib/permissions/permissions";
import { requireWorkspace } from "@/lib/access/request";
import { AdminHome } from "@/components/workspace/admin-home";
import { getBranding } from "@/lib/branding/service";

export async function generateMetadata(): Promise<Metadata> {
  const branding = await getBranding(await requireWorkspace());
  return { title: { absolute: branding.organizationName } };
}

export default async function WorkspaceHome() {
  const caller = await requireMember();
  if (isTenantAdmin(caller.principal)) return <AdminHome tenant={caller.tenant} />;
  const branding = await getBranding(caller.tenant);
  return (
    <section>
      <p className="text-sm font-medium text-brand-600">Workspace</p>
      <h1 className="mt-1 text-3xl font-semibold" data-testid="workspace-name">
        {branding.organizationName}
      </h1>
      <p className="mt-3 text-slate-600">
        Welcome, {caller.session.user.name || caller.session.user.username}.{" "}
        <Link href="/profile" className="text-brand-700 underline">
          See your profile
        </Link>
        {caller.tenant.kind === "shared_cloud" ? (
          <>
            {" "}
            or{" "}
            <Link href="/orgs" className="text-brand-700 underline">
              your organizations
            </Link>
          </>
        ) : null}
        .
      </p>
    </section>
  );
}
