/**
 * Marketers' regular expressions (question validation, the condition `matches` operator)
 * run against text any customer can send. V8's RegExp backtracks, so a pattern such as
 * `^(a+)+$` takes exponential time on "aaaa…!" and blocks the whole process. They are
 * compiled with re2js instead (a pure-JS RE2: linear time in the input, no native code, so
 * the same code runs in the engine, the lint, the simulator and the browser).
 *
 * RE2 cannot express back-references or look-arounds (they are what makes matching
 * non-linear); such patterns are refused by the lint with a reason the marketer can act on.
 */
import { RE2JS, RE2JSSyntaxException } from "re2js";

export type RegexFlags = "" | "i";

/** Why a pattern cannot be used; `syntax` reasons mirror RE2's parser errors. */
export type RegexProblem =
  | { kind: "backreference"; token: string }
  | { kind: "lookaround"; token: string }
  | { kind: "syntax"; reason: RegexSyntaxReason; token: string };

export const REGEX_SYNTAX_REASONS = [
  "missing_paren",
  "unexpected_paren",
  "missing_bracket",
  "char_range",
  "escape",
  "repeat",
  "repeat_size",
  "trailing_backslash",
  "named_capture",
  "unsupported",
  "too_large",
] as const;
export type RegexSyntaxReason = (typeof REGEX_SYNTAX_REASONS)[number];

const REASON_BY_ERROR: Record<string, RegexSyntaxReason> = {
  "missing closing )": "missing_paren",
  "unexpected )": "unexpected_paren",
  "missing closing ]": "missing_bracket",
  "invalid character class range": "char_range",
  "invalid escape sequence": "escape",
  "invalid nested repetition operator": "repeat",
  "missing argument to repetition operator": "repeat",
  "invalid repeat count": "repeat_size",
  "trailing backslash at end of expression": "trailing_backslash",
  "invalid named capture": "named_capture",
  "duplicate capture group name": "named_capture",
  "invalid or unsupported Perl syntax": "unsupported",
  "expression too large": "too_large",
  "expression nests too deeply": "too_large",
};

/**
 * JavaScript spellings RE2 writes differently, so patterns written for the old engine keep
 * working: `\uXXXX` becomes `\x{XXXX}`. Escaped backslashes (`\\u`) are left alone.
 */
export function toRe2Syntax(pattern: string): string {
  if (pattern.indexOf("\\u") === -1) return pattern;
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== "\\" || i + 1 >= pattern.length) {
      out += c;
      continue;
    }
    const next = pattern[i + 1];
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(pattern.slice(i + 2, i + 6))) {
      out += `\\x{${pattern.slice(i + 2, i + 6)}}`;
      i += 5;
    } else {
      out += c + next;
      i++;
    }
  }
  return out;
}

function classify(e: unknown, pattern: string): RegexProblem {
  const error = e instanceof RE2JSSyntaxException ? e.error : "";
  const token = e instanceof RE2JSSyntaxException ? (e.input ?? "") : "";
  if (error === "invalid escape sequence" && /^\\([1-9]|k)/.test(token)) return { kind: "backreference", token: token.slice(0, 8) };
  if (error === "invalid or unsupported Perl syntax" && /^\(\?[=!]/.test(token)) return { kind: "lookaround", token: token.slice(0, 3) };
  // RE2 reads `(?<` as a named group, so a look-behind surfaces as a bad group name.
  const behind = /\(\?<[=!]/.exec(token || pattern);
  if (error === "invalid named capture" && behind) return { kind: "lookaround", token: behind[0] };
  return { kind: "syntax", reason: REASON_BY_ERROR[error] ?? "unsupported", token: token.slice(0, 40) };
}

type Compiled = { re: RE2JS; problem: null } | { re: null; problem: RegexProblem };

const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 2000;

function compile(pattern: string, flags: RegexFlags): Compiled {
  const key = `${flags}/${pattern}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    try {
      hit = { re: RE2JS.compile(toRe2Syntax(pattern), flags === "i" ? RE2JS.CASE_INSENSITIVE : 0), problem: null };
    } catch (e) {
      hit = { re: null, problem: classify(e, pattern) };
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/** A linear-time matcher for a marketer's pattern (cached), or null when it cannot be used. */
export function compileRegex(pattern: string, flags: RegexFlags): RE2JS | null {
  return compile(pattern, flags).re;
}

/** Why the pattern cannot be used, or null when it compiles. Flags do not change validity. */
export function regexProblem(pattern: string): RegexProblem | null {
  return compile(pattern, "").problem;
}
