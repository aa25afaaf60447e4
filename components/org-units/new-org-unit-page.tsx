import Link from "next/link";
import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { OrgUnitForm } from "@/components/org-units/org-unit-form";
import { createOrgUnitAction } from "@/lib/edge/actions/org-units";

/** The create-org-unit form of a tenant. The caller has checked `ou:create`. */
export function NewOrgUnitPage({ view }: { view: TenantAdminView }) {
  const { admin } = view;
  return (
    <div className="grid max-w-2xl gap-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link href={`${admin.base}/org-units`} className="hover:underline">
            Org units
          </Link>{" "}
          /
        </p>
        <h1 className="text-2xl font-semibold">Create org unit</h1>
      </div>
      <OrgUnitForm action={createOrgUnitAction.bind(null, admin.target)} mode="create" initial={{}} />
    </div>
  );
}
