import { randomBytes } from "node:crypto";
import { hash, needsRehash, verify } from "argon2";
import { ARGON2_PARAMS } from "@/idp/config";

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(digest: string, password: string): Promise<boolean> {
  try {
    return await verify(digest, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

export function passwordNeedsRehash(digest: string): boolean {
  try {
    return needsRehash(digest, ARGON2_PARAMS);
  } catch {
    return true;
  }
}

let decoy: Promise<string> | undefined;

/** Spends the time of one verification, so an unknown username answers as slowly as a wrong password. */
export async function verifyDecoy(password: string): Promise<void> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await decoy, password);
}
