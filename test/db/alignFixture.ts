// A small synthetic world for scenario/alignment tests: a W×H grid of ZIP units (4-neighbour
// adjacency), providers with volume in each ZIP, optional health systems, seeded into a real
// SQLite workspace and into the engine context's column caches (so no bundled geography is needed).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeoData } from '../../workers/data/geo';
import { openWorkspace } from '../../workers/data/workspace';
import type {
  CodeTable,
  ProviderColumns,
  VolumeColumns,
} from '../../workers/engine/columns/columns';
import { createContext, type EngineContext } from '../../workers/engine/runtime/context';

export type World = {
  ctx: EngineContext;
  path: string;
  zips: string[];
  npis: number[];
  reopen(): EngineContext;
};

export type WorldOptions = {
  width: number;
  height: number;
  /** Services per ZIP (row-major), default 100 each. */
  volume?: (i: number) => number;
  /** Providers per ZIP, default 1. */
  perZip?: number;
  /** System index per provider (-1 none). */
  system?: (provider: number) => number;
  systems?: number;
  path?: string;
};

export function zipId(i: number): string {
  return String(10000 + i).padStart(5, '0');
}

function gridAdjacency(
  w: number,
  h: number,
): { start: Int32Array; list: Int32Array; bridges: number } {
  const start = new Int32Array(w * h + 1);
  const list: number[] = [];
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const u = r * w + c;
      start[u] = list.length;
      if (r > 0) list.push(u - w);
      if (c > 0) list.push(u - 1);
      if (c < w - 1) list.push(u + 1);
      if (r < h - 1) list.push(u + w);
    }
  }
  start[w * h] = list.length;
  return { start, list: Int32Array.from(list), bridges: 0 };
}

function seed(ctx: EngineContext, o: WorldOptions): { zips: string[]; npis: number[] } {
  const n = o.width * o.height;
  const zips = Array.from({ length: n }, (_, i) => zipId(i));
  const index = new Map(zips.map((z, i) => [z, i]));
  const lat = Float32Array.from(zips, (_, i) => 40 + Math.floor(i / o.width) * 0.1);
  const lon = Float32Array.from(zips, (_, i) => -100 + (i % o.width) * 0.1);
  const half = Math.ceil(o.width / 2);
  const geo: GeoData = {
    zips: {
      count: n,
      zip: zips,
      lat,
      lon,
      city: zips.map(() => 'Gridville'),
      state: zips.map(() => 'KS'),
      county: zips.map((_, i) => (i % o.width < half ? '20001' : '20003')),
      density: new Uint8Array(n).fill(1),
      indexOf: (z) => index.get(z) ?? -1,
    },
    counties: {
      count: 2,
      fips: ['20001', '20003'],
      name: ['West', 'East'],
      state: ['KS', 'KS'],
      lat: Float32Array.from([40.2, 40.2]),
      lon: Float32Array.from([-99.9, -99.6]),
      indexOf: (f) => ['20001', '20003'].indexOf(f),
    },
  };
  const per = o.perZip ?? 1;
  const count = n * per;
  const npis = Array.from({ length: count }, (_, p) => 1_000_000_000 + p);
  const zipIndex = Int32Array.from(npis, (_, p) => Math.floor(p / per));
  const system = Int32Array.from(npis, (_, p) => o.system?.(p) ?? -1);
  const providers: ProviderColumns = {
    count,
    npi: Float64Array.from(npis),
    lat: Float32Array.from(zipIndex, (z) => lat[z]!),
    lon: Float32Array.from(zipIndex, (z) => lon[z]!),
    zipIndex,
    specialty: new Uint16Array(count),
    specialties: ['Orthopedic Surgery'],
    system,
    systems: Array.from({ length: o.systems ?? 0 }, (_, i) => ({
      id: `SYS${i + 1}`,
      name: `Health System ${i + 1}`,
    })),
    access: new Float32Array(count).fill(1),
    noSee: new Uint8Array(count),
    indexOf: (x) => (x >= 1_000_000_000 && x < 1_000_000_000 + count ? x - 1_000_000_000 : -1),
  };
  const volumes: VolumeColumns = {
    count,
    provider: Int32Array.from(npis, (_, p) => p),
    code: new Uint32Array(count).fill(1),
    pos: new Uint8Array(count).fill(1),
    year: new Uint16Array(count).fill(2022),
    beneficiaries: Float32Array.from(npis, (_, p) => (o.volume?.(zipIndex[p]!) ?? 100) / per / 2),
    services: Float32Array.from(npis, (_, p) => (o.volume?.(zipIndex[p]!) ?? 100) / per),
    payment: Float32Array.from(npis, (_, p) => ((o.volume?.(zipIndex[p]!) ?? 100) / per) * 100),
  };
  const codes: CodeTable = {
    code: ['', '27447'],
    description: ['', 'Total knee arthroplasty'],
    system: ['', 'HCPCS'],
    drug: new Uint8Array(2),
    idOf: (c) => (c === '27447' ? 1 : undefined),
  };
  ctx.cached('geo', () => geo);
  ctx.cached('providers', () => providers);
  ctx.cached('volumes', () => volumes);
  ctx.cached('codes', () => codes);
  const adj = gridAdjacency(o.width, o.height);
  ctx.cached('geo:adjacency:zip', () => adj);
  ctx.cached('geo:adjacency:county', () => ({
    start: Int32Array.from([0, 1, 2]),
    list: Int32Array.from([1, 0]),
    bridges: 0,
  }));
  return { zips, npis };
}

export function makeWorld(o: WorldOptions): World {
  const path = o.path ?? join(mkdtempSync(join(tmpdir(), 'tessera-align-')), 'w.tessera');
  const ctx = createContext(openWorkspace(path, { create: true }));
  const { zips, npis } = seed(ctx, o);
  return {
    ctx,
    path,
    zips,
    npis,
    reopen() {
      ctx.ws.close();
      const again = createContext(openWorkspace(path));
      seed(again, o);
      return again;
    },
  };
}
