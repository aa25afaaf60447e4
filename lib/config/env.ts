import type { z } from "zod";
import { SECTIONS, type appVariables, type Section } from "@/lib/config/variables";

export type Env = z.infer<typeof appVariables>;

/** One section of the variables (lib/config/variables.ts) from `source`; throws with every problem listed. */
export function readSection<S extends Section>(section: S, source: Record<string, string | undefined> = process.env): z.infer<(typeof SECTIONS)[S]> {
  // An empty variable counts as unset, as shells and .env files often leave them.
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = SECTIONS[section].safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data as z.infer<(typeof SECTIONS)[S]>;
}

let cached: Env | undefined;

/** The app's settings, validated once per process. Throws with every problem listed when the environment is wrong. */
export function env(): Env {
  cached ??= readSection("app");
  return cached;
}

export function requireDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set. Start the app with `npm run dev` (embedded PostgreSQL) or set DATABASE_URL.");
  return url;
}

/** Scheme, base domain and port that tenant and console URLs are built from. */
export function publicBase(): { protocol: string; baseDomain: string; port: string } {
  const url = new URL(env().GATEHOUSE_BASE_URL);
  return { protocol: url.protocol, baseDomain: url.hostname, port: url.port };
}

export function urlForHost(subdomain: string | null): string {
  const { protocol, baseDomain, port } = publicBase();
  const host = subdomain ? `${subdomain}.${baseDomain}` : baseDomain;
  return `${protocol}//${host}${port ? `:${port}` : ""}`;
}
