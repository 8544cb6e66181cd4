import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { getPresence, setPresence } from "@/lib/desk/presence";
import { presenceSchema } from "@/lib/desk/schemas";

export async function GET(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin", "agent"], request);
    if (!actor.userId) throw new AppError("unprocessable", "Presence belongs to a user");
    return Response.json({ presence: await getPresence(await getDb(), actor.userId) });
  });
}

/** online / away / offline; automatic assignment only gives conversations to online agents. */
export async function PUT(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin", "agent"], request);
    const { presence } = parseInput(presenceSchema, await readJson(request));
    if (!actor.userId) throw new AppError("unprocessable", "Presence belongs to a user");
    return Response.json({ presence: await setPresence(await getDb(), actor.userId, presence) });
  });
}
