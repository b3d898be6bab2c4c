// A small injected ZIP table for the demo generator tests: three metros (New York, Chicago, Dallas)
// with rings of ZIPs whose density falls off with distance, and a rural tail in Montana and Kansas.
import {
  DEMO_FILES,
  generateDemo,
  type DemoFile,
  type DemoOptions,
  type DemoSummary,
} from '../../../workers/domain/demo/generate';
import type { DemoZips } from '../../../workers/domain/demo/geography';

type Cluster = {
  prefix: number;
  lat: number;
  lon: number;
  state: string;
  city: string;
  county: string;
  rings: number;
};

const CLUSTERS: Cluster[] = [
  {
    prefix: 100,
    lat: 40.71,
    lon: -74.01,
    state: 'NY',
    city: 'New York',
    county: '36061',
    rings: 6,
  },
  { prefix: 606, lat: 41.88, lon: -87.63, state: 'IL', city: 'Chicago', county: '17031', rings: 5 },
  { prefix: 752, lat: 32.78, lon: -96.8, state: 'TX', city: 'Dallas', county: '48113', rings: 5 },
];

export function testZips(): DemoZips {
  const zip: string[] = [];
  const lat: number[] = [];
  const lon: number[] = [];
  const city: string[] = [];
  const state: string[] = [];
  const county: string[] = [];
  const density: number[] = [];
  for (const c of CLUSTERS) {
    let n = 0;
    for (let ring = 0; ring < c.rings; ring++) {
      const around = 6 + ring * 6;
      for (let k = 0; k < around; k++) {
        const a = (2 * Math.PI * k) / around;
        const r = 0.08 * (ring + 0.5);
        zip.push(String(c.prefix * 100 + n).padStart(5, '0'));
        n += 1;
        lat.push(c.lat + r * Math.sin(a));
        lon.push(c.lon + r * Math.cos(a));
        city.push(c.city);
        state.push(c.state);
        county.push(c.county);
        density.push(Math.max(0, 3 - ring));
      }
    }
  }
  // Rural tail: a grid over Montana (59xxx) and western Kansas (67xxx).
  for (let k = 0; k < 120; k++) {
    const mt = k < 70;
    zip.push(mt ? String(59001 + k * 7) : String(67701 + (k - 70) * 3));
    lat.push(mt ? 45 + (k % 10) * 0.35 : 38 + ((k - 70) % 8) * 0.3);
    lon.push(mt ? -112 + Math.floor(k / 10) * 1.1 : -101 + Math.floor((k - 70) / 8) * 0.6);
    city.push(mt ? 'Prairie Town' : 'Wheat Town');
    state.push(mt ? 'MT' : 'KS');
    county.push(mt ? '30001' : '20001');
    density.push(k % 9 === 0 ? 1 : 0);
  }
  return {
    count: zip.length,
    zip,
    lat: Float32Array.from(lat),
    lon: Float32Array.from(lon),
    city,
    state,
    county,
    density: Uint8Array.from(density),
  };
}

export type GeneratedDemo = { files: Record<DemoFile, string>; summary: DemoSummary };

/** Runs the generator into memory and decodes every file. */
export function generateInMemory(zips: DemoZips, options: DemoOptions): GeneratedDemo {
  const chunks = Object.fromEntries(DEMO_FILES.map((f) => [f, [] as Uint8Array[]])) as Record<
    DemoFile,
    Uint8Array[]
  >;
  const sinks = Object.fromEntries(
    DEMO_FILES.map((f) => [f, (c: Uint8Array) => void chunks[f].push(c.slice())]),
  ) as Record<DemoFile, (c: Uint8Array) => void>;
  const summary = generateDemo(zips, options, sinks);
  const decoder = new TextDecoder();
  const files = Object.fromEntries(
    DEMO_FILES.map((f) => [f, chunks[f].map((c) => decoder.decode(c)).join('')]),
  ) as Record<DemoFile, string>;
  return { files, summary };
}

/** RFC 4180 line split (quoted fields with commas and doubled quotes). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** Rows of a generated CSV as objects keyed by header names. */
export function csvRows(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]!);
  return lines.slice(1).map((l) => {
    const cells = splitCsvLine(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}
