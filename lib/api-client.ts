/** Browser-side fetch for our JSON API: throws an Error whose message is the server's reason. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export async function apiFetch<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  // The server refuses cookie-authenticated mutations that are not JSON (CSRF defence,
  // lib/auth/same-origin.ts), so body-less POSTs and DELETEs are declared JSON too.
  const method = (rest.method ?? "GET").toUpperCase();
  const declaresJson = json !== undefined || (method !== "GET" && method !== "HEAD" && !(rest.body instanceof FormData));
  const response = await fetch(url, {
    ...rest,
    headers: { ...(declaresJson ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await response.text();
  const body = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (body as { error?: { message?: string; details?: { issues?: { path: string; message: string }[] } } })?.error;
    const issues = error?.details?.issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    throw new ApiError(issues || error?.message || response.statusText, response.status, body);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
