import { AsyncLocalStorage } from "node:async_hooks";

// Next's server runtime installs this global before loading its request stores; so do we.
(globalThis as { AsyncLocalStorage?: typeof AsyncLocalStorage }).AsyncLocalStorage ??= AsyncLocalStorage;

/**
 * Runs a server action the way Next does for a POST from a page: inside Next's own request
 * stores, so `headers()`, `cookies()` and next-auth's `getServerSession` read this request's Host
 * and cookie. Everything behind the action (databases, identity server) is real.
 */
export async function asRequest<T>(request: { host: string; cookie?: string }, action: () => Promise<T>): Promise<T> {
  const { workAsyncStorage } = await import("next/dist/server/app-render/work-async-storage.external");
  const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external");
  const { createRequestStoreForAPI } = await import("next/dist/server/async-storage/request-store");
  const { createWorkStore } = await import("next/dist/server/async-storage/work-store");
  const headers = new Headers({ host: request.host, "user-agent": "vitest" });
  if (request.cookie) headers.set("cookie", request.cookie);
  const requestStore = createRequestStoreForAPI(
    { headers } as unknown as Parameters<typeof createRequestStoreForAPI>[0],
    { pathname: "/", search: "" },
    { tags: [], expirationsByCacheKind: new Map() },
    undefined,
    undefined,
    undefined,
  );
  const workStore = createWorkStore({
    page: "/test",
    renderOpts: { experimental: {} },
    isPrefetchRequest: false,
    buildId: "test",
    previouslyRevalidatedTags: [],
  } as unknown as Parameters<typeof createWorkStore>[0]);
  return workAsyncStorage.run(workStore, () => workUnitAsyncStorage.run(requestStore, action));
}
