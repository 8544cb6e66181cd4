import "server-only";
import type { NextAuthOptions, Session } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverSecret } from "@/lib/config/secret";
import { getDb } from "@/lib/db";
import { authenticate } from "./authenticate";
import { safeCallbackPath } from "./callback-url";
import { clientIp } from "./client-ip";
import type { Role } from "./roles";
import { endSessionsSignedInWith, liveSessionUser } from "./sessions";

/** The error string the login page turns into a "too many attempts" message. */
export const RATE_LIMITED_ERROR = "RateLimited";

type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

export function authOptions(): NextAuthOptions {
  return {
    secret: serverSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "");
          const password = String(credentials?.password ?? "");
          if (!email || !password) return null;
          const result = await authenticate(await getDb(), email, password, clientIp(req?.headers ?? {}));
          if (!result.ok) {
            if (result.reason === "rate_limited") throw new Error(RATE_LIMITED_ERROR);
            return null;
          }
          return result.user satisfies SignedInUser;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const signedIn = user as unknown as SignedInUser;
          token.role = signedIn.role;
          token.sv = signedIn.sessionVersion;
        }
        return token;
      },
      // Every session lookup (route guards, pages, /api/auth/session) checks the database:
      // a revoked or disabled user's cookie yields no session, and the role is the current one.
      async session({ session, token }) {
        const user = token.sub ? await liveSessionUser(await getDb(), token.sub, token.sv) : null;
        if (!user) return {} as Session;
        return { ...session, user: { ...session.user, id: user.id, name: user.name, email: user.email, role: user.role } };
      },
      // Only the app's own origin: `/\evil.example` must not leave the app after sign-in.
      async redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).href;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sub && typeof token.sv === "number") await endSessionsSignedInWith(await getDb(), token.sub, token.sv);
      },
    },
  };
}
