/** A column of a CSV export: its header and how a row's cell reads. */
export type CsvColumn<T> = { header: string; value: (row: T) => string | number | boolean | null | undefined };

/**
 * RFC 4180 CSV (CRLF, quotes doubled), with a BOM so spreadsheet programs read UTF-8. A cell
 * that starts like a formula (= + - @, tab, CR) gets a leading apostrophe: exports are opened
 * in spreadsheets, and a node label typed by anyone must not run there.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The download response of an export. */
export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}
