import { afterAll, beforeAll, expect, test } from "vitest";
import { serverMonitor } from "../../support/server-monitor";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { customerPhone, startHarness, type Harness } from "./harness";

// Whatever reads an instance's output (a log collector, a supervisor's pipe) can go away while
// the instance runs on. Its next log lines must be dropped, not turned into a busy loop: a
// failed write became an uncaught exception, whose logging failed again, and so on, at a full
// core (lib/server/closed-output.ts). So the test counts, inside the server
// (tests/support/server-monitor.ts), the two things that make that loop: the log lines did fail
// on the closed pipe, and not one failure became an uncaught exception. Counts are exact on any
// machine under any load, where CPU time sampled over a sleep is not; every wait here is for
// an event (a reply, a report), none for a duration.
let h: Harness;
const monitor = serverMonitor();

beforeAll(async () => {
  h = await startHarness({ env: monitor.env });
});

afterAll(async () => {
  await h?.stop();
  monitor.cleanup();
});

test("an instance whose stdout and stderr were closed keeps answering, its log lines dropped without an uncaught exception", async () => {
  expect(await monitor.report(h.app)).toMatchObject({ uncaught: 0, outputErrors: { stdout: [], stderr: [] } });
  h.app.process.stdout!.destroy();
  h.app.process.stderr!.destroy();
  await monitor.failOnUncaught(
    (async () => {
      // A change for a number this app does not serve is answered 200 and logged as a warning.
      for (let i = 0; i < 3; i++) {
        expect((await h.post(messageEnvelope("155500000001", textMessage(customerPhone(), "hola")))).status).toBe(200);
      }
      const from = customerPhone();
      expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "menu")))).status).toBe(200);
      await h.graph.waitFor(() => h.graph.accepted(from).length === 1, 30_000, "the reply");
    })(),
  );

  const report = await monitor.report(h.app);
  // The warnings went to the closed pipe and failed there, so the guard was put to the test…
  expect(report.outputErrors.stderr.length).toBeGreaterThanOrEqual(3);
  expect(new Set(report.outputErrors.stderr)).toEqual(new Set(["EPIPE"]));
  // …and no failure reached the uncaught-exception path the loop went round.
  expect(report.firstUncaught).toEqual([]);
  expect(report.uncaught).toBe(0);
});
