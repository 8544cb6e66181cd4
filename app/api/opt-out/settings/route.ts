import { requireRole } from "@/lib/auth/guard";
import { optOutSettingsInputSchema } from "@/lib/contacts/opt-out/schemas";
import { getOptOutSettings, saveOptOutSettings } from "@/lib/contacts/opt-out/settings";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

/** Opt-out and opt-in keywords and their confirmations (docs/outreach.md). */
export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    return Response.json({ settings: await getOptOutSettings(await getDb()) });
  });
}

export async function PUT(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(optOutSettingsInputSchema, await readJson(request));
    return Response.json({ settings: await saveOptOutSettings(await getDb(), input, actor.userId) });
  });
}
