/**
 * Accent folding for the contacts search, one map for both sides: PostgreSQL's `translate`
 * builds the search document with it (lib/db/schema.ts, contacts.search) and the query's words
 * go through the same map here, so "zelia" finds "Zélia" and "joao" finds "João". Spanish and
 * Portuguese letters (and the French/German ones customers' names carry); case is folded by
 * the text search itself.
 */
export const FOLD_FROM = "ÁÀÂÃÄÅáàâãäåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÕÖóòôõöÚÙÛÜúùûüÇçÑñÝýÿ";
export const FOLD_TO = "AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuCcNnYyy";

const MAP = new Map([...FOLD_FROM].map((c, i) => [c, FOLD_TO[i]!]));

export function fold(text: string): string {
  let out = "";
  for (const c of text) out += MAP.get(c) ?? c;
  return out;
}
