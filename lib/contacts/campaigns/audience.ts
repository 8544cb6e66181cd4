import { parseCsv } from "@/lib/contacts/csv-parse";
import { campaignParamProblems, mediaHeaderVariable } from "./message";
import { e164ToWaId } from "./phone";
import type { CampaignTemplate, VariableMapping } from "./types";

/** Most rows a campaign's CSV may have. */
export const MAX_CSV_ROWS = 50_000;

export type RowError =
  | { code: "phone_invalid"; message: string }
  | { code: "variable_missing"; variable: string; message: string }
  | { code: "variable_invalid"; variable: string; message: string }
  | { code: "duplicate"; firstLine: number; message: string };

export type AudienceRow = {
  /** The CSV line (1 is the header). */
  line: number;
  phone: string;
  waId: string | null;
  name: string | null;
  variables: Record<string, string>;
  errors: RowError[];
};

export type AudiencePreview = { columns: string[]; rows: AudienceRow[]; total: number; valid: number; invalid: number };

/** A problem with the whole file or mapping (not one row): the API answers 422 with it. */
export type AudienceProblem =
  | { code: "empty"; message: string }
  | { code: "too_many_rows"; message: string }
  | { code: "no_phone_column"; message: string }
  | { code: "unmapped_variables"; variables: string[]; message: string }
  | { code: "unknown_columns"; columns: string[]; message: string }
  | { code: "library_not_media_header"; variables: string[]; message: string };

const PHONE_COLUMN = /^(phone|phone_number|telefone|tel[eé]fono|whatsapp|n[uú]mero|number)$/i;
const NAME_COLUMN = /^(name|nome|nombre)$/i;

/** Contact fields by wa_id (the contacts the audience's numbers already are), for `field` sources. */
export type FieldLookup = (waId: string, field: string) => string | null;

/** The mapping covers every template variable and names only columns the file has. */
export function mappingProblems(template: CampaignTemplate, mapping: VariableMapping, columns: string[] | null): AudienceProblem[] {
  const problems: AudienceProblem[] = [];
  const unmapped = template.variables.filter((v) => !mapping[v]);
  if (unmapped.length > 0) problems.push({ code: "unmapped_variables", variables: unmapped, message: `Variables without a value: ${unmapped.join(", ")}` });
  const misplaced = Object.entries(mapping).flatMap(([variable, m]) => (m.source === "library" && variable !== mediaHeaderVariable(template) ? [variable] : []));
  if (misplaced.length > 0) {
    problems.push({ code: "library_not_media_header", variables: misplaced, message: `Only the template's media header takes a library file: ${misplaced.join(", ")}` });
  }
  if (columns) {
    const unknown = Object.values(mapping).flatMap((m) => (m.source === "column" && !columns.includes(m.column) ? [m.column] : []));
    if (unknown.length > 0) problems.push({ code: "unknown_columns", columns: unknown, message: `The file has no column ${unknown.map((c) => `"${c}"`).join(", ")}` });
  }
  return problems;
}

/** The variable values of one recipient; the names of those that came out empty. */
export function resolveVariables(
  template: CampaignTemplate,
  mapping: VariableMapping,
  row: { waId: string | null; name: string | null; cells: Record<string, string> },
  fieldOf: FieldLookup,
): { values: Record<string, string>; missing: string[] } {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const variable of template.variables) {
    const source = mapping[variable];
    let value: string | null = null;
    if (source?.source === "text") value = source.text;
    // The media header's library file (template.headerLibraryId): the same for every recipient.
    else if (source?.source === "library") value = source.libraryId;
    else if (source?.source === "column") value = row.cells[source.column] ?? null;
    else if (source?.source === "field") {
      if (source.field === "name") value = row.name;
      else if (source.field === "phone") value = row.waId ? `+${row.waId}` : null;
      else value = row.waId ? fieldOf(row.waId, source.field) : null;
    }
    const trimmed = value?.trim() ?? "";
    if (trimmed === "") missing.push(variable);
    else values[variable] = trimmed;
  }
  return { values, missing };
}

/** A recipient's variable errors: a mapped variable left empty, or a value Meta would refuse (checked like any template send). */
export function variableErrors(template: CampaignTemplate, mapping: VariableMapping, values: Record<string, string>, missing: string[]): RowError[] {
  const errors: RowError[] = missing.filter((v) => mapping[v]).map((variable) => ({ code: "variable_missing", variable, message: `No value for ${variable}` }));
  if (missing.length > 0) return errors;
  return campaignParamProblems(template, values).map((p) => ({ code: "variable_invalid", variable: p.variable, message: p.message }));
}

/**
 * Reads an audience CSV (a phone column in E.164, an optional name column, any other columns
 * for variables) and checks each row: a valid number, a value for every variable, no number
 * twice. Pure: nothing is stored; the caller shows the preview or stores the valid rows.
 */
export function previewCsvAudience(
  csv: string,
  template: CampaignTemplate,
  mapping: VariableMapping,
  fieldOf: FieldLookup = () => null,
): { preview: AudiencePreview; problems: AudienceProblem[] } {
  const table = parseCsv(csv);
  const empty = { columns: [], rows: [], total: 0, valid: 0, invalid: 0 };
  if (table.rows.length === 0) return { preview: empty, problems: [{ code: "empty", message: "The file has no rows under its header" }] };
  const columns = table.header;
  if (table.rows.length > MAX_CSV_ROWS) {
    return { preview: { ...empty, columns }, problems: [{ code: "too_many_rows", message: `At most ${MAX_CSV_ROWS} rows per campaign` }] };
  }
  const phoneIndex = columns.findIndex((c) => PHONE_COLUMN.test(c));
  if (phoneIndex < 0) {
    return { preview: { ...empty, columns }, problems: [{ code: "no_phone_column", message: 'The file needs a "phone" column (E.164, e.g. +5511999990000)' }] };
  }
  const problems = mappingProblems(template, mapping, columns);
  const nameIndex = columns.findIndex((c) => NAME_COLUMN.test(c));
  const firstLineOf = new Map<string, number>();
  const rows: AudienceRow[] = [];
  // `line` is the file's own line number (a quoted cell may span lines), as a spreadsheet shows it.
  for (const { line, cells: values } of table.rows) {
    const cells = Object.fromEntries(columns.map((c, k) => [c, values[k] ?? ""]));
    const phone = (values[phoneIndex] ?? "").trim();
    const waId = e164ToWaId(phone);
    const name = nameIndex >= 0 ? (values[nameIndex] ?? "").trim() || null : null;
    const errors: RowError[] = [];
    if (!waId) errors.push({ code: "phone_invalid", message: `"${phone}" is not a phone number in E.164 (e.g. +5511999990000)` });
    else if (firstLineOf.has(waId)) {
      const firstLine = firstLineOf.get(waId)!;
      errors.push({ code: "duplicate", firstLine, message: `The same number as line ${firstLine}` });
    } else firstLineOf.set(waId, line);
    const resolved = resolveVariables(template, mapping, { waId, name, cells }, fieldOf);
    errors.push(...variableErrors(template, mapping, resolved.values, resolved.missing));
    rows.push({ line, phone, waId, name, variables: resolved.values, errors });
  }
  const invalid = rows.filter((r) => r.errors.length > 0).length;
  return { preview: { columns, rows, total: rows.length, valid: rows.length - invalid, invalid }, problems };
}
