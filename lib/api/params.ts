import { AppError } from "@/lib/errors/app-error";
import { orgUnitIdOrThrow } from "@/lib/org-units/service";
import { usernameSchema } from "@/lib/users/schema";
import type { PathParams } from "@/lib/edge/route-handler";

/** `{username}`: a name that breaks the username rules cannot name a user, so it is `not_found`. */
export function pathUsername(params: PathParams, what = "User"): string {
  const parsed = usernameSchema.safeParse(params.username ?? "");
  if (!parsed.success) throw new AppError("not_found", `${what} not found.`);
  return parsed.data;
}

/** `{id}` of an org unit: anything but a well-formed id is `not_found`. */
export function pathOrgUnitId(params: PathParams): string {
  return orgUnitIdOrThrow(params.id ?? "");
}
