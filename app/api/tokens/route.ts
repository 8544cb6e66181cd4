import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { requireRole } from "@/lib/auth/guard";
import { createTokenSchema } from "@/lib/auth/token-schemas";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { handle } from "@/lib/errors/respond";
import { parseInput, readJson } from "@/lib/errors/parse";

export async function GET(request: Request) {
  return handle(async () => {
    await requireRole(["admin"], request);
    return Response.json({ tokens: await listApiTokens(await getDb()) });
  });
}

export async function POST(request: Request) {
  return handle(async () => {
    // Only a signed-in admin mints tokens: a token that could mint tokens would outlive any revocation.
    const actor = await requireRole(["admin"], request, { sessionOnly: true });
    // A token must belong to a person, so that what it does is attributable.
    if (!actor.userId) throw new AppError("forbidden", "Tokens are created by signed-in admins");
    const input = parseInput(createTokenSchema, await readJson(request));
    return Response.json({ token: await createApiToken(await getDb(), input, actor.userId) }, { status: 201 });
  });
}
