export const LOCALES = ["es", "pt", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "es";
export const LOCALE_COOKIE = "NEXT_LOCALE";
export const LOCALE_LABELS: Record<Locale, string> = { es: "Español", pt: "Português (Brasil)", en: "English" };

/** Message files per locale: one JSON per area, so each area's strings live in one place. */
export const NAMESPACES = [
  "common",
  "auth",
  "nav",
  "settings",
  "flows",
  "editor",
  "simulator",
  "desk",
  "media",
  "protocols",
  "analytics",
  "templates",
  "contacts",
  "campaigns",
] as const;

export function isLocale(value: string | undefined | null): value is Locale {
  return !!value && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header (es-AR → es, pt-BR → pt). */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { base: tag!.toLowerCase().split("-")[0]!, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.find((r) => isLocale(r.base))?.base as Locale | undefined ?? DEFAULT_LOCALE;
}
