/**
 * E.164 as WhatsApp takes it: "+", a country code not starting with 0, 8 to 15 digits in all.
 * Spaces, dashes, dots and parentheses are ignored (people type them); anything else is an error.
 * Returns the wa_id (the digits), or null when the number is not valid.
 */
export function e164ToWaId(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-().]/g, "");
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact.slice(1) : null;
}
