type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The caller's address as the reverse proxy saw it (first hop of X-Forwarded-For). */
export function clientIp(headers: HeaderBag): string | undefined {
  const forwarded = header(headers, "x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim();
  return header(headers, "x-real-ip") ?? undefined;
}
