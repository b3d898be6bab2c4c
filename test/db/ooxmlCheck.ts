// Independent checks of a written .xlsx, with tools this project did not write:
// - every XML part validated against the ECMA-376 transitional schemas (test/fixtures/ooxml-xsd) with
//   xmllint (Debian libxml2-utils), the structural errors that make Excel "repair" a workbook;
// - a load/save/load round trip through openpyxl (pip openpyxl + pillow), counting the pictures kept.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const XSD = join(__dirname, '..', 'fixtures', 'ooxml-xsd');

/** Schema for one package part (path inside the zip), or null for parts that are not XML. */
export function schemaFor(part: string): string | null {
  if (!part.endsWith('.xml') && !part.endsWith('.rels')) return null;
  if (part === '[Content_Types].xml') return join(XSD, 'xsd', 'opc-xsd', 'opc-contentTypes.xsd');
  if (part.endsWith('.rels')) return join(XSD, 'xsd', 'opc-xsd', 'opc-relationships.xsd');
  if (part === 'docProps/core.xml') return join(XSD, 'local', 'opc-coreProperties.xsd');
  if (part.startsWith('xl/drawings/')) return join(XSD, 'xsd', 'dml-spreadsheetDrawing.xsd');
  if (part.startsWith('xl/')) return join(XSD, 'xsd', 'sml.xsd');
  return 'unknown';
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Schema errors of every XML part of the workbooks (empty when all validate). */
export function validateWorkbooks(paths: string[]): string[] {
  const errors: string[] = [];
  const bySchema = new Map<string, string[]>();
  const root = mkdtempSync(join(tmpdir(), 'tessera-ooxml-'));
  try {
    paths.forEach((path, i) => {
      const dir = join(root, String(i));
      execFileSync('unzip', ['-q', '-o', path, '-d', dir]);
      for (const file of listFiles(dir)) {
        const part = relative(dir, file);
        const schema = schemaFor(part);
        if (schema === null) continue;
        if (schema === 'unknown') errors.push(`${path}: part ${part} has no schema in this check`);
        else bySchema.set(schema, [...(bySchema.get(schema) ?? []), file]);
      }
    });
    for (const [schema, files] of bySchema) {
      for (let s = 0; s < files.length; s += 200) {
        const r = spawnSync(
          'xmllint',
          ['--noout', '--nonet', '--schema', schema, ...files.slice(s, s + 200)],
          { encoding: 'utf8', maxBuffer: 64 << 20 },
        );
        if (r.error) throw r.error;
        for (const line of r.stderr.split('\n'))
          if (line && !/ validates$/.test(line)) errors.push(line.replace(root, ''));
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return errors;
}

const ROUND_TRIP = `
import json, sys, openpyxl
src, dst = sys.argv[1], sys.argv[2]
def pictures(path):
    wb = openpyxl.load_workbook(path)
    return {ws.title: len(ws._images) for ws in wb.worksheets}
before = pictures(src)
openpyxl.load_workbook(src).save(dst)
print(json.dumps({"before": before, "after": pictures(dst)}))
`;

/** Pictures per sheet as openpyxl reads the workbook, and after openpyxl saved it again. */
export function openpyxlRoundTrip(path: string): {
  before: Record<string, number>;
  after: Record<string, number>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-openpyxl-'));
  try {
    const out = execFileSync('python3', ['-c', ROUND_TRIP, path, join(dir, 'copy.xlsx')], {
      encoding: 'utf8',
    });
    return JSON.parse(out.trim().split('\n').pop()!) as {
      before: Record<string, number>;
      after: Record<string, number>;
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
