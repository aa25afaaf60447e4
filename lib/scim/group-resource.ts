import { z } from "zod";
import { invalidValue } from "@/lib/scim/errors";
import { SCIM_SCHEMAS } from "@/lib/scim/schemas";

// An org unit as a SCIM Group (RFC 7643 §4.2): displayName = the OU's name, members = its
// memberships (the users' SCIM ids), externalId kept as sent.

export interface GroupMemberRecord {
  id: string;
  username: string;
}

export interface GroupRecord {
  id: string;
  name: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Absent when the client excluded members (Entra does, to keep large groups cheap). */
  members?: GroupMemberRecord[];
}

export interface ScimGroupMember {
  value: string;
  display?: string;
  type?: string;
  $ref?: string;
}

export interface ScimGroup {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members?: ScimGroupMember[];
  meta: { resourceType: "Group"; created: Date; lastModified: Date; location: string };
}

export function toScimGroup(group: GroupRecord, baseUrl: string): ScimGroup {
  return {
    schemas: [SCIM_SCHEMAS.group],
    id: group.id,
    ...(group.externalId !== null ? { externalId: group.externalId } : {}),
    displayName: group.name,
    ...(group.members ? { members: group.members.map((m) => ({ value: m.id, display: m.username, type: "User", $ref: `${baseUrl}/Users/${m.id}` })) } : {}),
    meta: { resourceType: "Group", created: group.createdAt, lastModified: group.updatedAt, location: `${baseUrl}/Groups/${group.id}` },
  };
}

const groupBodySchema = z.object({
  displayName: z.string({ error: "displayName is required" }).trim().min(1, "displayName is required"),
  externalId: z.string().nullish(),
  members: z.array(z.object({ value: z.string({ error: "members[].value is the user's id" }) })).nullish(),
});

export interface DesiredGroup {
  name: string;
  externalId: string | null;
  /** The members' SCIM ids (user uuids), without duplicates. */
  memberIds: string[];
}

export function desiredGroup(body: unknown): DesiredGroup {
  const parsed = groupBodySchema.safeParse(body);
  if (!parsed.success) throw invalidValue(parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  const { displayName, externalId, members } = parsed.data;
  return { name: displayName, externalId: externalId ?? null, memberIds: [...new Set((members ?? []).map((m) => m.value.toLowerCase()))] };
}
