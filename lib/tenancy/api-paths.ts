/** Which API a public path belongs to: the REST API (`/api/v1/…`), SCIM (`/scim/v2/…`), or neither (pages). */
export type ApiKind = "rest" | "scim";

const API_PATH = /^\/(api\/v1|scim\/v2)(?:\/|$)/;

export function apiKindOf(pathname: string): ApiKind | null {
  const match = API_PATH.exec(pathname);
  if (!match) return null;
  return match[1] === "scim/v2" ? "scim" : "rest";
}
