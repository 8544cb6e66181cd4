import { e164Schema, waIdOf } from "@/lib/contacts/outreach/phone";

/** A CSV cell's phone number as a wa_id (the E.164 digits), or null when it is not E.164 (lib/contacts/outreach/phone.ts decides). */
export function e164ToWaId(raw: string): string | null {
  const parsed = e164Schema.safeParse(raw);
  return parsed.success ? waIdOf(parsed.data) : null;
}
