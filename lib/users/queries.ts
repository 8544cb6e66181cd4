import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/types";
import { queueMembers, queues, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import type { CreateUserInput, UpdateUserInput } from "./schemas";

export type UserRow = typeof users.$inferSelect;
export type PublicUser = Omit<UserRow, "passwordHash" | "sessionVersion"> & { queueIds: string[] };

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row;
}

export async function getUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

function toPublic(row: UserRow, queueIds: string[]): PublicUser {
  const { passwordHash: _hidden, sessionVersion: _internal, ...rest } = row;
  return { ...rest, queueIds };
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const rows = await db.select().from(users).orderBy(asc(users.name));
  const memberships = await db.select().from(queueMembers);
  return rows.map((row) => toPublic(row, memberships.filter((m) => m.userId === row.id).map((m) => m.queueId)));
}

async function setMemberships(tx: DbOrTx, userId: string, queueIds: string[]): Promise<void> {
  if (queueIds.length) {
    const existing = await tx.select({ id: queues.id }).from(queues).where(inArray(queues.id, queueIds));
    if (existing.length !== new Set(queueIds).size) throw new AppError("unprocessable", "Unknown queue");
  }
  await tx.delete(queueMembers).where(eq(queueMembers.userId, userId));
  if (queueIds.length) {
    await tx.insert(queueMembers).values([...new Set(queueIds)].map((queueId) => ({ queueId, userId })));
  }
}

export async function createUser(db: Db, input: CreateUserInput, actorId: string | null): Promise<PublicUser> {
  if (await findUserByEmail(db, input.email)) throw new AppError("conflict", "A user with this email already exists");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ name: input.name, email: input.email, role: input.role, passwordHash, capacity: input.capacity })
      .returning();
    await setMemberships(tx, row.id, input.queueIds);
    await recordAudit(tx, { actorId, action: "user.create", entityType: "user", entityId: row.id, details: { role: row.role } });
    return toPublic(row, input.queueIds);
  });
}

export async function updateUser(db: Db, id: string, input: UpdateUserInput, actorId: string | null): Promise<PublicUser> {
  const current = await getUserById(db, id);
  if (!current) throw new AppError("not_found", "User not found");
  if (input.email && input.email !== current.email && (await findUserByEmail(db, input.email))) {
    throw new AppError("conflict", "A user with this email already exists");
  }
  // An admin must not lock everybody out: the last active admin keeps the role and stays enabled.
  const losesAdmin = current.role === "admin" && ((input.role && input.role !== "admin") || input.disabled === true);
  if (losesAdmin) {
    const admins = (await db.select().from(users).where(eq(users.role, "admin"))).filter((u) => !u.disabled);
    if (admins.length <= 1) throw new AppError("conflict", "The last active admin cannot be demoted or disabled");
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  // A new password, a disabled account or a new role ends the user's existing sessions:
  // whoever holds an old cookie must sign in again (and may no longer be able to).
  const endsSessions = !!input.password || input.disabled === true || (input.role !== undefined && input.role !== current.role);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        name: input.name,
        email: input.email,
        role: input.role,
        disabled: input.disabled,
        capacity: input.capacity,
        passwordHash,
        sessionVersion: endsSessions ? sql`${users.sessionVersion} + 1` : undefined,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning();
    if (input.queueIds) await setMemberships(tx, id, input.queueIds);
    const queueIds = (await tx.select().from(queueMembers).where(eq(queueMembers.userId, id))).map((m) => m.queueId);
    const { password: _secret, ...changes } = input;
    await recordAudit(tx, {
      actorId,
      action: "user.update",
      entityType: "user",
      entityId: id,
      details: { ...changes, ...(input.password ? { passwordChanged: true } : {}) },
    });
    return toPublic(row, queueIds);
  });
}

export async function listQueues(db: DbOrTx) {
  return db.select().from(queues).orderBy(asc(queues.name));
}
