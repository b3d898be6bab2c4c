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
import { writePack, type NationalAverage, type PackChanges } from '../../data/export/packWorkbook';
import { npiText, TIER_LETTER, type TerritoryInfo } from '../../data/export/exportData';
import { REASON_TEXT } from '../../domain/export/changes';
import { workability } from '../../domain/export/workable';
import { encodePng } from '../../data/export/png';
import { loadStateLayer, loadUsCities } from '../../data/mapDecorLayers';
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
    zips: avg((r) => r.units),
    accounts: avg((r) => r.accounts),
    tierA: avg((r) => r.tierCounts.A),
    tierB: avg((r) => r.tierCounts.B),
    tierC: avg((r) => r.tierCounts.C),
    potential: avg((r) => r.potential),
    workloadHours: avg((r) => r.workloadHours),
    capacityHours: avg((r) => r.capacityHours),
    index: avg((r) => r.index),
    travelMeanMin: p.metrics.travelMeanMin,
    travelP90Min: p.metrics.travelP90Min,
    quota: avg((r) => r.quota),
  };
}

export type Tracker = {
  files: ExportedFile[];
  outDir: string;
  started: string[];
  start(path: string): string;
  add(path: string, rows: Record<string, number>): void;
};

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
  if (isCancelled(opts?.cancel))
    throw new EngineFailure('CANCELLED', 'Export cancelled; files written so far were removed.');
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
      for (const day of week.days)
        for (const s of day.stops) s.name = details.get(Number(s.npi))?.name || s.name;
      return week;
    },
    close: async () => batch?.close(),
  };
}

type MapArgs = {
  p: Prepared;
  providers: ReturnType<typeof getProviderColumns>;
  geometry: UnitGeometry;
  rings: ReturnType<typeof indexUnitRings>;
  ids: Int32Array;
  t: Prepared['territories'][number];
};
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
  const args = {
    width: MAP_W,
    height: MAP_H,
    territory: t.index,
    accounts: { lon, lat, tier },
    home: { lat: t.homeLat, lon: t.homeLon },
    title: `${t.id} — ${t.repName}`,
    subtitle: `${t.district} · ${t.region}`,
  };
  const here = () => {
    const { raster, view } = renderTerritoryMap({
      ...args,
      geometry: m.geometry,
      rings: m.rings,
      unitTerritory: p.model.unitTerritory,
      states: loadStateLayer(),
      cities: loadUsCities(),
    });
    return encodePng(raster).then((png) => ({
      png,
      widthPx: MAP_W,
      heightPx: MAP_H,
      milesAcross: view.milesAcross,
    }));
  };
  if (!pool) return here();
  return pool
    .renderMap(args)
    .then(
      (r) => ({ png: r.png, widthPx: MAP_W, heightPx: MAP_H, milesAcross: r.milesAcross }),
      here,
    );
}

type AccountSheet = Parameters<typeof writeTerritoryAccounts>[0];

/**
 * Is the rep's home base inside the territory? By the home ZIP on the roster when it is one of the
 * scenario's units, else by the unit whose centre is nearest the home point; null without a home.
 */
function homeCheck(p: Prepared): (t: TerritoryInfo) => boolean | null {
  const m = p.model;
  const unitIndex = new Map(m.unitIds.map((id, u) => [id, u]));
  const homeZip = new Map(p.roster.map((r) => [r.repId, r.homeZip]));
  const known = new Map(m.territories.map((t) => [t.id, t.homeKnown]));
  return (t) => {
    if (!known.get(t.id)) return null;
    const zip = t.repId ? homeZip.get(t.repId) : undefined;
    let u = zip ? (unitIndex.get(zip) ?? -1) : -1;
    if (u < 0) {
      let best = Infinity;
      const k = Math.cos((t.homeLat * Math.PI) / 180) ** 2;
      for (let i = 0; i < m.unitIds.length; i++) {
        const d = (m.unitLat[i]! - t.homeLat) ** 2 + k * (m.unitLon[i]! - t.homeLon) ** 2;
        if (d < best) {
          best = d;
          u = i;
        }
      }
    }
    return u >= 0 ? m.unitTerritory[u] === t.index : null;
  };
}

