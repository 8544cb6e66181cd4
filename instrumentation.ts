// Next.js calls register() once per server process before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { dropOutputWhenClosed } = await import("@/lib/server/closed-output");
  dropOutputWhenClosed();
  const { startServer } = await import("@/lib/server/startup");
  const { installGracefulShutdown } = await import("@/lib/server/shutdown");
  await import("@/lib/server/background");
  installGracefulShutdown();
  await startServer();
}
