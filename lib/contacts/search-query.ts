import { fold } from "./fold";

/**
 * The words of a search as a prefix query over the contacts' search document (name, phone,
 * field values): every word must match the start of some word of the contact. `+` and the
 * spacing of phone numbers are dropped, so "+55 11 9999" finds 55119999…. Accents are folded
 * as in the search document: "joao" and "joão" both find "João".
 */
export function searchQuery(q: string): string | null {
  const compact = /^[+\d\s().-]+$/.test(q) ? q.replace(/[^\d]/g, "") : fold(q);
  const words = compact
    .split(/\s+/)
    .map((w) => w.replace(/[&|!():*<>'\\]/g, "").trim())
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `'${w.toLowerCase()}':*`).join(" & ");
}
