import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { apiTokens, users } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "./roles";

const TOKEN_PREFIX = "atd_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token and returns it in clear exactly once; only its hash is stored. */
export async function createApiToken(db: Db, input: { name: string; role: Role }, actorId: string) {
  const token = TOKEN_PREFIX + randomBytes(24).toString("base64url");
  const [row] = await db
    .insert(apiTokens)
    .values({ name: input.name, role: input.role, tokenHash: hashToken(token), prefix: token.slice(0, 10), createdBy: actorId })
    .returning({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt });
  await recordAudit(db, { actorId, action: "api_token.create", entityType: "api_token", entityId: row.id, details: { role: input.role } });
  return { ...row, token };
}

export async function listApiTokens(db: Db) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, id: string, actorId: string | null): Promise<void> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw new AppError("not_found", "Token not found or already revoked");
  await recordAudit(db, { actorId, action: "api_token.revoke", entityType: "api_token", entityId: id });
}

/** The active token with its creator's current account (null creator: the user was deleted). */
export async function findActiveToken(db: Db, token: string) {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .select({ token: apiTokens, creator: { id: users.id, role: users.role, disabled: users.disabled } })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (row) {
    // Best effort: "last used" is informative, never worth failing a request for.
    db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id)).catch(() => {});
  }
  return row;
}

/**
 * What a token may do now: the smaller of its own role and its creator's current one
 * (admin covers every role; editor and agent cover only themselves). Null when they share
 * nothing, e.g. an editor token whose creator is now an agent.
 */
export function tokenRole(tokenRole: Role, creatorRole: Role): Role | null {
  if (creatorRole === "admin") return tokenRole;
  if (tokenRole === "admin" || tokenRole === creatorRole) return creatorRole;
  return null;
}
