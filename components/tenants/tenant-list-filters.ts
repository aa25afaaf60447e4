import type { FilterField } from "@/components/ui/list-filters";
import { TENANT_KINDS, TENANT_STATUSES } from "@/lib/tenants/queries";

const statusLabels: Record<(typeof TENANT_STATUSES)[number], string> = {
  provisioning: "Provisioning",
  active: "Active",
  suspended: "Suspended",
  archived: "Archived",
  deleted: "Deleted",
};
const kindLabels: Record<(typeof TENANT_KINDS)[number], string> = { root: "Platform", shared_cloud: "Shared cloud", dedicated: "Dedicated" };

export const tenantFilterFields: readonly FilterField[] = [
  { name: "status", label: "Status", options: TENANT_STATUSES.map((value) => ({ value, label: statusLabels[value] })) },
  { name: "kind", label: "Tenancy", options: TENANT_KINDS.map((value) => ({ value, label: kindLabels[value] })) },
];
