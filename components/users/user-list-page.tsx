import Link from "next/link";
import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { can } from "@/lib/permissions/permissions";
import { listUsers } from "@/lib/users/queries";
import { userListQuerySchema } from "@/lib/users/schema";
import { Badge } from "@/components/ui/badge";
import { linkButtonClass } from "@/components/ui/button";

export type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function withParams(path: string, base: Params, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ q: first(base.q), enabled: first(base.enabled), state: first(base.state), ...changes })) if (v) params.set(k, v);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** A tenant's users: search, filters, keyset pagination. The caller has checked `user:list`. */
export async function UserListPage({ view, params }: { view: TenantAdminView; params: Params }) {
  const { tenant, principal, admin } = view;
  const path = `${admin.base}/users`;
  const query = userListQuerySchema.parse({
    q: first(params.q),
    enabled: first(params.enabled),
    state: first(params.state),
    after: first(params.after),
    limit: first(params.limit),
  });
  const page = await listUsers(tenant, query);
  const filtered = Boolean(query.q || query.enabled || query.state);
  const control = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Users</h1>
        {can(principal, "user:create") ? (
          <Link href={`${path}/new`} className={linkButtonClass}>
            Create user
          </Link>
        ) : null}
      </div>
      <form role="search" method="get" className="flex flex-wrap items-end gap-2">
        <label className="grid gap-1 text-sm">
          <span>Search</span>
          <input name="q" defaultValue={query.q} placeholder="Username, email or name prefix" className={`${control} w-full min-w-0 sm:w-72`} />
        </label>
        <label className="grid gap-1 text-sm">
          <span>Status</span>
          <select name="enabled" defaultValue={query.enabled ?? ""} className={control}>
            <option value="">Any</option>
            <option value="true">Enabled</option>
            <option value="false">Disabled</option>
          </select>
        </label>
        <label className="grid gap-1 text-sm">
          <span>Sync</span>
          <select name="state" defaultValue={query.state ?? ""} className={control}>
            <option value="">Any</option>
            <option value="synced">In sync</option>
            <option value="pending">Pending</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Apply
        </button>
      </form>
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          {filtered ? "No user matches these filters." : query.after ? "No more users." : "No users yet."}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Users">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                {["Username", "Name", "Email", "Status", "Sync"].map((c) => (
                  <th key={c} scope="col" className="px-4 py-2 font-medium">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
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
                  <td className="px-4 py-2">{u.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}</td>
                  <td className="px-4 py-2">
                    <Badge tone={u.provisioningState === "synced" ? "green" : u.provisioningState === "failed" ? "red" : "amber"}>{u.provisioningState}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="flex gap-3 text-sm">
        {query.after ? (
          <Link href={withParams(path, params, {})} className="text-brand-700 underline">
            First page
          </Link>
        ) : null}
        {page.next ? (
          <Link href={withParams(path, params, { after: page.next })} className="text-brand-700 underline" rel="next">
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
