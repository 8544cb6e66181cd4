import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { parseInput, queryOf } from "@/lib/errors/parse";
import { deskScope, type DeskScope } from "./access";

/** After `requireRole(["admin", "agent"], request)`: the database and what the caller may see. */
export async function deskContext(actor: Actor): Promise<{ scope: DeskScope; db: Awaited<ReturnType<typeof getDb>> }> {
  const db = await getDb();
  return { scope: await deskScope(db, actor), db };
}

const idParams = z.object({ id: z.uuid("Conversation not found") });

/** A malformed id is answered like a missing one: 404, nothing to learn from it. */
export function conversationId(params: { id: string }): string {
  const parsed = idParams.safeParse(params);
  if (!parsed.success) return "00000000-0000-0000-0000-000000000000";
  return parsed.data.id;
}

export { parseInput, queryOf };
