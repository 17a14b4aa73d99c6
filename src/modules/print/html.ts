/** Escapes text for HTML; every value from the database passes through here. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A4 page with print CSS shared by every printed paper. */
export function a4Page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 178mm; line-height: 1.55; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; letter-spacing: 1pt; }
  .sub { text-align: center; margin-bottom: 6mm; font-size: 10pt; }
  table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 0.6pt solid #000; padding: 1.6mm 2mm; vertical-align: top; text-align: left; }
  th { background: #f0f0f0; white-space: nowrap; width: 24mm; }
  table.list th { width: auto; }
  .head { display: flex; justify-content: space-between; align-items: flex-start; gap: 6mm; }
  .qr { width: 28mm; text-align: center; font-size: 8pt; }
  .qr svg { width: 26mm; height: 26mm; }
  .foot { margin-top: 6mm; font-size: 9pt; }
  .sign { margin-top: 10mm; display: flex; justify-content: space-between; }
  .toolbar { margin: 4mm 0; text-align: right; }
  @media print { .toolbar { display: none; } }
</style></head>
<body>
<div class="toolbar"><button onclick="window.print()">打印 / Print</button></div>
${body}
</body></html>`;
}
