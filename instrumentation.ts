export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startGatehouse } = await import("./lib/startup/startup");
  await startGatehouse();
}
