/**
 * Reads what the desk shows for `location` and `contacts` messages from the raw webhook
 * message kept as the transcript payload. Pure, browser-safe and lenient: a field Meta
 * leaves out is simply not shown.
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);

export type LocationView = { latitude: number | null; longitude: number | null; name: string | null; address: string | null };
export type ContactView = { name: string; phones: { phone: string; type: string | null }[] };

export function locationOf(payload: unknown): LocationView | null {
  const loc = obj(obj(payload)?.location);
  if (!loc) return null;
  return { latitude: num(loc.latitude), longitude: num(loc.longitude), name: str(loc.name), address: str(loc.address) };
}

/** Google Maps at the coordinates; null when either is missing or out of range. */
export function mapUrl(location: LocationView): string | null {
  const { latitude: lat, longitude: lng } = location;
  if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return `https://www.google.com/maps?q=${lat},${lng}`;
}

export function contactsOf(payload: unknown): ContactView[] {
  const list = obj(payload)?.contacts;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const c = obj(item);
    if (!c) return [];
    const name = obj(c.name);
    const display = str(name?.formatted_name) ?? ([str(name?.first_name), str(name?.last_name)].filter(Boolean).join(" ") || null);
    const phones = (Array.isArray(c.phones) ? c.phones : []).flatMap((p) => {
      const phone = str(obj(p)?.phone) ?? str(obj(p)?.wa_id);
      return phone ? [{ phone, type: str(obj(p)?.type) }] : [];
    });
    return display || phones.length ? [{ name: display ?? phones[0]!.phone, phones }] : [];
  });
}

/** `tel:` link for a number as people write it (+55 11 98765-4321 → tel:+5511987654321). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return `tel:${digits}`;
}
