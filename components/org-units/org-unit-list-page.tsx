import { Time } from "@/components/ui/time";
import Link from "next/link";
import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { can } from "@/lib/permissions/permissions";
import { parseListQuery } from "@/lib/pagination/page";
import { listOrgUnits, orgUnitListSpec } from "@/lib/org-units/service";
import { orgUnitListScope } from "@/lib/org-units/visibility";
import { ListPage } from "@/components/ui/list-page";
import { linkButtonClass } from "@/components/ui/button";

/** A tenant's org units the viewer may read, searchable and paginated. */
export async function OrgUnitListPage({ view, params }: { view: TenantAdminView; params: Record<string, string | string[] | undefined> }) {
  const { tenant, principal, admin } = view;
  const path = `${admin.base}/org-units`;
  const query = parseListQuery(params, orgUnitListSpec);
  const page = await listOrgUnits(tenant, query, orgUnitListScope(principal));
  const canCreate = can(principal, "ou:create");
  const empty = query.q ? `No org unit matches “${query.q}”.` : canCreate ? "No org units yet. Create the first one." : "No org units to show.";

  return (
    <ListPage
      title="Org units"
      action={
        canCreate ? (
          <Link href={`${path}/new`} className={linkButtonClass}>
            Create org unit
          </Link>
        ) : undefined
      }
      search={{ placeholder: "Identifier or name", label: "Search org units" }}
      query={query}
      spec={orgUnitListSpec}
      page={page}
      basePath={path}
      noun="org units"
      empty={empty}
      columns={[{ label: "Org unit", sort: "identifier" }, "Description", "Members", { label: "Created", sort: "created" }]}
    >
      {page.items.map((ou) => (
        <tr key={ou.id}>
          <td className="px-4 py-2">
            <Link href={`${path}/${ou.id}`} className="font-medium text-brand-700 hover:underline">
              {ou.name}
            </Link>
            <div className="font-mono text-xs text-slate-500">{ou.identifier}</div>
          </td>
          <td className="max-w-xs truncate px-4 py-2 text-slate-600">{ou.description ?? "—"}</td>
          <td className="px-4 py-2 tabular-nums">{ou.memberCount}</td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">
            <Time value={ou.createdAt} precision="day" />
          </td>
        </tr>
      ))}
    </ListPage>
  );
}
