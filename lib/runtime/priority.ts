import "server-only";
import { execFileSync } from "node:child_process";
import { readdirSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * Linux gives every thread a nice value of its own, and a thread starts with its creator's.
 * Best effort: elsewhere, or without the right to lower a value, the default priority stays.
 */
function renice(tid: number, nice: number): void {
  try {
    setPriority(tid, nice);
  } catch {
    // Not Linux, or not allowed.
  }
}

/** The calling thread only (a worker thread among the server's). */
export function niceThisThread(nice: number): void {
  if (!nice) return;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (tid > 0) renice(tid, nice);
  } catch {
    // Not Linux.
  }
}

/**
 * Every thread of this process: its main thread and those Node started before this ran (V8's
 * helpers). Threads started later — libuv's pool, and sharp's libvips threads started from it —
 * inherit the value, so all of the process's CPU work yields to the server's.
 */
export function niceThisProcess(nice: number): void {
  if (!nice) return;
  let tids: number[];
  try {
    tids = readdirSync("/proc/self/task").map(Number);
  } catch {
    renice(0, nice);
    return;
  }
  for (const tid of tids) renice(tid, nice);
}

/**
 * Linux's SCHED_IDLE for every thread of this process (util-linux's `chrt`, present on every
 * Linux distribution): the scheduler runs it only on CPU time no other thread wants, and a
 * waking ordinary thread — the server's, PostgreSQL's — takes the CPU from it at once, where a
 * nice value only shrinks its share and still makes the woken thread wait for its slice.
 * Threads started later inherit the policy. Best effort: false where it could not be set.
 */
export function idleThisProcess(): boolean {
  try {
    execFileSync("chrt", ["--idle", "--all-tasks", "--pid", "0", String(process.pid)], { stdio: "ignore", timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}
