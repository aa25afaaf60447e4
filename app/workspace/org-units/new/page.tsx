import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/guards";
import { OrgUnitForm } from "@/components/org-units/org-unit-form";
import { createOrgUnitAction } from "../actions";

export const metadata: Metadata = { title: "Create org unit" };

export default async function NewOrgUnitPage() {
  await requirePermission("ou:create");
  return (
    <div className="grid max-w-2xl gap-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/org-units" className="hover:underline">Org units</Link> /
        </p>
        <h1 className="text-2xl font-semibold">Create org unit</h1>
      </div>
      <OrgUnitForm action={createOrgUnitAction} mode="create" initial={{}} />
    </div>
  );
}
