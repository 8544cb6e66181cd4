import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";
import { createUser, listUsers } from "@/lib/users/queries";
import { createUserSchema } from "@/lib/users/schemas";

export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    return Response.json({ users: await listUsers(await getDb()) });
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireRole(["admin"], request);
    const input = parseInput(createUserSchema, await readJson(request));
    return Response.json({ user: await createUser(await getDb(), input, actor.userId) }, { status: 201 });
  });
}
