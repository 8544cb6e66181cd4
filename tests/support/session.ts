/** Signs in through next-auth's credentials endpoint like a browser would; returns the Cookie header to reuse. */
export async function signIn(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<{ ok: boolean; cookie: string; error?: string }> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const collect = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
  };
  collect(csrfRes);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(), ...headers },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  collect(res);
  // With json=true next-auth answers {url} instead of redirecting; the url carries any error.
  const location = res.headers.get("location") ?? (((await res.json().catch(() => ({}))) as { url?: string }).url ?? "");
  const error = new URL(location, baseUrl).searchParams.get("error") ?? undefined;
  const ok = !error && [...jar.keys()].some((k) => k.includes("session-token"));
  return { ok, cookie: cookieHeader(), error };
}

/**
 * What a browser sends with the app's own fetches: the session cookie and the page's
 * Origin (cookie-authenticated mutations without a same-origin Origin are refused as CSRF).
 */
export function browserHeaders(baseUrl: string, cookie: string): Record<string, string> {
  return { cookie, origin: new URL(baseUrl).origin };
}
