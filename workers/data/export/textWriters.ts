// CRM import files (alignment.csv, accounts.csv) and territories.geojson, streamed to disk.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import polygonClipping, { type MultiPolygon, type Polygon } from 'polygon-clipping';

/** A field written exactly as given (no RFC 4180 quoting), e.g. the ="00601" text form for spreadsheets. */
export class RawField {
  constructor(readonly text: string) {}
}

/** RFC 4180 field: quoted only when it holds a comma, quote or line break. */
export function csvField(v: string | number | RawField): string {
  if (v instanceof RawField) return v.text;
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class TextFile {
  private readonly stream: WriteStream;
  private pending = '';
  lines = 0;
  /** `bom`: start with the UTF-8 byte order mark, which Excel needs to read a CSV as UTF-8 (not ANSI). */
  constructor(
    readonly path: string,
    opts: { bom?: boolean } = {},
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    if (opts.bom) this.pending = '\ufeff';
  }
  write(text: string): Promise<void> | undefined {
    this.pending += text;
    if (this.pending.length < 1 << 16) return undefined;
    return this.flush();
  }
  csvRow(fields: (string | number | RawField)[]): Promise<void> | undefined {
    this.lines += 1;
    return this.write(`${fields.map(csvField).join(',')}\r\n`);
  }
  private async flush(): Promise<void> {
    const text = this.pending;
    this.pending = '';
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'close');
  }
}

export type Ring = [number, number][];

/** Union of unit polygons (each a list of outer rings) into one dissolved (multi)polygon. */
export function dissolve(units: Ring[][]): MultiPolygon {
  const polys: Polygon[] = units
    .filter((rings) => rings.length > 0)
    .map((rings) => rings.map((r) => closeRing(r)));
  if (polys.length === 0) return [];
  // Union of each unit as its own polygon: rings of one unit are separate pieces (islands).
  const geoms = polys.flatMap((p) => p.map((ring) => [ring] as Polygon));
  const [first, ...rest] = geoms;
  return polygonClipping.union(first!, ...rest);
}

function closeRing(r: Ring): Ring {
  const a = r[0];
  const b = r[r.length - 1];
  if (a && b && (a[0] !== b[0] || a[1] !== b[1])) return [...r, a];
  return r;
}

export function roundCoords(m: MultiPolygon, digits = 5): MultiPolygon {
  const f = 10 ** digits;
  return m.map((poly) =>
    poly.map((ring) =>
      ring.map(([x, y]) => [Math.round(x * f) / f, Math.round(y * f) / f] as [number, number]),
    ),
  );
}
