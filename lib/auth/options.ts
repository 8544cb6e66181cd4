import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverSecret } from "@/lib/config/secret";
import { getDb } from "@/lib/db";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";
import type { Role } from "./roles";

/** The error string the login page turns into a "too many attempts" message. */
export const RATE_LIMITED_ERROR = "RateLimited";

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
          return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.role = (user as unknown as { role: Role }).role;
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.sub!;
          session.user.role = token.role as Role;
        }
        return session;
      },
    },
  };
}
