import { env, publicUrl } from "@/lib/config/env";

/**
 * The URL to paste into Meta's dashboard. NEXTAUTH_URL is the app's public origin when set;
 * otherwise the origin the request came in on (behind a proxy, X-Forwarded-* first).
 */
export function webhookUrl(headers?: Headers): string {
  return `${publicOrigin(headers)}/api/webhooks/whatsapp`;
}

function publicOrigin(headers?: Headers): string {
  if (env.NEXTAUTH_URL) return publicUrl();
  const host = headers?.get("x-forwarded-host") ?? headers?.get("host");
  if (!host) return "http://localhost:3000";
  const proto = headers?.get("x-forwarded-proto")?.split(",")[0]?.trim() || (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
