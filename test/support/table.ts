/** A table kubectl printed: its header cells and its rows, each row keyed by header. */
export interface PrintedTable {
  header: string[];
  rows: Record<string, string>[];
}

/**
 * Parses the first table in kubectl's human-readable output (`get`, `get -o wide`, `get -w`). Columns
 * are cut at the header's column starts, as kubectl's tab writer aligns them, so empty cells (a Canary
 * without status) stay empty instead of shifting the row.
 */
export function parseTable(output: string): PrintedTable {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const headerLine = lines[0] ?? '';
  const starts: number[] = [];
  const header: string[] = [];
  for (const match of headerLine.matchAll(/\S+(?: \S+)*/g)) {
    starts.push(match.index);
    header.push(match[0]);
  }
  const rows = lines.slice(1).map((line) => {
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      row[name] = line.slice(starts[i], starts[i + 1] ?? line.length).trim();
    });
    return row;
  });
  return { header, rows };
}
