/**
 * Contact profile fields (docs/contacts.md): their kinds and how a value of each kind is
 * checked and written down. Pure and browser-safe: the desk's contact card, the CSV import,
 * the REST API and the runtime (a flow saving an answer) all agree through this one file.
 */
import { isEmail, parseDate, parseNumber } from "@/lib/flow/values";

export const FIELD_KINDS = ["text", "number", "date", "email", "choice"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** What a value check needs to know about a field. */
export type FieldRule = { key: string; kind: FieldKind; options: string[] };

/** Keys name fields in flows (`{{contact.<key>}}`) and CSV headers: lower-case, digits and `_`. */
export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
/** The contact's own columns, which `{{contact.*}}` already means. */
export const RESERVED_FIELD_KEYS: ReadonlySet<string> = new Set(["name", "first_name", "phone", "tags", "id"]);

export const MAX_FIELD_VALUE = 1000;

export type FieldValueResult = { ok: true; value: string } | { ok: false; reason: FieldValueProblem };
export type FieldValueProblem = "too_long" | "not_number" | "not_date" | "not_email" | "not_option";

/**
 * The canonical text of a value of the field's kind: numbers in plain decimal notation,
 * dates as YYYY-MM-DD, e-mail addresses in lower case, a choice as the option's own spelling.
 * Empty text means "no value" and is reported as such by the caller.
 */
export function normalizeFieldValue(rule: FieldRule, raw: string): FieldValueResult {
  const text = raw.trim();
  if (text.length > MAX_FIELD_VALUE) return { ok: false, reason: "too_long" };
  switch (rule.kind) {
    case "text":
      return { ok: true, value: text };
    case "number": {
      const n = parseNumber(text);
      return Number.isNaN(n) ? { ok: false, reason: "not_number" } : { ok: true, value: String(n) };
    }
    case "date": {
      const iso = parseDate(text);
      return iso ? { ok: true, value: iso } : { ok: false, reason: "not_date" };
    }
    case "email":
      return isEmail(text) ? { ok: true, value: text.toLowerCase() } : { ok: false, reason: "not_email" };
    case "choice": {
      const folded = text.toLocaleLowerCase();
      const option = rule.options.find((o) => o.toLocaleLowerCase() === folded);
      return option ? { ok: true, value: option } : { ok: false, reason: "not_option" };
    }
  }
}

/** English reasons for API callers and logs; the UI translates the code. */
export const FIELD_VALUE_PROBLEM_TEXT: Record<FieldValueProblem, string> = {
  too_long: `longer than ${MAX_FIELD_VALUE} characters`,
  not_number: "not a number",
  not_date: "not a date (YYYY-MM-DD or DD/MM/YYYY)",
  not_email: "not an e-mail address",
  not_option: "not one of the field's options",
};

/** A phone number in E.164 (the `+` optional): 8 to 15 digits, no leading zero. Returns the WhatsApp id (digits only) or null. */
export function toWaId(phone: string): string | null {
  const digits = phone.trim().replace(/[\s().-]/g, "");
  const m = /^\+?([1-9]\d{7,14})$/.exec(digits);
  return m ? m[1]! : null;
}
