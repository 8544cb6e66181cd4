import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's own handler: sign-in, sign-out, session and CSRF endpoints (public by design).
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
