import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Keycloak 26 runs on OpenJDK 17, 21 or 25. */
export const MIN_JAVA_MAJOR = 17;

export interface JavaRuntime {
  /** JAVA_HOME for this runtime (the folder above `bin/java`). */
  home: string;
  major: number;
}

function majorOf(javaBin: string): number | null {
  const result = spawnSync(javaBin, ["-version"], { encoding: "utf8", timeout: 20_000 });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr ?? ""}${result.stdout ?? ""}`);
  if (!match) return null;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major; // "1.8.0" is Java 8
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return fs.realpathSync(file);
  }
  return null;
}

function candidates(): string[] {
  const found: string[] = [];
  if (process.env.JAVA_HOME) found.push(path.join(process.env.JAVA_HOME, "bin", "java"));
  const jvmDir = "/usr/lib/jvm";
  if (fs.existsSync(jvmDir)) for (const name of fs.readdirSync(jvmDir)) found.push(path.join(jvmDir, name, "bin", "java"));
  const fromPath = onPath("java");
  if (fromPath) found.push(fromPath);
  return [...new Set(found.filter((file) => fs.existsSync(file)))];
}

export class JavaMissingError extends Error {}

/**
 * The Java runtime Keycloak runs on: JAVA_HOME when it is recent enough, else the newest JDK in
 * /usr/lib/jvm or on PATH. Throws a JavaMissingError naming what to install.
 */
export function findJava(): JavaRuntime {
  const usable = candidates()
    .map((bin) => ({ home: path.dirname(path.dirname(bin)), major: majorOf(bin) ?? 0 }))
    .filter((java) => java.major >= MIN_JAVA_MAJOR);
  const fromEnv = usable.find((java) => process.env.JAVA_HOME && java.home === path.resolve(process.env.JAVA_HOME));
  const best = fromEnv ?? usable.sort((a, b) => b.major - a.major)[0];
  if (!best) {
    throw new JavaMissingError(
      `Keycloak needs Java ${MIN_JAVA_MAJOR} or newer, and none was found (JAVA_HOME, /usr/lib/jvm, PATH). ` +
        "Install one, e.g. `apt-get install -y openjdk-17-jre-headless`, or set JAVA_HOME to a JDK 17, 21 or 25.",
    );
  }
  return best;
}
