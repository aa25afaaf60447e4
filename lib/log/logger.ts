import pino from "pino";
import { env } from "@/lib/config/env";

const LOGGER = Symbol.for("gatehouse.logger");
type WithLogger = typeof globalThis & { [LOGGER]?: pino.Logger };

/** Process-wide structured logger. Tenant-scoped code logs through `logger.child({ tenant })`. */
export function logger(): pino.Logger {
  const g = globalThis as WithLogger;
  g[LOGGER] ??= pino({ level: env().LOG_LEVEL, base: { service: "gatehouse" } });
  return g[LOGGER];
}
