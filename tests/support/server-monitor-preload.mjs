// Preloaded into an app server under test (see server-monitor.ts; NODE_OPTIONS=--import). It
// only watches, changing nothing the process does: 'uncaughtExceptionMonitor' sees uncaught
// exceptions without handling them, and stdout's and stderr's `emit` is wrapped, not given an
// 'error' listener (a listener would itself keep a failed write from becoming uncaught). On
// SIGUSR2 it writes what it saw to ATENDO_TEST_MONITOR_REPORT; the first few uncaught exceptions
// also go to `<report>.uncaught` as they happen (a process stuck in a loop answers no signal).
// Main thread only: signals reach no worker, and the runtime thread's output goes out through
// the main thread's streams.
import { appendFileSync, renameSync, writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.ATENDO_TEST_MONITOR_REPORT;
if (file && isMainThread) {
  const report = { uncaught: 0, firstUncaught: [], outputErrors: { stdout: [], stderr: [] } };
  process.on("uncaughtExceptionMonitor", (error) => {
    report.uncaught++;
    if (report.firstUncaught.length < 5) {
      report.firstUncaught.push(String(error?.stack ?? error));
      appendFileSync(`${file}.uncaught`, `${String(error?.stack ?? error)}\n\n`);
    }
  });
  for (const name of ["stdout", "stderr"]) {
    const stream = process[name];
    const emit = stream.emit;
    stream.emit = function (event, ...args) {
      if (event === "error" && report.outputErrors[name].length < 100) report.outputErrors[name].push(String(args[0]?.code ?? args[0]));
      return emit.call(this, event, ...args);
    };
  }
  process.on("SIGUSR2", () => {
    // Written whole, then renamed: the test never reads half a report.
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
  });
}
