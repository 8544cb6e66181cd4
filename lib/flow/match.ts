/**
 * Matching what a customer typed against the options of a buttons/list node. Customers
 * type "2", "2.", "soporte", "SOPORTE", "Soporté" or tap an old button: all must work.
 */

const MARKS = /\p{M}/gu;
const SPACES = /\s+/g;
// Keep letters, digits and spaces only, for the forgiving second pass ("¿Ventas?" = "ventas").
const NOT_WORD = /[^\p{L}\p{N} ]+/gu;
const OPTION_NUMBER = /^(\d{1,3})\s*[.)\-:]?$/;

/** Lowercase, strip accents (NFD + combining marks), trim, collapse inner whitespace. */
// Plain ASCII (most typed answers: "2", "menu", "soporte") needs no Unicode work.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at NUL on purpose
const NON_ASCII = /[^\x00-\x7f]/;

export function normalizeText(text: string): string {
  if (!text) return "";
  let s = NON_ASCII.test(text) ? text.normalize("NFD").replace(MARKS, "").toLowerCase() : text.toLowerCase();
  // A fast path for the common single-word answer avoids the second regex.
  if (s.indexOf("  ") !== -1 || /[\t\n\r\f\v\u00a0\u2000-\u200b\u3000]/.test(s)) s = s.replace(SPACES, " ");
  return s.trim();
}

/** `normalizeText` minus punctuation, symbols and emoji. */
export function looseText(text: string): string {
  const s = normalizeText(text).replace(NOT_WORD, "");
  return s.indexOf("  ") === -1 ? s.trim() : s.replace(SPACES, " ").trim();
}

export type MatchOption = { id: string; title: string };

/**
 * Options pre-normalized once per node (the engine caches this per document) so that a
 * match costs one normalization of the customer's text.
 */
export type PreparedOptions = {
  ids: string[];
  titles: string[];
  normalized: string[];
  loose: string[];
  normalizedIds: string[];
};

export function prepareOptions(options: readonly MatchOption[]): PreparedOptions {
  return {
    ids: options.map((o) => o.id),
    titles: options.map((o) => o.title),
    normalized: options.map((o) => normalizeText(o.title)),
    loose: options.map((o) => looseText(o.title)),
    normalizedIds: options.map((o) => normalizeText(o.id)),
  };
}

export type MatchInput = { kind: "reply"; id: string; title?: string } | { kind: "text"; text: string };

/**
 * Index of the matched option, or -1. Order: reply id; then, for typed text (or a reply
 * whose id no longer exists, e.g. a button from an older message), option number
 * ("2", "2.", " 2 ", "2️⃣") — unless some title is literally that number — then title
 * (exact normalized, then ignoring punctuation/emoji), then id.
 */
export function matchOption(prepared: PreparedOptions, input: MatchInput): number {
  if (input.kind === "reply") {
    const byId = prepared.ids.indexOf(input.id);
    if (byId !== -1) return byId;
    if (input.title === undefined) return -1;
    return matchText(prepared, input.title);
  }
  return matchText(prepared, input.text);
}

export function matchText(prepared: PreparedOptions, text: string): number {
  const norm = normalizeText(text);
  if (!norm) return -1;
  const exact = prepared.normalized.indexOf(norm);
  const num = OPTION_NUMBER.exec(norm);
  if (num) {
    // A title that is itself this number ("2 personas" aside, e.g. ["1", "2", "3+"]) wins.
    if (exact !== -1) return exact;
    const n = Number(num[1]);
    if (n >= 1 && n <= prepared.ids.length) return n - 1;
  }
  if (exact !== -1) return exact;
  const loose = looseText(norm);
  if (loose) {
    const byLoose = prepared.loose.indexOf(loose);
    if (byLoose !== -1) return byLoose;
  }
  return prepared.normalizedIds.indexOf(norm);
}

/** Convenience for one-off matching without preparation. */
export function matchOptions(options: readonly MatchOption[], input: MatchInput): number {
  return matchOption(prepareOptions(options), input);
}

/** Whether `text` is one of `keywords` (whole text, normalized). */
export function matchesKeyword(text: string, keywords: readonly string[]): boolean {
  const norm = normalizeText(text);
  if (!norm) return false;
  for (const k of keywords) if (normalizeText(k) === norm) return true;
  return false;
}
