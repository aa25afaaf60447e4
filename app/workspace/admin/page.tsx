import type { Metadata } from "next";
import { requireTenantAdmin } from "@/lib/edge/pages";
import { AdminHome } from "@/components/workspace/admin-home";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  const caller = await requireTenantAdmin();
  return <AdminHome tenant={caller.tenant} />;
}
