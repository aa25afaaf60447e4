import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { readSection } from "@/lib/config/env";

/**
 * GATEHOUSE_SECRET_KEY for local runs: the environment's if set, otherwise one generated once into
 * `<dataDir>/secret.key` (mode 600) and reused, so sessions and sealed values survive restarts.
 */
export function localSecretKey(dataDir: string): { key: string; source: "env" | "file" | "generated" } {
  const fromEnv = readSection("secrets").GATEHOUSE_SECRET_KEY;
  if (fromEnv) return { key: fromEnv, source: "env" };
  const file = path.join(dataDir, "secret.key");
  if (fs.existsSync(file)) return { key: fs.readFileSync(file, "utf8").trim(), source: "file" };
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64");
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, source: "generated" };
}
