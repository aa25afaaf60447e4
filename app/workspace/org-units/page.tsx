import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requireMember } from "@/lib/auth/guards";
import { can, canSomewhere } from "@/lib/permissions/permissions";
import { parseListQuery } from "@/lib/pagination/page";
import { listOrgUnits } from "@/lib/org-units/service";
import { orgUnitListScope } from "@/lib/org-units/visibility";
import { ListPage } from "@/components/ui/list-page";
import { linkButtonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Org units" };

export default async function OrgUnitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant, principal } = await requireMember();
  if (!canSomewhere(principal, "ou:read")) forbidden();
  const query = parseListQuery(await searchParams);
  const page = await listOrgUnits(tenant, query, orgUnitListScope(principal));
  const canCreate = can(principal, "ou:create");
  const empty = query.q ? `No org unit matches “${query.q}”.` : canCreate ? "No org units yet. Create the first one." : "No org units to show.";

  return (
    <ListPage
      title="Org units"
      action={canCreate ? <Link href="/org-units/new" className={linkButtonClass}>Create org unit</Link> : undefined}
      search={{ q: query.q, placeholder: "Identifier or name", label: "Search org units" }}
      page={page}
      basePath="/org-units"
      noun="org units"
      empty={empty}
      columns={["Org unit", "Description", "Members", "Created"]}
    >
      {page.items.map((ou) => (
        <tr key={ou.id}>
          <td className="px-4 py-2">
            <Link href={`/org-units/${ou.id}`} className="font-medium text-brand-700 hover:underline">{ou.name}</Link>
            <div className="font-mono text-xs text-slate-500">{ou.identifier}</div>
          </td>
          <td className="max-w-xs truncate px-4 py-2 text-slate-600">{ou.description ?? "—"}</td>
          <td className="px-4 py-2 tabular-nums">{ou.memberCount}</td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">{ou.createdAt.toISOString().slice(0, 10)}</td>
        </tr>
      ))}
    </ListPage>
  );
}
