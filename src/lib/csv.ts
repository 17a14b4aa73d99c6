/**
 * CSV files as Excel opens them: a UTF-8 BOM (without it Excel reads Chinese as mojibake), CRLF line
 * ends, and no cell that a spreadsheet would run as a formula.
 */

/** A cell: quoted when needed; a leading =, +, -, @, tab or CR gets a ' so it stays text. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvDocument(rows: readonly (readonly unknown[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
