// A list of NPIs as users bring them: one per line, or a CSV/TSV with a column named like "npi"
// (NPI, Rndrng_NPI, Covered_Recipient_NPI …). Quotes around values are allowed; every line that is
// not a valid NPI is reported with its line number, never dropped silently.
import { isValidNpi } from '../demo/npi';

export type NpiList = {
  npis: number[];
  rejected: { line: number; reason: string }[];
  duplicates: number;
};

function splitLine(line: string): string[] {
  const delim = line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
  return line.split(delim).map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

export function parseNpiList(text: string): NpiList {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  const out: NpiList = { npis: [], rejected: [], duplicates: 0 };
  if (first < 0) return out;
  const head = splitLine(lines[first]!);
  const hasHeader = head.some((c) => c !== '' && !/^\d+$/.test(c));
  let col = 0;
  if (hasHeader) {
    const exact = head.findIndex((c) => c.toLowerCase() === 'npi');
    col = exact >= 0 ? exact : head.findIndex((c) => /npi/i.test(c));
    if (col < 0) {
      out.rejected.push({
        line: first + 1,
        reason: `no NPI column in the header (${head.slice(0, 6).join(', ')}): name one "npi", or give one NPI per line`,
      });
      return out;
    }
  }
  const seen = new Set<number>();
  for (let i = hasHeader ? first + 1 : first; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cell = splitLine(line)[col] ?? '';
    const npi = /^\d{10}$/.test(cell) ? Number(cell) : NaN;
    if (!isValidNpi(npi)) {
      out.rejected.push({
        line: i + 1,
        reason:
          cell === ''
            ? 'no NPI on this line'
            : `"${cell.slice(0, 20)}" is not a valid NPI (10 digits with a correct check digit)`,
      });
      continue;
    }
    if (seen.has(npi)) {
      out.duplicates += 1;
      continue;
    }
    seen.add(npi);
    out.npis.push(npi);
  }
  return out;
}
