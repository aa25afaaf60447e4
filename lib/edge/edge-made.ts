// Every handler a route file exports is made by one of the edge's wrappers (REST and SCIM routes,
// host routes, probes, the method table's refusals); the wrappers mark what they make, with the
// method an operation declares, so route files list operations rather than map methods by hand
// (routeMethods), and a test finds a hand-written handler (tests/route-files.test.ts).

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

const made = new WeakMap<object, HttpMethod | null>();

/** Marks `handler` as made by an edge wrapper (serving `method`, for an API operation) and returns it. */
export function edgeMade<H extends object>(handler: H, method: HttpMethod | null = null): H {
  made.set(handler, method);
  return handler;
}

export const isEdgeMade = (handler: unknown): boolean => typeof handler === "function" && made.has(handler);

/** The method an operation a wrapper made declares; null for what is no operation of its own. */
export const declaredMethod = (handler: unknown): HttpMethod | null => (typeof handler === "function" ? (made.get(handler) ?? null) : null);
