import "server-only";
import { env, internalUrl } from "@/lib/config/env";
import { signPayload } from "@/lib/whatsapp/signature";
import { serializeLikeMeta } from "./envelope";

/**
 * Where the sandbox delivers its webhooks: the app's real webhook route, so simulated
 * customers take the production path. SANDBOX_WEBHOOK_URL overrides it (tests capture the
 * deliveries with it; a developer can aim a local sandbox at another instance).
 */
function sandboxWebhookUrl(): string {
  return env.SANDBOX_WEBHOOK_URL ?? `${internalUrl()}/api/webhooks/whatsapp`;
}

export type WebhookDelivery = { ok: boolean; status: number; body: string; error?: string };

/** Signs the exact bytes it sends with the channel's app secret and POSTs them like Meta does. */
export async function postSignedWebhook(payload: unknown, appSecret: string, options: { timeoutMs?: number } = {}): Promise<WebhookDelivery> {
  const raw = serializeLikeMeta(payload);
  try {
    const response = await fetch(sandboxWebhookUrl(), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "facebookexternalua",
        "x-hub-signature-256": signPayload(raw, appSecret),
      },
      body: raw,
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const body = (await response.text()).slice(0, 2_000);
    return { ok: response.status === 200, status: response.status, body };
  } catch (error) {
    const cause = error as Error;
    return { ok: false, status: 0, body: "", error: cause.name === "TimeoutError" ? "timeout" : cause.message };
  }
}

/** Meta retries any non-200 answer; the sandbox does too, briefly (its deliveries are only a demo's). */
export async function postSignedWebhookWithRetry(payload: unknown, appSecret: string, delaysMs = [1_000, 4_000]): Promise<WebhookDelivery> {
  let result = await postSignedWebhook(payload, appSecret);
  for (const delay of delaysMs) {
    if (result.ok || (result.status >= 400 && result.status < 500 && result.status !== 429)) break;
    await new Promise((resolve) => setTimeout(resolve, delay));
    result = await postSignedWebhook(payload, appSecret);
  }
  return result;
}
