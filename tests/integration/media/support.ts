/** Shared steps of the media tests: send a file as a customer, wait for its row, read it as a desk user. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { media } from "@/lib/db/schema";
import type { MediaView } from "@/lib/media/types";
import type { FakeMediaFile } from "../../support/fake-graph-media";
import { browserHeaders, signIn } from "../../support/session";
import { mediaMessage, messageEnvelope, wamid } from "../../support/webhook";
import { eventually, type Harness } from "../runtime/harness";

export type Kind = "image" | "audio" | "video" | "document" | "sticker";

/** The customer sends `file` (already added to the fake Graph API) as a `kind` message. */
export async function sendMedia(h: Harness, from: string, kind: Kind, file: FakeMediaFile, extra: { caption?: string; filename?: string; voice?: boolean; id?: string } = {}) {
  const { id, ...fields } = extra;
  const message = mediaMessage(from, kind, { id: file.id, mime_type: file.mimeType, sha256: file.sha256, ...fields }, { id: id ?? wamid() });
  const res = await h.post(messageEnvelope(h.channel.phoneNumberId, message));
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  return message;
}

export async function mediaRows(h: Harness, waMediaId: string) {
  return h.database.db.select().from(media).where(eq(media.waMediaId, waMediaId));
}

/** Waits until the file's row has left `pending` (stored or failed); returns it. */
export async function settledMedia(h: Harness, waMediaId: string, timeoutMs = 45_000) {
  return eventually(
    async () => {
      const [row] = await mediaRows(h, waMediaId);
      return row && row.status !== "pending" ? row : null;
    },
    timeoutMs,
    `media ${waMediaId} settled`,
  );
}

export type DeskUser = { cookie: string; get: (path: string, headers?: Record<string, string>) => Promise<Response>; post: (path: string, body: unknown) => Promise<Response> };

export async function deskUser(h: Harness, email: string): Promise<DeskUser> {
  const session = await signIn(h.app.url, email, "atendo-demo");
  if (!session.ok) throw new Error(`could not sign in as ${email}: ${session.error}`);
  return {
    cookie: session.cookie,
    get: (path, headers = {}) => fetch(`${h.app.url}${path}`, { headers: { cookie: session.cookie, ...headers } }),
    post: (path, body) =>
      fetch(`${h.app.url}${path}`, {
        method: "POST",
        headers: { ...browserHeaders(h.app.url, session.cookie), "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
  };
}

/** The message carrying `mediaId` as the desk shows it. */
export async function deskMessage(user: DeskUser, conversationId: string, mediaId: string): Promise<{ type: string; body: string | null; media: MediaView | null }> {
  const res = await user.get(`/api/desk/conversations/${conversationId}`);
  if (res.status !== 200) throw new Error(`desk answered ${res.status}`);
  const { conversation } = (await res.json()) as { conversation: { messages: { type: string; body: string | null; media: MediaView | null }[] } };
  const message = conversation.messages.find((m) => m.media?.id === mediaId);
  if (!message) throw new Error("the message is not in the transcript");
  return message;
}

/** The server's media process (lib/media/process/host.ts): its pid, or null while there is none. */
export function mediaProcessOf(serverPid: number): number | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === serverPid && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("media-process.js")) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** The nice value of every thread of a process (Linux: field 19 of /proc/<pid>/task/<tid>/stat). */
export function threadNiceValues(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

/** The scheduling policy of every thread (field 41 of stat; 5 is SCHED_IDLE, 0 SCHED_OTHER). */
export function threadPolicies(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[38]);
  });
}

export function isAlive(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, "utf8").slice(readFileSync(`/proc/${pid}/stat`, "utf8").lastIndexOf(")") + 2).startsWith("Z");
}
