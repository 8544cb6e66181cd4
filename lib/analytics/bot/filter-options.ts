import "server-only";
import { asc } from "drizzle-orm";
import { channels, flows } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";

export type BotFilterOptions = { flows: { id: string; name: string }[]; channels: { id: string; name: string }[] };

/** The page's pickers: flows and numbers by name (no credentials). */
export async function botFilterOptions(db: DbOrTx): Promise<BotFilterOptions> {
  const [flowRows, channelRows] = await Promise.all([
    db.select({ id: flows.id, name: flows.name }).from(flows).orderBy(asc(flows.name)),
    db.select({ id: channels.id, name: channels.name }).from(channels).orderBy(asc(channels.name)),
  ]);
  return { flows: flowRows, channels: channelRows };
}
