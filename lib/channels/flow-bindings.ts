import "server-only";
import { and, asc, eq, inArray, notInArray } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { channels, flows } from "@/lib/db/schema";
import type { Db, DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { publishEvent } from "@/lib/realtime/events";
import { invalidateChannels } from "@/lib/runtime/channel-cache";
import type { FlowChannelChoice } from "./flow-binding-types";

/** Every number with the flow it answers with: what an editor needs to choose, no credentials. */
export async function listFlowChannelChoices(db: DbOrTx): Promise<FlowChannelChoice[]> {
  const rows = await db
    .select({
      id: channels.id,
      name: channels.name,
      displayNumber: channels.displayNumber,
      sandbox: channels.sandbox,
      flowId: flows.id,
      flowName: flows.name,
    })
    .from(channels)
    .leftJoin(flows, eq(flows.id, channels.flowId))
    .orderBy(asc(channels.name), asc(channels.createdAt));
  return rows.map(({ flowId, flowName, ...channel }) => ({ ...channel, flow: flowId && flowName !== null ? { id: flowId, name: flowName } : null }));
}

/**
 * Makes exactly `channelIds` answer with the flow: those numbers are bound to it (taking
 * them from whatever flow they had), numbers bound to it and not listed are left without a
 * flow. Only a published flow can be bound. One transaction, one audit entry per number.
 */
export async function setFlowChannels(db: Db, flowId: string, channelIds: readonly string[], actorId: string | null): Promise<FlowChannelChoice[]> {
  const wanted = [...new Set(channelIds)];
  const changed = await db.transaction(async (tx) => {
    // A share lock orders this against a concurrent delete of the flow (which locks it for update).
    const [flow] = await tx.select({ id: flows.id, activeVersionId: flows.activeVersionId }).from(flows).where(eq(flows.id, flowId)).for("share");
    if (!flow) throw new AppError("not_found", "Flow not found");
    if (wanted.length > 0 && !flow.activeVersionId) {
      throw new AppError("unprocessable", "Publish the flow before a number can answer with it", {
        details: { issues: [{ path: "channelIds", message: "The flow has no published version" }] },
      });
    }
    const found = wanted.length
      ? await tx.select({ id: channels.id, flowId: channels.flowId }).from(channels).where(inArray(channels.id, wanted)).for("update")
      : [];
    if (found.length !== wanted.length) {
      const known = new Set(found.map((c) => c.id));
      throw new AppError("unprocessable", "Unknown number", {
        details: { issues: wanted.filter((id) => !known.has(id)).map((id) => ({ path: "channelIds", message: `Unknown channel ${id}` })) },
      });
    }
    const released = await tx
      .select({ id: channels.id })
      .from(channels)
      .where(wanted.length ? and(eq(channels.flowId, flowId), notInArray(channels.id, wanted)) : eq(channels.flowId, flowId))
      .for("update");
    const now = new Date();
    let changes = released.length;
    for (const channel of found) {
      if (channel.flowId === flowId) continue;
      changes++;
      await tx.update(channels).set({ flowId, updatedAt: now }).where(eq(channels.id, channel.id));
      await recordAudit(tx, { actorId, action: "channel.bind", entityType: "channel", entityId: channel.id, details: { flowId: { from: channel.flowId, to: flowId } } });
    }
    for (const channel of released) {
      await tx.update(channels).set({ flowId: null, updatedAt: now }).where(eq(channels.id, channel.id));
      await recordAudit(tx, { actorId, action: "channel.bind", entityType: "channel", entityId: channel.id, details: { flowId: { from: flowId, to: null } } });
    }
    // Delivered on commit: the other instances drop their cached channels (lib/channels/background.ts).
    if (changes > 0) await publishEvent(tx, { type: "channels.changed" });
    return changes > 0;
  });
  // This instance (both threads) answers with the new binding at once.
  if (changed) invalidateChannels();
  return listFlowChannelChoices(db);
}
