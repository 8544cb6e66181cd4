import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { findActiveToken, tokenRole } from "./api-tokens";
import { authOptions } from "./options";
import { AREA_ROLES, type Area, type Role } from "./roles";
import { assertSameOriginMutation, type BodyKinds } from "./same-origin";

export type Actor = {
  /** The user acting, or the token's creator for API tokens. */
  userId: string | null;
  role: Role;
  name: string;
  via: "session" | "token";
};

async function sessionActor(): Promise<Actor | null> {
  // The session callback (lib/auth/options.ts) reads the user from the database on every
  // request: a role change or a disabled flag takes effect at once, and a revoked session
  // (sign-out, password change…) yields no session at all.
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return { userId: session.user.id, role: session.user.role, name: session.user.name ?? "", via: "session" };
}

async function tokenActor(authorization: string): Promise<Actor> {
  const token = authorization.replace(/^Bearer\s+/i, "").trim();
  const found = await findActiveToken(await getDb(), token);
  if (!found) throw new AppError("unauthorized", "Invalid or revoked API token");
  const { token: row, creator } = found;
  // A token is its creator's delegate: it dies with the creator's account and never
  // outranks what the creator may do today.
  if (!creator || creator.disabled) throw new AppError("unauthorized", "This API token's creator is no longer active");
  const role = tokenRole(row.role, creator.role);
  if (!role) throw new AppError("forbidden", "This API token's creator no longer has the token's role");
  return { userId: creator.id, role, name: `token:${row.name}`, via: "token" };
}

export type GuardOptions = {
  /** The route takes a file upload: cookie-authenticated calls may send multipart/form-data. */
  multipart?: boolean;
  /** Only a signed-in person may do this (e.g. mint API tokens), never an API token. */
  sessionOnly?: boolean;
};

/**
 * The one server-side guard for route handlers: resolves the caller (API token or
 * session), refuses cross-site mutations made with the session cookie (CSRF), and checks
 * the role. 401 when anonymous, 403 when not allowed, 415 for a body type a cookie caller
 * must not send. `request` is required: it is what the CSRF check reads.
 */
export async function requireRole(roles: readonly Role[], request: Request, options: GuardOptions = {}): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  const bearer = authorization?.toLowerCase().startsWith("bearer ");
  if (bearer && options.sessionOnly) throw new AppError("forbidden", "Only a signed-in admin can do this, not an API token");
  const actor = bearer ? await tokenActor(authorization!) : await sessionActor();
  if (!actor) throw new AppError("unauthorized", "Sign in to continue");
  if (actor.via === "session") assertSameOriginMutation(request, { multipart: options.multipart } satisfies BodyKinds);
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
