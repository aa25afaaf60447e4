// TEMPORARY (issue 12): moved to lib/forms/run-action.ts. This path stays only for lib/*/actions.ts, app/console/api-keys/actions.ts and lib/edge/platform-action.ts,
// which other branches are rewriting; delete it once they import the new path.
export * from "@/lib/forms/run-action";
