import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { serverSecret } from "@/lib/config/secret";

/**
 * Only sends anonymous visitors to the login page. Authorization is never decided here:
 * every page, route handler and server action checks the role on the server.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: serverSecret() });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") login.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(login);
}

export const config = {
  // Pages only: API routes answer 401 themselves, and the login page, assets and
  // the simulator's public files must stay reachable.
  matcher: ["/((?!api|login|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|jpg|ico|webp|css|js)$).*)"],
};
