import { z } from "zod";
import { requireRole } from "@/lib/auth/guard";
import { CONTACT_NOT_FOUND, getContact, updateProfile } from "@/lib/contacts/profile";
import { profileUpdateSchema } from "@/lib/contacts/schemas";
import { deskContext, parseInput } from "@/lib/desk/guard";
import { readJson } from "@/lib/errors/parse";
import { handle } from "@/lib/errors/respond";

const params = z.object({ id: z.uuid(CONTACT_NOT_FOUND) });

/** A malformed id is answered like a missing one. */
async function contactId(p: Promise<{ id: string }>): Promise<string> {
  const parsed = params.safeParse(await p);
  return parsed.success ? parsed.data.id : "00000000-0000-0000-0000-000000000000";
}

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    return Response.json({ contact: await getContact(db, scope, await contactId(ctx.params)) });
  });
}

export async function PATCH(request: Request, ctx: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const actor = await requireRole(["admin", "agent"], request);
    const { db, scope } = await deskContext(actor);
    const id = await contactId(ctx.params);
    const input = parseInput(profileUpdateSchema, await readJson(request));
    return Response.json({ contact: await updateProfile(db, scope, id, input, actor.userId) });
  });
}
