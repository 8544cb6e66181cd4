import "server-only";

/**
 * Whatever reads the server's stdout and stderr (a log collector, a supervisor's pipe) can go
 * away while the server runs on. Every later log line then fails with EPIPE; unhandled, that
 * error reaches Next.js's uncaught-exception handler, which logs it — to the same closed pipe
 * — and so on: the main thread spins at a full core and stops answering webhooks. With nowhere
 * left to write to, the lines are dropped instead.
 */
export function dropOutputWhenClosed(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", () => {});
  }
}
