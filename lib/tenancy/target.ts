// TEMPORARY (issue 12): moved to lib/permissions/target.ts. This path stays only for lib/auth/tenant-admin.ts and lib/api/route.ts,
// which other branches are rewriting; delete it once they import the new path.
export * from "@/lib/permissions/target";
