import { SCIM_SCHEMAS } from "@/lib/scim/schemas";

// Query parameters of SCIM reads (RFC 7644 §3.4.2): pagination, filter, attribute selection.

export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 200;

export interface Projection {
  /** Lower-cased top-level attribute names to return (empty: all). */
  attributes: string[];
  /** Lower-cased top-level attribute names to leave out. */
  excluded: string[];
}

export interface ListParams {
  /** 1-based index of the first result. */
  startIndex: number;
  count: number;
  filter: string | undefined;
  projection: Projection;
}

function integer(text: string | null, fallback: number): number {
  if (text === null || !/^-?\d{1,9}$/.test(text.trim())) return fallback;
  return Number(text);
}

/** Top-level names of `a,name.givenName,urn:…:User:emails` → `a`, `name`, `emails`. */
function attributeNames(text: string | null, schema: string): string[] {
  if (!text) return [];
  const prefix = `${schema.toLowerCase()}:`;
  return text
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
    .map((name) => (name.startsWith(prefix) ? name.slice(prefix.length) : name).split(".")[0] ?? "");
}

export function projectionOf(url: URL, schema: string): Projection {
  return { attributes: attributeNames(url.searchParams.get("attributes"), schema), excluded: attributeNames(url.searchParams.get("excludedAttributes"), schema) };
}

/** As RFC 7644 says: a startIndex below 1 is 1, a negative count is 0; count is capped at {@link MAX_COUNT}. */
export function listParamsOf(url: URL, schema: string): ListParams {
  const startIndex = Math.max(1, integer(url.searchParams.get("startIndex"), 1));
  const count = Math.min(MAX_COUNT, Math.max(0, integer(url.searchParams.get("count"), DEFAULT_COUNT)));
  const filter = url.searchParams.get("filter")?.trim() || undefined;
  return { startIndex, count, filter, projection: projectionOf(url, schema) };
}

const ALWAYS_RETURNED = new Set(["id", "schemas", "meta"]);

/** Whether the projection asks for a (lower-cased, top-level) attribute. */
export function wants(projection: Projection, attribute: string): boolean {
  if (projection.excluded.includes(attribute)) return false;
  return projection.attributes.length === 0 || projection.attributes.includes(attribute) || ALWAYS_RETURNED.has(attribute);
}

/** The resource with only the attributes the projection asks for (id, schemas and meta always stay). */
export function project<R extends object>(resource: R, projection: Projection): Partial<R> {
  if (projection.attributes.length === 0 && projection.excluded.length === 0) return resource;
  return Object.fromEntries(Object.entries(resource).filter(([key]) => ALWAYS_RETURNED.has(key) || wants(projection, key.toLowerCase()))) as Partial<R>;
}

export function listResponse(resources: unknown[], totalResults: number, startIndex: number) {
  return { schemas: [SCIM_SCHEMAS.listResponse], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
