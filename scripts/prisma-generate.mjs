// Generates both Prisma clients. Prisma 7 asks for a schema engine binary even for `generate`,
// which needs none of it; the native engine cannot be downloaded here, so point it at a file
// that exists (this script) unless the caller already provides a real engine.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
const prisma = path.join(root, "node_modules", "prisma", "build", "index.js");
for (const schema of ["prisma/control/schema.prisma", "prisma/tenant/schema.prisma"]) {
  execFileSync(process.execPath, [prisma, "generate", "--schema", schema], { cwd: root, env, stdio: "inherit" });
}
