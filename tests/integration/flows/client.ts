/** A small JSON client for the flows API tests: one per caller (session cookie or API token). */
export type Caller = { label: string; headers: Record<string, string> };

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers; text: string };

export function bearer(token: string, label = "token"): Caller {
  return { label, headers: { authorization: `Bearer ${token}` } };
}

export function session(cookie: string, label = "session"): Caller {
  return { label, headers: { cookie } };
}

export async function call<T = any>(baseUrl: string, caller: Caller, method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const isForm = body instanceof FormData;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    // Like the app's own fetch client in a browser: the page's Origin with the cookie, and
    // mutations declared JSON (cookie callers are held to both, lib/auth/same-origin.ts).
    headers: {
      ...caller.headers,
      ...(caller.headers.cookie ? { origin: new URL(baseUrl).origin } : {}),
      ...(!isForm && (body !== undefined || (method !== "GET" && method !== "HEAD")) ? { "content-type": "application/json" } : {}),
      ...extraHeaders,
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

/** A valid document: start → buttons (2 options) → handoff / end, plus a question branch. */
export function sampleDocument(overrides: { welcome?: string; buttonTitle?: string; queue?: string } = {}) {
  return {
    schemaVersion: 1,
    settings: { sessionTimeoutMinutes: 30, invalidInputMessage: "No entendí.", maxInvalidAttempts: 2, globalKeywords: [] },
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      {
        id: "menu",
        type: "buttons",
        position: { x: 0, y: 120 },
        data: {
          text: overrides.welcome ?? "Hola {{contact.name}}, ¿en qué te ayudamos?",
          buttons: [
            { id: "human", title: overrides.buttonTitle ?? "Hablar con alguien" },
            { id: "bye", title: "Nada más" },
          ],
        },
      },
      { id: "handoff", type: "handoff", position: { x: -150, y: 260 }, data: { queue: overrides.queue ?? "soporte", text: "Te atiende una persona. Protocolo {{protocol}}." } },
      { id: "end", type: "end", position: { x: 150, y: 260 }, data: { text: "¡Hasta luego!" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "menu" },
      { id: "e2", source: "menu", sourceHandle: "human", target: "handoff" },
      { id: "e3", source: "menu", sourceHandle: "bye", target: "end" },
    ],
  };
}
