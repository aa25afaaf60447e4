import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { JavaRuntime } from "@/scripts/local-keycloak/java";

/** The Keycloak Gatehouse is tested on. Change the version and its digest together. */
export const KEYCLOAK_VERSION = "26.7.3";
const DIST_SHA256 = "77657f30b7e90d70f727712ce1c967f430fd6a5e9f458d32d8c6df0635345f47";
const ARTIFACT = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:tar.gz`;
const CENTRAL_URL = `https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/${KEYCLOAK_VERSION}/keycloak-quarkus-dist-${KEYCLOAK_VERSION}.tar.gz`;

/** Build-time options of the optimized server (`kc.sh build`): PostgreSQL and the health endpoints. */
export const BUILD_OPTIONS = ["--db=postgres", "--health-enabled=true"];

/** Gatehouse's login theme in this repository, copied into the server at every start. */
export const THEME_SOURCE = path.resolve(import.meta.dirname, "..", "..", "lib", "identity", "keycloak-theme");

export interface KeycloakInstall {
  home: string;
  version: string;
}

export class KeycloakInstallError extends Error {}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  return spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 15 * 60_000, ...options });
}

const sha256Of = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

function hasCommand(name: string): boolean {
  return run("sh", ["-c", `command -v ${name}`]).status === 0;
}

/**
 * The distribution tarball: through Maven (`mvn dependency:copy`, honouring the machine's Maven
 * settings and mirrors) when `mvn` is installed, else straight from Maven Central. Either way its
 * SHA-256 must match the pinned one.
 */
async function download(cacheDir: string): Promise<string> {
  const file = path.join(cacheDir, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.tar.gz`);
  if (fs.existsSync(file) && sha256Of(file) === DIST_SHA256) return file;
  fs.rmSync(file, { force: true });
  const problems: string[] = [];
  if (hasCommand("mvn")) {
    console.error(`Fetching Keycloak ${KEYCLOAK_VERSION} with Maven (${ARTIFACT}) …`);
    const result = run("mvn", ["-q", "-B", "dependency:copy", `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${cacheDir}`, "-Dmdep.overWriteReleases=true"]);
    if (result.status === 0 && fs.existsSync(file)) return verified(file);
    problems.push(`mvn dependency:copy failed: ${(result.stdout + result.stderr).trim().split("\n").slice(-5).join(" / ")}`);
  } else {
    problems.push("mvn is not installed");
  }
  console.error(`Fetching Keycloak ${KEYCLOAK_VERSION} from ${CENTRAL_URL} …`);
  try {
    const response = await fetch(CENTRAL_URL, { signal: AbortSignal.timeout(10 * 60_000) });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    fs.writeFileSync(`${file}.part`, Buffer.from(await response.arrayBuffer()));
    fs.renameSync(`${file}.part`, file);
    return verified(file);
  } catch (error) {
    problems.push(`download from Maven Central failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw new KeycloakInstallError(
    `The Keycloak package ${ARTIFACT} could not be fetched (${problems.join("; ")}). ` +
      "Install Maven (`apt-get install -y maven`) with access to Maven Central or a mirror of it, " +
      `or put keycloak-quarkus-dist-${KEYCLOAK_VERSION}.tar.gz into ${cacheDir}.`,
  );
}

function verified(file: string): string {
  const digest = sha256Of(file);
  if (digest !== DIST_SHA256) {
    fs.rmSync(file, { force: true });
    throw new KeycloakInstallError(`${path.basename(file)} has SHA-256 ${digest}, expected ${DIST_SHA256}; removed it.`);
  }
  return file;
}

/** Unpacks into a fresh folder and renames it into place, so a killed install leaves nothing half-done behind. */
function unpack(tarball: string, cacheDir: string, home: string): void {
  const staging = fs.mkdtempSync(path.join(cacheDir, "unpack-"));
  try {
    const result = run("tar", ["-xzf", tarball, "-C", staging]);
    if (result.status !== 0) throw new KeycloakInstallError(`tar could not unpack ${tarball}: ${result.stderr.trim()}`);
    fs.renameSync(path.join(staging, `keycloak-${KEYCLOAK_VERSION}`), home);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** `kc.sh build` once per set of build options; the stamp records which ones the server was built with. */
function build(home: string, java: JavaRuntime): void {
  const stamp = path.join(home, ".gatehouse-build");
  const wanted = BUILD_OPTIONS.join(" ");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === wanted) return;
  console.error(`Building the optimized Keycloak server (${wanted}) …`);
  const result = run(path.join(home, "bin", "kc.sh"), ["build", ...BUILD_OPTIONS], { env: { ...process.env, JAVA_HOME: java.home } });
  if (result.status !== 0) throw new KeycloakInstallError(`kc.sh build failed:\n${(result.stdout + result.stderr).trim().split("\n").slice(-20).join("\n")}`);
  fs.writeFileSync(stamp, wanted);
}

/** Copies the Gatehouse login theme into the server's themes folder (replacing an older copy). */
export function installTheme(home: string): void {
  const target = path.join(home, "themes", "gatehouse");
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(THEME_SOURCE, "gatehouse"), target, { recursive: true });
}

/**
 * Keycloak KEYCLOAK_VERSION under `cacheDir` (downloaded, verified, unpacked and built on first
 * use; reused afterwards), with the Gatehouse login theme installed.
 */
export async function installKeycloak(options: { cacheDir: string; java: JavaRuntime }): Promise<KeycloakInstall> {
  const cacheDir = path.resolve(options.cacheDir);
  fs.mkdirSync(cacheDir, { recursive: true });
  const home = path.join(cacheDir, `keycloak-${KEYCLOAK_VERSION}`);
  if (!fs.existsSync(path.join(home, "bin", "kc.sh"))) unpack(await download(cacheDir), cacheDir, home);
  build(home, options.java);
  installTheme(home);
  return { home, version: KEYCLOAK_VERSION };
}
