// TEMPORARY (issue 12): moved to lib/input/body.ts. This path stays only for lib/api/route.ts,
// lib/api/openapi.ts and lib/scim/route.ts, which other branches are rewriting; delete it once they import the new path.
export * from "@/lib/input/body";
