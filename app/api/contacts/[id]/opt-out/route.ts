import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { setContactOptOut } from "@/lib/contacts/opt-out/contact";
import { optOutChangeSchema } from "@/lib/contacts/opt-out/schemas";
import { optOutStatus } from "@/lib/contacts/opt-out/store";
import { getDb } from "@/lib/db";
import { parseInput, readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";
import { AppError } from "@/lib/errors/app-error";

const params = z.object({ id: z.uuid() });

async function contactId(p: Promise<{ id: string }>): Promise<string> {
  const parsed = params.safeParse(await p);
  if (!parsed.success) throw new AppError("not_found", "Contact not found");
  return parsed.data.id;
}

/** A contact's marketing consent (admins, by session or API token). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await requireRole(["admin"], request);
    return Response.json({ optOut: await optOutStatus(await getDb(), await contactId(params)) });
  });
}

export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const id = await contactId(params);
    const input = parseInput(optOutChangeSchema, await readJson(request));
    return Response.json({ optOut: await setContactOptOut(await getDb(), actor, id, input.optedOut) });
  });
}
