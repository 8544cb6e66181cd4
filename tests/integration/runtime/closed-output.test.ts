import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { customerPhone, startHarness, type Harness } from "./harness";

// Whatever reads an instance's output (a log collector, a supervisor's pipe) can go away while
// the instance runs on. Its next log lines must be dropped, not turned into a busy loop.
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** CPU time (user + system) the process has used so far, from /proc. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

test("an instance whose stdout and stderr were closed keeps answering, without spinning", async () => {
  h.app.process.stdout!.destroy();
  h.app.process.stderr!.destroy();
  // A change for a number this app does not serve is answered 200 and logged as a warning.
  for (let i = 0; i < 3; i++) {
    expect((await h.post(messageEnvelope("155500000001", textMessage(customerPhone(), "hola")))).status).toBe(200);
  }
  const pid = h.app.process.pid!;
  const before = cpuMs(pid);
  await new Promise((r) => setTimeout(r, 2_000));
  // Idle, the server uses a few percent of a core; the loop this guards against took all of it.
  expect(cpuMs(pid) - before).toBeLessThan(1_000);

  const from = customerPhone();
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "menu")))).status).toBe(200);
  await h.graph.waitFor(() => h.graph.accepted(from).length === 1, 30_000, "the reply");
});
