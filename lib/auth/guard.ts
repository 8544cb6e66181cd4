import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getUserById } from "@/lib/users/queries";
import { findActiveToken } from "./api-tokens";
import { authOptions } from "./options";
import { AREA_ROLES, type Area, type Role } from "./roles";

export type Actor = {
  /** The user acting, or the token's creator for API tokens. */
  userId: string | null;
  role: Role;
  name: string;
  via: "session" | "token";
};

async function sessionActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  // Roles and the disabled flag are read from the database on every request, so a change
  // made by an admin takes effect at once rather than when the JWT expires.
  const user = await getUserById(await getDb(), session.user.id);
  if (!user || user.disabled) return null;
  return { userId: user.id, role: user.role, name: user.name, via: "session" };
}

async function tokenActor(authorization: string): Promise<Actor> {
  const token = authorization.replace(/^Bearer\s+/i, "").trim();
  const row = await findActiveToken(await getDb(), token);
  if (!row) throw new AppError("unauthorized", "Invalid or revoked API token");
  return { userId: row.createdBy, role: row.role, name: `token:${row.name}`, via: "token" };
}

/**
 * The one server-side guard for route handlers and server actions: resolves the caller
 * (API token or session) and checks the role. 401 when anonymous, 403 when not allowed.
 */
export async function requireRole(roles: readonly Role[], request?: Request): Promise<Actor> {
  const authorization = request?.headers.get("authorization");
  const actor = authorization?.toLowerCase().startsWith("bearer ") ? await tokenActor(authorization) : await sessionActor();
  if (!actor) throw new AppError("unauthorized", "Sign in to continue");
  if (!roles.includes(actor.role)) throw new AppError("forbidden", "Your role does not allow this");
  return actor;
}

/** For pages: anonymous visitors go to the login page, the wrong role sees the "not allowed" page. */
export async function requirePageRole(area: Area): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) redirect("/login");
  if (!(AREA_ROLES[area] as readonly Role[]).includes(actor.role)) forbidden();
  return actor;
}

export async function currentActor(): Promise<Actor | null> {
  return sessionActor();
}
