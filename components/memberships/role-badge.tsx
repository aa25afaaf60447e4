import { Badge, type Tone } from "@/components/ui/badge";
import { MEMBERSHIP_ROLE_LABELS, type MembershipRole } from "@/lib/memberships/roles";

const tones: Record<MembershipRole, Tone> = { admin: "blue", default: "slate", auditor: "amber" };

export function MembershipRoleBadge({ role }: { role: MembershipRole }) {
  return <Badge tone={tones[role]}>{MEMBERSHIP_ROLE_LABELS[role]}</Badge>;
}
