import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { forwardedHttps } from "@/lib/auth/client-ip";
import { serverSecret } from "@/lib/config/secret";
import { contentSecurityPolicy, HSTS, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";

/**
 * Two jobs, for pages only. (1) Security headers with a per-request CSP nonce, which
 * Next.js applies to its scripts when it finds it in the request's CSP header (its CSP
 * guide). (2) Sending anonymous visitors to the login page. Authorization is never
 * decided here: every page and route handler checks the session (and its revocation) on
 * the server.
 */
export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = request.nextUrl.protocol === "https:" || forwardedHttps(request.headers);
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const response = (await needsLogin(request)) ? loginRedirect(request) : pass(request, csp);
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

async function needsLogin(request: NextRequest): Promise<boolean> {
  if (request.nextUrl.pathname === "/login") return false;
  return !(await getToken({ req: request, secret: serverSecret() }));
}

function loginRedirect(request: NextRequest): NextResponse {
  const login = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") login.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(login);
}

function pass(request: NextRequest, csp: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", csp);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: API routes answer 401 themselves, and assets and the simulator's public
  // files must stay reachable (they get the static headers from next.config.mjs).
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|jpg|ico|webp|css|js)$).*)"],
};
