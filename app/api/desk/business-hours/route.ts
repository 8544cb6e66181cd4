import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { getHoursSettings, saveHoursSettings } from "@/lib/desk/admin/hours";
import { hoursSettingsSchema } from "@/lib/desk/schemas";

export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    return Response.json({ hours: await getHoursSettings(await getDb()) });
  });
}

export async function PUT(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(hoursSettingsSchema, await readJson(request));
    return Response.json({ hours: await saveHoursSettings(await getDb(), input, actor.userId) });
  });
}
