import Link from "next/link";
import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { can } from "@/lib/permissions/permissions";
import { isFiltered, parseListQuery, type SearchParams } from "@/lib/pagination/page";
import { listUserRows, userListSpec, type UserRow } from "@/lib/users/list";
import { TENANT_ROLES } from "@/lib/identity/roles";
import { ListPage } from "@/components/ui/list-page";
import type { FilterField } from "@/components/ui/list-filters";
import { Badge } from "@/components/ui/badge";
import { linkButtonClass } from "@/components/ui/button";

export type Params = SearchParams;

const roleLabels: Record<(typeof TENANT_ROLES)[number], string> = { "tenant-admin": "Tenant admin", auditor: "Auditor", member: "Member" };

const filterFields: readonly FilterField[] = [
  { name: "role", label: "Role", options: TENANT_ROLES.map((value) => ({ value, label: roleLabels[value] })) },
  {
    name: "status",
    label: "Status",
    options: [
      { value: "enabled", label: "Enabled" },
      { value: "disabled", label: "Disabled" },
    ],
  },
  {
    name: "sync",
    label: "Sync",
    options: [
      { value: "pending", label: "Pending" },
      { value: "failed", label: "Failed" },
    ],
  },
];

const when = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** A tenant's users: search, filters, sort, numbered pages. The caller has checked `user:list`. */
export async function UserListPage({ view, params }: { view: TenantAdminView; params: Params }) {
  const { tenant, principal, admin } = view;
  const path = `${admin.base}/users`;
  const query = parseListQuery(params, userListSpec);
  const page = await listUserRows(tenant, query);
  return (
    <ListPage
      title="Users"
      action={
        can(principal, "user:create") ? (
          <Link href={`${path}/new`} className={linkButtonClass}>
            Create user
          </Link>
        ) : undefined
      }
      search={{ placeholder: "Part of a username, email or name", label: "Search" }}
      filters={filterFields}
      query={query}
      spec={userListSpec}
      page={page}
      basePath={path}
      noun="users"
      empty={isFiltered(query) ? "No user matches these filters." : "No users yet."}
      columns={[{ label: "Username", sort: "username" }, "Name", "Email", "Role", "Status", { label: "Last sign-in", sort: "lastSignIn" }, { label: "Created", sort: "created" }]}
    >
      {page.items.map((u) => (
        <tr key={u.id}>
          <td className="px-4 py-2">
            <Link href={`${path}/${encodeURIComponent(u.username)}`} className="font-medium text-brand-700 hover:underline">
              {u.username}
            </Link>
            {u.isBreakGlass ? (
              <span className="ml-2">
                <Badge tone="slate">break-glass</Badge>
              </span>
            ) : null}
          </td>
          <td className="px-4 py-2">{[u.firstName, u.lastName].filter(Boolean).join(" ") || "—"}</td>
          <td className="px-4 py-2">{u.email ?? "—"}</td>
          <td className="px-4 py-2 whitespace-nowrap">{u.tenantRole ? (roleLabels[u.tenantRole as keyof typeof roleLabels] ?? u.tenantRole) : "—"}</td>
          <td className="px-4 py-2">
            <UserStatus user={u} />
          </td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">{u.lastSignInAt ? when(u.lastSignInAt) : "Never"}</td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">{u.createdAt.toISOString().slice(0, 10)}</td>
        </tr>
      ))}
    </ListPage>
  );
}

/** "Enabled" as plain text; chips only for what needs someone: disabled, or not (yet) in the identity server. */
function UserStatus({ user }: { user: UserRow }) {
  return (
    <div className="flex flex-wrap items-center gap-1">
      {user.enabled ? <span className="text-slate-600">Enabled</span> : <Badge tone="red">Disabled</Badge>}
      {user.provisioningState === "failed" ? (
        <span title={user.syncError ?? undefined}>
          <Badge tone="red">Sync failed</Badge>
        </span>
      ) : user.provisioningState === "pending" ? (
        <Badge tone="amber">Sync pending</Badge>
      ) : null}
    </div>
  );
}
