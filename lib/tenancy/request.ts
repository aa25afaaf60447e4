// TEMPORARY (issue 12): moved to lib/access/request.ts. This path stays only for lib/auth/guards.ts, lib/auth/tenant-admin.ts and lib/{organizations,set-password-links}/actions.ts,
// which other branches are rewriting; delete it once they import the new path.
export * from "@/lib/access/request";
