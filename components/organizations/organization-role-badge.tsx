import { Badge } from "@/components/ui/badge";
import { ORGANIZATION_ROLE_LABELS, type OrganizationRole } from "@/lib/organizations/roles";

export function OrganizationRoleBadge({ role }: { role: OrganizationRole }) {
  return <Badge tone={role === "admin" ? "blue" : "slate"}>{ORGANIZATION_ROLE_LABELS[role]}</Badge>;
}
