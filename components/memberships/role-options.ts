import { MEMBERSHIP_ROLES, MEMBERSHIP_ROLE_DESCRIPTIONS, MEMBERSHIP_ROLE_LABELS } from "@/lib/memberships/roles";

/** The role choices of membership forms: with what each role means, or just its name where space is short. */
export function roleOptions({ described }: { described: boolean }) {
  return MEMBERSHIP_ROLES.map((value) => ({
    value,
    label: described ? `${MEMBERSHIP_ROLE_LABELS[value]} — ${MEMBERSHIP_ROLE_DESCRIPTIONS[value]}` : MEMBERSHIP_ROLE_LABELS[value],
  }));
}
