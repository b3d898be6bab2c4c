// The territory pass of an export: for each territory (reporting order) its map, its rows of the
// master Accounts sheet and its rep pack (Overview, Targets, ZIPs, Routes). The week plans are
// made a few territories ahead on the route worker thread while this thread writes.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportRequest, ExportedFile } from '../../common/contract/export';
import type { RouteWeek } from '../../common/contract/route';
import { isCancelled, type CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { readAccountDetails } from '../../data/export/accountDetails';
import { writeTerritoryAccounts } from '../../data/export/masterSheets';
import { writePack, type NationalAverage } from '../../data/export/packWorkbook';
import { encodePng } from '../../data/export/png';
import { indexUnitRings, renderTerritoryMap } from '../../domain/export/territoryMap';
import { getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { openWeekBatch } from '../routes/batch';
import { RoutePool } from '../routes/pool';
import { buildUnitGeometry } from '../map/mapLayers';
import type { Prepared } from './prepare';
import type { UnitGeometry } from '../../common/contract/map';

const MAP_W = 700;
const MAP_H = 520;
const MAP_LOOKAHEAD = 8;

export function safeName(id: string, used: Set<string>): string {
  const base = id.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || 'territory';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}`;
  used.add(name.toLowerCase());
  return name;
}

function nationalAverage(p: Prepared): NationalAverage {
  const rows = p.metrics.perTerritory;
  const n = Math.max(rows.length, 1);
  const avg = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / n;
  return {
    zips: avg((r) => r.units), accounts: avg((r) => r.accounts), tierA: avg((r) => r.tierCounts.A), tierB: avg((r) => r.tierCounts.B), tierC: avg((r) => r.tierCounts.C),
    potential: avg((r) => r.potential), workloadHours: avg((r) => r.workloadHours), capacityHours: avg((r) => r.capacityHours), index: avg((r) => r.index),
    travelMeanMin: p.metrics.travelMeanMin, travelP90Min: p.metrics.travelP90Min, quota: avg((r) => r.quota),
  };
}

export type Tracker = { files: ExportedFile[]; outDir: string; started: string[]; start(path: string): string; add(path: string, rows: Record<string, number>): void };

export function tracker(outDir: string): Tracker {
  const files: ExportedFile[] = [];
  const started: string[] = [];
  return {
    files,
    outDir,
    started,
    /** Records a file about to be written, so a failure or a cancel can remove it. */
    start(path) {
      started.push(path);
      return path;
    },
    add(path, rows) {
      files.push({ path: path.slice(outDir.length + 1), bytes: statSync(path).size, rows });
    },
  };
}

export function checkCancel(opts: CallOptions | undefined): void {
  if (isCancelled(opts?.cancel)) throw new EngineFailure('CANCELLED', 'Export cancelled; files written so far were removed.');
}

type PackRoutes = RouteWeek | { unavailable: string };

/**
 * Week plans for the rep packs, planned a few territories ahead of the pack being written so the
 * route worker thread (routePool) works while this thread writes the master rows and packs. Stop
 * names come from the account details the pack already read (no names query per territory).
 */
function packRoutes(ctx: EngineContext, p: Prepared, enabled: boolean, pool: RoutePool | null) {
  const batch = enabled ? openWeekBatch(ctx, { scenario: p.model.name, days: 5 }, { pool }) : null;
  const ahead = new Map<number, Promise<PackRoutes>>();
  const LOOKAHEAD = 12;
  const noNames = () => undefined;
  const submit = (pos: number) => {
    const t = p.territories[pos];
    if (!batch || !t || ahead.has(pos)) return;
    ahead.set(
      pos,
      batch.plan(t.id, noNames).catch((e: unknown) => {
        const message = e instanceof EngineFailure ? e.error.message : (e as Error).message;
        return { unavailable: `No week plan could be built for this territory: ${message}` };
      }),
    );
  };
  for (let pos = 0; pos < LOOKAHEAD; pos++) submit(pos);
  return {
    async take(pos: number, details: Map<number, { name: string }>): Promise<PackRoutes | null> {
      if (!batch) return null;
      submit(pos);
      submit(pos + LOOKAHEAD);
      const week = await ahead.get(pos)!;
      ahead.delete(pos);
      if ('unavailable' in week) return week;
      for (const day of week.days) for (const s of day.stops) s.name = details.get(Number(s.npi))?.name || s.name;
      return week;
    },
    close: async () => batch?.close(),
  };
}

type MapArgs = { p: Prepared; providers: ReturnType<typeof getProviderColumns>; geometry: UnitGeometry; rings: ReturnType<typeof indexUnitRings>; ids: Int32Array; t: Prepared['territories'][number] };
type PackMap = { png: Buffer; widthPx: number; heightPx: number; milesAcross: number };

/**
 * Renders a territory's map on the route worker when there is one (else here; the PNG deflates on
 * the libuv pool) while this thread writes the territory's master rows.
 */
function startMap(m: MapArgs, pool: RoutePool | null): Promise<PackMap> {
  const { ids, providers, p, t } = m;
  const lon = new Float32Array(ids.length);
  const lat = new Float32Array(ids.length);
  const tier = new Uint8Array(ids.length);
  ids.forEach((i, j) => {
    lon[j] = providers.lon[i]!;
    lat[j] = providers.lat[i]!;
    tier[j] = p.accounts.tier[i]!;
  });
  const args = { width: MAP_W, height: MAP_H, territory: t.index, accounts: { lon, lat, tier }, home: { lat: t.homeLat, lon: t.homeLon } };
  const here = () => {
    const { raster, view } = renderTerritoryMap({ ...args, geometry: m.geometry, rings: m.rings, unitTerritory: p.model.unitTerritory });
    return encodePng(raster).then((png) => ({ png, widthPx: MAP_W, heightPx: MAP_H, milesAcross: view.milesAcross }));
  };
  if (!pool) return here();
  return pool.renderMap(args).then((r) => ({ png: r.png, widthPx: MAP_W, heightPx: MAP_H, milesAcross: r.milesAcross }), here);
}

type AccountSheet = Parameters<typeof writeTerritoryAccounts>[0];

export type TerritoryPass = {
  ctx: EngineContext;
  p: Prepared;
  req: ExportRequest;
  tr: Tracker;
  opts: CallOptions | undefined;
  createdAt: Date;
  accountsSheet: AccountSheet;
  /** Providers that change territory (Changes sheet); their names are collected on the way. */
  moved: Int32Array;
  providerCount: number;
};

/** Writes every territory's master rows and rep pack; returns the names of the moved accounts seen. */
export async function writeTerritoryPass(a: TerritoryPass): Promise<(string | undefined)[]> {
  const { ctx, p, req, tr, opts, createdAt, accountsSheet, moved } = a;
  const geometry = req.maps === false ? null : buildUnitGeometry(ctx, p.model.unitKind);
  const rings = geometry ? indexUnitRings(geometry) : null;
  const packDir = join(tr.outDir, 'packs');
  mkdirSync(packDir, { recursive: true });
  const used = new Set<string>();
  const national = nationalAverage(p);
  const providers = getProviderColumns(ctx);
  const k = p.territories.length;
  const changePos = new Int32Array(a.providerCount).fill(-1);
  moved.forEach((prov, j) => (changePos[prov] = j));
  const movedNames = new Array<string | undefined>(moved.length);
  // One worker (the engine thread keeps the other core): weeks of routes and pack maps.
  const pool = req.routes !== false || geometry ? RoutePool.open(1) : null;
  if (pool && geometry) pool.setMapGeometry(geometry, p.model.unitTerritory);
  const routes = packRoutes(ctx, p, req.routes !== false, pool);
  // Maps are asked for a few territories ahead, like the weeks, so the worker stays busy.
  const maps = new Map<number, Promise<PackMap>>();
  const mapFor = (pos: number) => {
    const t = p.territories[pos];
    if (!geometry || !rings || !t || maps.has(pos)) return;
    const ids = p.accounts.order.order.subarray(p.accounts.order.start[pos]!, p.accounts.order.start[pos + 1]!);
    const pending = startMap({ p, providers, geometry, rings, ids, t }, pool);
    pending.catch(() => undefined); // awaited in order below; keeps an early failure from being "unhandled"
    maps.set(pos, pending);
  };
  for (let pos = 0; pos < MAP_LOOKAHEAD; pos++) mapFor(pos);
  try {
    for (let pos = 0; pos < k; pos++) {
      checkCancel(opts);
      const t = p.territories[pos]!;
      const ids = p.accounts.order.order.subarray(p.accounts.order.start[pos]!, p.accounts.order.start[pos + 1]!);
      const npis = Array.from(ids, (i) => p.accounts.npi[i]!);
      mapFor(pos);
      mapFor(pos + MAP_LOOKAHEAD);
      const mapPending = maps.get(pos) ?? null;
      maps.delete(pos);
      const details = readAccountDetails(ctx.ws.db, npis);
      for (const i of ids) if (changePos[i]! >= 0) movedNames[changePos[i]!] = details.get(p.accounts.npi[i]!)?.name ?? '';
      await writeTerritoryAccounts(accountsSheet, p.accounts, t, pos, details);
      const map = mapPending ? await mapPending : null;
      const packPath = tr.start(join(packDir, `${safeName(t.id, used)}.xlsx`));
      const packRows = await writePack({
        path: packPath, scenario: p.model.name, createdAt, territory: t, pos, data: p.accounts, details, national, unitLabel: p.unitLabel,
        zips: p.units.unitsOf[t.index]!.map((u) => p.zipRow(u, t)), map, routes: await routes.take(pos, details),
      });
      tr.add(packPath, { Targets: packRows.targets, [p.unitLabel === 'County' ? 'Counties' : 'ZIPs']: packRows.zips, ...(req.routes === false ? {} : { 'Route stops': packRows.routeStops }) });
      opts?.onProgress?.({ phase: 'packs', done: pos + 1, total: k, unit: 'items', rows: p.accounts.order.start[pos + 1]!, message: t.id });
    }
  } finally {
    await routes.close();
    await pool?.close();
  }
  return movedNames;
}
