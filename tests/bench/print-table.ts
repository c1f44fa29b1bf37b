/** Prints a table for a bench's report: the first column left-aligned, the figures right-aligned. */
export function printTable(
  out: (line?: string) => void,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    '  ' +
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out(line(headers));
  out('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) out(line(row));
}
