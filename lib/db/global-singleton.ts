/**
 * One instance per process. Next bundles proxy.ts, route handlers and instrumentation separately,
 * so a module-level variable would exist once per bundle; globalThis is shared by all of them.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`gatehouse.${name}`);
  const g = globalThis as Record<symbol, unknown>;
  if (!(key in g)) g[key] = create();
  return g[key] as T;
}
