/**
 * Interpreting customer-typed values: numbers in Latin-American and English notation,
 * dates, e-mail and phone answers, and marketer-written regular expressions. Shared by the
 * engine (run time) and the lint (publish time) so both agree on what is valid.
 */
import { compileRegex } from "./regex";
import type { QuestionValidation } from "./schema";

/**
 * "1.234,56", "1,234.56", "3,5", "R$ 100" and "-2" all parse. A lone comma is a decimal
 * separator (how es/pt customers write), unless it groups thousands ("1,234,567").
 */
export function parseNumber(text: string): number {
  if (typeof text !== "string") return Number.NaN;
  let s = text.trim().replace(/[\s\u00a0]/g, "").replace(/^(r\$|us\$|\$|€|£|usd|brl|eur)/i, "").replace(/%$/, "");
  if (!s) return Number.NaN;
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma !== -1 && lastDot !== -1) {
    s = lastComma > lastDot ? s.replace(/\./g, "").replace(",", ".") : s.replace(/,/g, "");
  } else if (lastComma !== -1) {
    s = /^-?\d{1,3}(,\d{3}){2,}$/.test(s) ? s.replace(/,/g, "") : s.replace(",", ".");
  } else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(s)) {
    s = s.replace(/\./g, ""); // "1.234.567"
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return Number.NaN;
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * Accepts YYYY-MM-DD and day-first D/M/YYYY (also with "-" or "."), the usual form in
 * Spanish and Portuguese. Returns the ISO date or null for impossible dates (31/02).
 */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
    if (!match) return null;
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
    if (match[3].length === 2) y += y >= 70 ? 1900 : 2000;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[^\s@.]{2,}$/;
const PHONE_STRIP = /[\s().\-/]/g;
const PHONE = /^\+?\d{8,15}$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text.trim());
}

export function isPhone(text: string): boolean {
  return PHONE.test(text.trim().replace(PHONE_STRIP, ""));
}

// Customers can send 4,096 characters; user-written patterns are tested on a bounded
// prefix (as they always were). Matching itself is linear time: see ./regex.
export const REGEX_INPUT_LIMIT = 1000;

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export type AnswerCheck = "valid" | "invalid" | "bad_pattern";

/** Whether a question's answer passes its validation. */
export function checkAnswer(answer: string, validation: QuestionValidation | undefined): AnswerCheck {
  const t = answer.trim();
  if (!t) return "invalid";
  const v = validation ?? { kind: "any" as const };
  switch (v.kind) {
    case "any":
      return "valid";
    case "text": {
      const len = codePointLength(t);
      if (v.min !== undefined && len < v.min) return "invalid";
      if (v.max !== undefined && len > v.max) return "invalid";
      return "valid";
    }
    case "number": {
      const n = parseNumber(t);
      if (Number.isNaN(n)) return "invalid";
      if (v.min !== undefined && n < v.min) return "invalid";
      if (v.max !== undefined && n > v.max) return "invalid";
      return "valid";
    }
    case "email":
      return isEmail(t) ? "valid" : "invalid";
    case "phone":
      return isPhone(t) ? "valid" : "invalid";
    case "date":
      return parseDate(t) ? "valid" : "invalid";
    case "regex": {
      if (!v.pattern) return "valid";
      const re = compileRegex(v.pattern, "");
      if (!re) return "bad_pattern";
      return re.test(t.length > REGEX_INPUT_LIMIT ? t.slice(0, REGEX_INPUT_LIMIT) : t) ? "valid" : "invalid";
    }
    default:
      return "valid";
  }
}
