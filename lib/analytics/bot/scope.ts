import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { channels, flows, flowVersions } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { workspaceHours } from "@/lib/desk/hours";
import type { FlowDocument } from "@/lib/flow/schema";

export type ScopedVersion = { id: string; number: number; createdAt: Date; active: boolean };
export type ScopedFlow = { id: string; name: string; activeVersionId: string | null; versions: ScopedVersion[] };

/** The workspace's time zone: every analytics day is one of its days. */
export async function analyticsTimeZone(db: DbOrTx): Promise<string> {
  return (await workspaceHours(db)).timeZone;
}

/** A flow and its published versions, or 404. */
export async function findFlow(db: DbOrTx, flowId: string): Promise<ScopedFlow> {
  const [flow] = await db.select({ id: flows.id, name: flows.name, activeVersionId: flows.activeVersionId }).from(flows).where(eq(flows.id, flowId));
  if (!flow) throw new AppError("not_found", "Unknown flow", { details: { flowId } });
  const versions = await db
    .select({ id: flowVersions.id, number: flowVersions.number, createdAt: flowVersions.createdAt })
    .from(flowVersions)
    .where(eq(flowVersions.flowId, flowId))
    .orderBy(asc(flowVersions.number));
  return { ...flow, versions: versions.map((v) => ({ ...v, active: v.id === flow.activeVersionId })) };
}

/** A channel (only its name: analytics never reads credentials), or 404. */
export async function findChannel(db: DbOrTx, channelId: string): Promise<{ id: string; name: string }> {
  const [channel] = await db.select({ id: channels.id, name: channels.name }).from(channels).where(eq(channels.id, channelId));
  if (!channel) throw new AppError("not_found", "Unknown channel", { details: { channelId } });
  return channel;
}

/** One published version's document: `number` absent means the active one (else the newest). 404 when there is none. */
export async function findVersion(
  db: DbOrTx,
  flow: ScopedFlow,
  number: number | undefined,
): Promise<{ id: string; number: number; document: FlowDocument }> {
  const chosen =
    number !== undefined
      ? flow.versions.find((v) => v.number === number)
      : (flow.versions.find((v) => v.active) ?? flow.versions[flow.versions.length - 1]);
  if (!chosen) {
    throw new AppError("not_found", number !== undefined ? `The flow has no version ${number}` : "The flow has no published version", {
      details: { flowId: flow.id, version: number ?? null },
    });
  }
  const [row] = await db
    .select({ document: flowVersions.document })
    .from(flowVersions)
    .where(and(eq(flowVersions.id, chosen.id), eq(flowVersions.flowId, flow.id)));
  return { id: chosen.id, number: chosen.number, document: row!.document as FlowDocument };
}
