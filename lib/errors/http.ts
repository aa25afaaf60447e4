// TEMPORARY (issue 12): moved to lib/api/error-response.ts. This path stays only for app/console/api/tenants/[id]/provisioning/route.ts,
// which other branches are rewriting; delete it once they import the new path.
export * from "@/lib/api/error-response";
