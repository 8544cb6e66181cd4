import type { Role } from "@/lib/auth/roles";

/**
 * Every route and page of the app with who may use it. The guard test walks `app/` and
 * fails on any route missing here, so a new route can't ship without a decision (and a guard).
 * `public` routes answer without a session; `signedIn` pages let every role in.
 * Dynamic segments are filled with a random UUID (or the `sample` given).
 */
export type Access = "public" | "signedIn" | readonly Role[];

export const API_ROUTES: Record<string, Access> = {
  "GET /api/health": "public",
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "GET /api/users": ["admin"],
  "POST /api/users": ["admin"],
  "PATCH /api/users/[id]": ["admin"],
  "GET /api/tokens": ["admin"],
  "POST /api/tokens": ["admin"],
  "DELETE /api/tokens/[id]": ["admin"],
};

export const PAGES: Record<string, Access> = {
  "/": "signedIn",
  "/login": "public",
  "/flows": ["admin", "editor"],
  "/analytics": ["admin", "editor"],
  "/desk": ["admin", "agent"],
  "/settings": ["admin"],
  "/settings/users": ["admin"],
  "/settings/tokens": ["admin"],
};
