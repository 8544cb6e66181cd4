/**
 * Checking a contacts CSV (docs/contacts.md#csv-import) before anything is stored: the
 * columns it may have and, row by row, every problem. Pure: the preview and the confirm
 * run the same check, so what the preview accepted is what the confirm imports.
 */
import { type CsvTable, parseCsv, unguardCell } from "./csv-parse";
import { FIELD_VALUE_PROBLEM_TEXT, type FieldRule, type FieldValueProblem, normalizeFieldValue, toWaId } from "./field-values";

export const MAX_IMPORT_ROWS = 50_000;
/** Rows without problems the preview shows (every row with one is shown). */
export const PREVIEW_VALID_ROWS = 50;

export type ImportRowError = {
  column: string;
  reason: "bad_phone" | "missing_phone" | "duplicate" | "unknown_field" | FieldValueProblem | "bad_tag";
  message: string;
};

export type ImportRow = {
  line: number;
  phone: string;
  waId: string | null;
  name: string | null;
  fields: Record<string, string>;
  tags: string[];
  errors: ImportRowError[];
};

export type ImportCheck = {
  /** Problems of the file itself (no phone column, unknown columns, too many rows). */
  fileErrors: { column?: string; reason: "no_phone_column" | "unknown_column" | "too_many_rows" | "empty"; message: string }[];
  fieldColumns: string[];
  rows: ImportRow[];
};

const PHONE_HEADERS = new Set(["phone", "telefone", "telefono", "teléfono", "wa_id", "whatsapp"]);
const NAME_HEADERS = new Set(["name", "nome", "nombre"]);
const TAG_HEADERS = new Set(["tags", "etiquetas"]);

export function checkImport(csv: string, rules: Map<string, FieldRule>): ImportCheck {
  const table: CsvTable = parseCsv(csv);
  const fileErrors: ImportCheck["fileErrors"] = [];
  if (table.header.length === 0) return { fileErrors: [{ reason: "empty", message: "The file has no header row" }], fieldColumns: [], rows: [] };
  const lower = table.header.map((h) => h.toLowerCase());
  const phoneAt = lower.findIndex((h) => PHONE_HEADERS.has(h));
  const nameAt = lower.findIndex((h) => NAME_HEADERS.has(h));
  const tagsAt = lower.findIndex((h) => TAG_HEADERS.has(h));
  if (phoneAt === -1) fileErrors.push({ reason: "no_phone_column", message: "The file needs a \"phone\" column" });
  const fieldAt: { key: string; at: number }[] = [];
  lower.forEach((h, at) => {
    if (at === phoneAt || at === nameAt || at === tagsAt || h === "") return;
    if (rules.has(h)) fieldAt.push({ key: h, at });
    else fileErrors.push({ column: table.header[at], reason: "unknown_column", message: `Unknown column "${table.header[at]}": not a contact field` });
  });
  if (table.rows.length > MAX_IMPORT_ROWS) fileErrors.push({ reason: "too_many_rows", message: `The file has more than ${MAX_IMPORT_ROWS} rows` });
  const firstLine = new Map<string, number>();
  const rows = table.rows.slice(0, MAX_IMPORT_ROWS).map(({ line, cells }) => {
    const cell = (at: number) => (at >= 0 ? unguardCell((cells[at] ?? "").trim()) : "");
    const errors: ImportRowError[] = [];
    const phone = cell(phoneAt);
    const waId = phone ? toWaId(phone) : null;
    if (phoneAt >= 0 && !phone) errors.push({ column: "phone", reason: "missing_phone", message: "No phone number" });
    else if (phoneAt >= 0 && !waId) errors.push({ column: "phone", reason: "bad_phone", message: `"${phone}" is not a phone number in E.164 (+ and 8 to 15 digits)` });
    if (waId) {
      const seen = firstLine.get(waId);
      if (seen !== undefined) errors.push({ column: "phone", reason: "duplicate", message: `The same phone number as line ${seen}` });
      else firstLine.set(waId, line);
    }
    const fields: Record<string, string> = {};
    for (const { key, at } of fieldAt) {
      const raw = cell(at);
      if (!raw) continue;
      const result = normalizeFieldValue(rules.get(key)!, raw);
      if (result.ok) fields[key] = result.value;
      else errors.push({ column: key, reason: result.reason, message: `"${raw}" is ${FIELD_VALUE_PROBLEM_TEXT[result.reason]}` });
    }
    const tags = tagsAt >= 0 ? [...new Set(cell(tagsAt).split(/[|,;]/).map((t) => t.trim()).filter(Boolean))] : [];
    for (const tag of tags) if (tag.length > 40) errors.push({ column: "tags", reason: "bad_tag", message: `The tag "${tag.slice(0, 40)}…" is longer than 40 characters` });
    const name = cell(nameAt).slice(0, 200) || null;
    return { line, phone, waId, name, fields, tags, errors };
  });
  return { fileErrors, fieldColumns: fieldAt.map((f) => f.key), rows };
}