/** One territory's gains and losses (transfer rows, units, accounts with reasons) for its pack. */
function changesFor(
  ctx: EngineContext,
  p: Prepared,
): (id: string, details: Map<number, { name: string }>) => PackChanges | null {
  const ch = p.changes;
  if (!ch) return () => null;
  const set = ch.set;
  const rep = new Map(p.territories.map((t) => [t.id, t.repName]));
  const unitIndex = new Map(p.model.unitIds.map((id, u) => [id, u]));
  const owner = new Map(p.territories.map((t) => [t.index, t]));
  const place = (unit: string) => {
    const u = unitIndex.get(unit);
    const t = u === undefined ? undefined : owner.get(p.model.unitTerritory[u]!);
    if (u === undefined || !t) return '';
    const r = p.zipRow(u, t);
    return [r[1], r[2]].filter(Boolean).join(', ');
  };
  return (id, details) => {
    const c = ch.byTerritory.get(id);
    const isNew =
      set.units.some((u) => u.to === id && u.reason === 'rep-added') ||
      set.accounts.reason.some((r, i) => r === 'rep-added' && set.accounts.to[i] === id);
    const base: PackChanges = {
      against: ch.against,
      kind: ch.kind,
      isNew,
      transfers: [],
      units: [],
      accounts: [],
    };
    if (!c) return base;
    for (const i of c.transfersIn) {
      const x = set.transfers[i]!;
      base.transfers.push({
        direction: 'in',
        other: x.from,
        otherRep: rep.get(x.from) ?? '',
        units: x.units,
        accounts: x.accounts,
        tierA: x.tierA,
        opportunity: x.opportunity,
      });
    }
    for (const i of c.transfersOut) {
      const x = set.transfers[i]!;
      base.transfers.push({
        direction: 'out',
        other: x.to,
        otherRep: rep.get(x.to) ?? '',
        units: x.units,
        accounts: x.accounts,
        tierA: x.tierA,
        opportunity: x.opportunity,
      });
    }
    const unit = (i: number, direction: 'in' | 'out') => {
      const u = set.units[i]!;
      base.units.push({
        direction,
        unit: u.unit,
        place: place(u.unit),
        other: direction === 'in' ? u.from : u.to,
        reason: REASON_TEXT[u.reason],
        accounts: u.accounts,
        opportunity: u.opportunity,
      });
    };
    c.unitsIn.forEach((i) => unit(i, 'in'));
    c.unitsOut.forEach((i) => unit(i, 'out'));
    // Accounts lost are in other territories: their names are read here (gained ones are in `details`).
    const lostNpis = c.accountsOut.map((j) => p.accounts.npi[set.accounts.provider[j]!]!);
    const lostDetails = lostNpis.length
      ? readAccountDetails(ctx.ws.db, lostNpis)
      : new Map<number, { name: string }>();
    const account = (j: number, direction: 'in' | 'out') => {
      const prov = set.accounts.provider[j]!;
      const npi = p.accounts.npi[prov]!;
      base.accounts.push({
        direction,
        npi: npiText(npi),
        name: (direction === 'in' ? details : lostDetails).get(npi)?.name ?? '',
        tier: TIER_LETTER[p.accounts.tier[prov]!] ?? '',
        other: direction === 'in' ? set.accounts.from[j]! : set.accounts.to[j]!,
        reason: REASON_TEXT[set.accounts.reason[j]!],
        opportunity: p.accounts.potential[prov]!,
      });
    };
    c.accountsIn.forEach((j) => account(j, 'in'));
    c.accountsOut.forEach((j) => account(j, 'out'));
    return base;
  };
}

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
    const ids = p.accounts.order.order.subarray(
      p.accounts.order.start[pos]!,
      p.accounts.order.start[pos + 1]!,
    );
    const pending = startMap({ p, providers, geometry, rings, ids, t }, pool);
    pending.catch(() => undefined); // awaited in order below; keeps an early failure from being "unhandled"
    maps.set(pos, pending);
  };
  for (let pos = 0; pos < MAP_LOOKAHEAD; pos++) mapFor(pos);
  const homeInside = homeCheck(p);
  const packChanges = changesFor(ctx, p);
  try {
    for (let pos = 0; pos < k; pos++) {
      checkCancel(opts);
      const t = p.territories[pos]!;
      const ids = p.accounts.order.order.subarray(
        p.accounts.order.start[pos]!,
        p.accounts.order.start[pos + 1]!,
      );
      const npis = Array.from(ids, (i) => p.accounts.npi[i]!);
      mapFor(pos);
      mapFor(pos + MAP_LOOKAHEAD);
      const mapPending = maps.get(pos) ?? null;
      maps.delete(pos);
      const details = readAccountDetails(ctx.ws.db, npis);
      for (const i of ids)
        if (changePos[i]! >= 0)
          movedNames[changePos[i]!] = details.get(p.accounts.npi[i]!)?.name ?? '';
      await writeTerritoryAccounts(accountsSheet, p.accounts, t, pos, details);
      const map = mapPending ? await mapPending : null;
      const packPath = tr.start(join(packDir, `${safeName(t.id, used)}.xlsx`));
      const week = await routes.take(pos, details);
      const due =
        week && !('unavailable' in week)
          ? week.visitsDue.A + week.visitsDue.B + week.visitsDue.C
          : 0;
      const made =
        week && !('unavailable' in week)
          ? week.visitsMade.A + week.visitsMade.B + week.visitsMade.C
          : 0;
      const workable = workability({
        travelMeanMin: t.metrics.travelMeanMin,
        workloadHours: t.metrics.workloadHours,
        capacityHours: t.metrics.capacityHours,
        week: week && !('unavailable' in week) ? { due, made } : null,
        homeInside: homeInside(t),
        homeLabel: t.homeLabel,
      });
      const packRows = await writePack({
        path: packPath,
        scenario: p.model.name,
        createdAt,
        territory: t,
        pos,
        data: p.accounts,
        details,
        national,
        unitLabel: p.unitLabel,
        zips: p.units.unitsOf[t.index]!.map((u) => p.zipRow(u, t)),
        map,
        routes: week,
        workable,
        changes: packChanges(t.id, details),
      });
      tr.add(packPath, {
        ...(p.changes
          ? {
              'What changed: transfers': packRows.changes.transfers,
              'What changed: accounts': packRows.changes.accounts,
            }
          : {}),
        Targets: packRows.targets,
        [p.unitLabel === 'County' ? 'Counties' : 'ZIPs']: packRows.zips,
        ...(req.routes === false ? {} : { 'Route stops': packRows.routeStops }),
      });
      opts?.onProgress?.({
        phase: 'packs',
        done: pos + 1,
        total: k,
        unit: 'items',
        rows: p.accounts.order.start[pos + 1]!,
        message: t.id,
      });
    }
  } finally {
    await routes.close();
    await pool?.close();
  }
  return movedNames;
}
