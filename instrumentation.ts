// Next.js calls register() once per server process before it serves requests.
export async function register() {
  // Next inlines NEXT_RUNTIME per bundle; the edge bundle must not import the Node-only modules below.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A bad environment variable stops the start here, naming the variable and what it expects.
  const { checkEnvOrExit } = await import("@/lib/config/env");
  checkEnvOrExit();
  const { dropOutputWhenClosed } = await import("@/lib/server/closed-output");
  dropOutputWhenClosed();
  const { startServer } = await import("@/lib/server/startup");
  const { installGracefulShutdown } = await import("@/lib/server/shutdown");
  await import("@/lib/server/background");
  installGracefulShutdown();
  await startServer();
}
