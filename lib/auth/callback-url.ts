/**
 * Where to send a user after sign-in. Only a URL whose *parsed* origin is the app's own is
 * kept: prefix checks are not enough, since browsers read `/\evil.example` as
 * `//evil.example`. Anything else goes to the home page. Pure: used by the login form (with
 * `window.location.origin`) and by next-auth's redirect callback (with its base URL).
 */
export function safeCallbackPath(raw: string | null | undefined, appOrigin: string): string {
  if (!raw) return "/";
  try {
    const origin = new URL(appOrigin).origin;
    const url = new URL(raw, origin);
    if (url.origin !== origin) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
