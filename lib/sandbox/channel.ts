import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { channels, flows, workspace } from "@/lib/db/schema";
import type { ChannelRow } from "@/lib/channels/credentials";
import { AppError } from "@/lib/errors/app-error";

export type SandboxChannelInfo = {
  phoneNumberId: string;
  name: string;
  displayNumber: string;
  isDefault: boolean;
  flowName: string | null;
};

/** Sandbox channels, the default first: the simulator can play a customer of any of them. */
export async function listSandboxChannels(db: DbOrTx): Promise<SandboxChannelInfo[]> {
  return db
    .select({
      phoneNumberId: channels.phoneNumberId,
      name: channels.name,
      displayNumber: channels.displayNumber,
      isDefault: channels.isDefault,
      flowName: flows.name,
    })
    .from(channels)
    .leftJoin(flows, eq(flows.id, channels.flowId))
    .where(eq(channels.sandbox, true))
    .orderBy(desc(channels.isDefault), asc(channels.createdAt));
}

/** The sandbox channel a simulator request is about (the default sandbox when none is named). */
export async function requireSandboxChannel(db: DbOrTx, phoneNumberId?: string): Promise<ChannelRow> {
  const [row] = phoneNumberId
    ? await db.select().from(channels).where(and(eq(channels.phoneNumberId, phoneNumberId), eq(channels.sandbox, true)))
    : await db.select().from(channels).where(eq(channels.sandbox, true)).orderBy(desc(channels.isDefault), asc(channels.createdAt)).limit(1);
  if (!row) throw new AppError("not_found", phoneNumberId ? `No sandbox channel has the number ${phoneNumberId}` : "There is no sandbox channel");
  return row;
}

/** The name customers see in the chat header. */
export async function businessName(db: DbOrTx): Promise<string> {
  const [row] = await db.select({ name: workspace.name }).from(workspace).limit(1);
  return row?.name ?? "Atendo";
}
