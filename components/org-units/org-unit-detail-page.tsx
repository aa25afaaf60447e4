import Link from "next/link";
import { notFound } from "next/navigation";
import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { can } from "@/lib/permissions/permissions";
import { parseListQuery } from "@/lib/pagination/page";
import { findOrgUnit } from "@/lib/org-units/service";
import { metadataToText } from "@/lib/org-units/metadata";
import { OrgUnitDetails } from "@/components/org-units/org-unit-details";
import { OrgUnitForm } from "@/components/org-units/org-unit-form";
import { DeleteOrgUnitForm } from "@/components/org-units/delete-org-unit-form";
import { OrgUnitMembers } from "@/components/memberships/org-unit-members";
import { deleteOrgUnitAction, updateOrgUnitAction } from "@/lib/edge/actions/org-units";

/** One org unit: details, edit, members, delete. The caller has checked `ou:read` in it. */
export async function OrgUnitDetailPage({ view, orgUnitId, params }: { view: TenantAdminView; orgUnitId: string; params: Record<string, string | string[] | undefined> }) {
  const { tenant, principal, admin } = view;
  const ou = await findOrgUnit(tenant, orgUnitId);
  if (!ou) notFound();
  const scope = { orgUnitId: ou.id };
  const query = parseListQuery(params);

  return (
    <div className="grid gap-8">
      <div>
        <p className="text-sm text-slate-500">
          <Link href={`${admin.base}/org-units`} className="hover:underline">
            Org units
          </Link>{" "}
          /
        </p>
        <h1 className="text-2xl font-semibold">{ou.name}</h1>
        <p className="font-mono text-sm text-slate-500">{ou.identifier}</p>
      </div>

      <OrgUnitDetails orgUnit={ou} />

      {can(principal, "ou:update", scope) ? (
        <section aria-labelledby="edit-heading" className="grid gap-3">
          <h2 id="edit-heading" className="text-lg font-semibold">
            Edit
          </h2>
          <OrgUnitForm
            action={updateOrgUnitAction.bind(null, admin.target, ou.id)}
            mode="edit"
            initial={{ name: ou.name, description: ou.description ?? "", metadata: metadataToText(ou.metadata) }}
          />
        </section>
      ) : null}

      {can(principal, "membership:read", scope) ? <OrgUnitMembers tenant={tenant} orgUnit={ou} principal={principal} query={query} admin={admin} /> : null}

      {can(principal, "ou:delete", scope) ? (
        <section aria-labelledby="delete-heading" className="grid gap-3 rounded-lg border border-red-200 bg-white p-5">
          <h2 id="delete-heading" className="text-lg font-semibold text-red-800">
            Delete org unit
          </h2>
          {ou.memberCount > 0 ? (
            <p className="text-sm text-slate-700">
              “{ou.identifier}” has {ou.memberCount === 1 ? "1 member" : `${ou.memberCount} members`}. Remove every member before deleting it.
            </p>
          ) : (
            <>
              <p className="text-sm text-slate-700">This cannot be undone. The org unit “{ou.identifier}” is empty and can be deleted.</p>
              <DeleteOrgUnitForm action={deleteOrgUnitAction.bind(null, admin.target, ou.id)} identifier={ou.identifier} />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
