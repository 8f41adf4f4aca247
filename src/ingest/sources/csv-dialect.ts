/** The delimiters spreadsheet exports use, most common first. */
const CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Guesses a CSV file's delimiter from its first lines: the candidate that splits the header
 * into the most fields and gives the following lines the same number of fields. Quoted fields
 * are respected. Falls back to a comma.
 */
export function sniffDelimiter(sample: string): string {
  const lines = sample.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 20);
  // The last line of a sample may be cut off: leave it out when there are others.
  if (lines.length > 2) lines.pop();
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of CANDIDATES) {
    const counts = lines.map((line) => countFields(line, delimiter));
    const header = counts[0] ?? 1;
    if (header < 2) continue;
    const consistent = counts.filter((n) => n === header).length;
    const score = consistent * 100 + header;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function countFields(line: string, delimiter: string): number {
  let fields = 1;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) fields++;
  }
  return fields;
}
