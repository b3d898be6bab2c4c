// Baseline scenario from an imported current alignment (ZIP- or NPI-keyed). NPI-keyed alignments
// become ZIP units owned by the territory holding most of their accounts, plus pins for accounts
// aligned elsewhere, so the imported assignment of every account is kept exactly. Units the import
// does not cover are filled from their aligned neighbours (breadth-first over unit adjacency), and
// islands with no aligned neighbour from the nearest aligned unit; the count is recorded.
import type { ScenarioState, TerritoryRow } from './state';

export type ImportRow = {
  unitKind: 'zip' | 'npi';
  unit: string;
  territoryId: string;
  district: string;
  region: string;
  repId: string;
};

export type BaselineInput = {
  rows: ImportRow[];
  unitIds: string[];
  unitLat: Float64Array;
  unitLon: Float64Array;
  adjStart: Int32Array;
  adjList: Int32Array;
  providerUnit: Int32Array;
  providerIndexOf(npi: number): number;
  reps: Map<string, { name: string; homeLat: number | null; homeLon: number | null }>;
};

function territoriesOf(rows: ImportRow[], reps: BaselineInput['reps']): TerritoryRow[] {
  const out = new Map<string, TerritoryRow>();
  for (const r of rows) {
    let t = out.get(r.territoryId);
    if (!t)
      out.set(
        r.territoryId,
        (t = {
          id: r.territoryId,
          name: r.territoryId,
          district: '',
          region: '',
          repId: null,
          homeLat: null,
          homeLon: null,
          quota: 0,
        }),
      );
    if (!t.district && r.district) t.district = r.district;
    if (!t.region && r.region) t.region = r.region;
    if (!t.repId && r.repId) {
      t.repId = r.repId;
      const rep = reps.get(r.repId);
      if (rep) {
        t.homeLat = rep.homeLat;
        t.homeLon = rep.homeLon;
      }
    }
  }
  return [...out.values()];
}

/** Fills unassigned units (-1) from assigned neighbours, then from the nearest assigned centroid. */
export function fillUnassigned(
  assign: Int32Array,
  lat: Float64Array,
  lon: Float64Array,
  adjStart: Int32Array,
  adjList: Int32Array,
): number {
  const n = assign.length;
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let u = 0; u < n; u++) if (assign[u]! >= 0) queue[tail++] = u;
  if (tail === 0) return 0;
  let filled = 0;
  while (head < tail) {
    const u = queue[head++]!;
    for (let e = adjStart[u]!; e < adjStart[u + 1]!; e++) {
      const v = adjList[e]!;
      if (assign[v]! >= 0) continue;
      assign[v] = assign[u]!;
      filled += 1;
      queue[tail++] = v;
    }
  }
  const assigned: number[] = [];
  for (let u = 0; u < n; u++) if (assign[u]! >= 0) assigned.push(u);
  for (let u = 0; u < n; u++) {
    if (assign[u]! >= 0) continue;
    let best = -1;
    let bestD = Infinity;
    const cos = Math.cos((lat[u]! * Math.PI) / 180);
    for (const v of assigned) {
      const dy = lat[v]! - lat[u]!;
      const dx = (lon[v]! - lon[u]!) * cos;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = v;
      }
    }
    if (best >= 0) {
      assign[u] = assign[best]!;
      filled += 1;
    }
  }
  return filled;
}

export function baselineFromImport(input: BaselineInput): ScenarioState {
  const territories = territoriesOf(input.rows, input.reps);
  const tIndex = new Map(territories.map((t, i) => [t.id, i]));
  const unitIndex = new Map(input.unitIds.map((u, i) => [u, i]));
  const n = input.unitIds.length;
  const assign = new Int32Array(n).fill(-1);
  const votes = new Map<number, Map<number, number>>();
  const npiRows: [number, number][] = [];
  let unknownUnits = 0;
  for (const r of input.rows) {
    const t = tIndex.get(r.territoryId)!;
    if (r.unitKind === 'zip') {
      const u = unitIndex.get(r.unit.trim().padStart(5, '0').slice(0, 5));
      if (u === undefined) unknownUnits += 1;
      else assign[u] = t;
      continue;
    }
    const p = input.providerIndexOf(Number(r.unit));
    const u = p >= 0 ? input.providerUnit[p]! : -1;
    if (u < 0) {
      unknownUnits += 1;
      continue;
    }
    npiRows.push([Number(r.unit), t]);
    let v = votes.get(u);
    if (!v) votes.set(u, (v = new Map()));
    v.set(t, (v.get(t) ?? 0) + 1);
  }
  for (const [u, v] of votes) {
    if (assign[u]! >= 0) continue;
    let best = -1;
    let bestN = -1;
    for (const [t, c] of v) if (c > bestN || (c === bestN && t < best)) [best, bestN] = [t, c];
    assign[u] = best;
  }
  const pins = new Map<number, string>();
  for (const [npi, t] of npiRows) {
    const u = input.providerUnit[input.providerIndexOf(npi)]!;
    if (assign[u] !== t) pins.set(npi, territories[t]!.id);
  }
  const filled = fillUnassigned(
    assign,
    input.unitLat,
    input.unitLon,
    input.adjStart,
    input.adjList,
  );
  const units = new Map<string, string>();
  for (let u = 0; u < n; u++)
    if (assign[u]! >= 0) units.set(input.unitIds[u]!, territories[assign[u]!]!.id);
  return {
    market: null,
    params: {
      source: 'alignment_import',
      method: `imported alignment; ${filled} uncovered units filled from neighbours; ${unknownUnits} rows with unknown ZIP/NPI skipped`,
    },
    territories,
    units,
    locked: new Set(),
    pins,
    systems: new Map(),
  };
}
