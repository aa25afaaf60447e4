// TEMPORARY (issue 12): the contrast rules moved to shared/contrast.ts; this path stays only
// for idp/login/render.ts until the identity server has its own helper. Delete it then.
export * from "@/shared/contrast";
