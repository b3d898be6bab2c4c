// Market area: market sizing for a code set (totals, per code, per state/ZIP/county) and code search.
import type {
  CodeInfo,
  CodeSearchRequest,
  GroupBy,
  MarketApi,
  MarketSizeRequest,
  MarketSizeResult,
} from '../../common/contract';
import { EngineFailure } from '../../common/result';
import { sizeMarket, type MarketScratch, type Totals } from '../../domain/marketSize';
import { codeStats } from '../../domain/codeStats';
import {
  getCodeTable,
  getGeo,
  getProviderColumns,
  getProviderPlaces,
  getVolumeCodeIndex,
  getVolumeColumns,
} from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';

type Grouping = { groupOf: Int32Array; keys: string[]; labels: string[] };

function grouping(ctx: EngineContext, by: GroupBy): Grouping {
  return ctx.cached(`providers:group:${by}`, () => {
    const places = getProviderPlaces(ctx);
    const col = by === 'state' ? places.state : by === 'zip' ? places.zip5 : places.county;
    // dictionary code → group id; blank values have no group
    const keys: string[] = [];
    const groupOfCode = Int32Array.from(col.dict, (v) => (v ? keys.push(v) - 1 : -1));
    const groupOf = new Int32Array(col.codes.length);
    for (let i = 0; i < groupOf.length; i++) groupOf[i] = groupOfCode[col.codes[i]!]!;
    let labels = keys;
    if (by === 'county') {
      const counties = getGeo(ctx).counties;
      labels = keys.map((k) => {
        const ci = counties.indexOf(k);
        return ci >= 0 ? `${counties.name[ci]}, ${counties.state[ci]}` : k;
      });
    }
    return { groupOf, keys, labels };
  });
}

/** Latest data year with volume, per code id (0 when none); computed once per volume load. */
function latestYearByCode(ctx: EngineContext): Uint16Array {
  return ctx.cached('volumes:latestYearByCode', () => {
    const v = getVolumeColumns(ctx);
    const size = getCodeTable(ctx).code.length;
    const latest = new Uint16Array(size);
    for (let i = 0; i < v.count; i++) {
      const c = v.code[i]!;
      if (c < size && v.year[i]! > latest[c]!) latest[c] = v.year[i]!;
    }
    return latest;
  });
}

function defaultYear(ctx: EngineContext, codeIds: number[]): number | null {
  const latest = latestYearByCode(ctx);
  const best = codeIds.reduce((m, c) => Math.max(m, latest[c] ?? 0), 0);
  return best > 0 ? best : null;
}

function marketSize(ctx: EngineContext, req: MarketSizeRequest): MarketSizeResult {
  const started = performance.now();
  const codes = [...new Set((req.codes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean))];
  if (codes.length === 0)
    throw new EngineFailure(
      'BAD_INPUT',
      'Name at least one procedure or diagnosis code (e.g. --codes 27447,27130).',
    );
  if (req.by !== undefined && !['state', 'zip', 'county'].includes(req.by)) {
    throw new EngineFailure('BAD_INPUT', `Cannot group by '${req.by}': use state, zip or county.`);
  }
  if (req.year !== undefined && !Number.isInteger(req.year))
    throw new EngineFailure(
      'BAD_INPUT',
      `--year must be a data year such as 2022 (got ${req.year}).`,
    );
  const table = getCodeTable(ctx);
  const known = codes.filter((c) => table.idOf(c) !== undefined);
  const unknownCodes = codes.filter((c) => table.idOf(c) === undefined);
  const codeIds = known.map((c) => table.idOf(c)!);
  const providers = getProviderColumns(ctx);
  const volumes = getVolumeColumns(ctx);
  const year = req.year ?? (codeIds.length ? defaultYear(ctx, codeIds) : null);
  const g = req.by ? grouping(ctx, req.by) : undefined;
  const index = getVolumeCodeIndex(ctx);
  const sized = sizeMarket(volumes, {
    index,
    codeIds,
    year: year ?? undefined,
    providerCount: providers.count,
    groupOf: g?.groupOf,
    groupCount: g?.keys.length,
    scratch: ctx.cached('providers:marketScratch', (): MarketScratch => ({
      marks: new Uint32Array(0),
      anyMark: new Uint8Array(0),
    })),
  });
  const groups: ({ key: string; label?: string } & Totals)[] = [];
  if (g) {
    sized.groups.forEach((t, i) => {
      if (t.services === 0 && t.beneficiaries === 0 && t.providers === 0) return;
      const key = i < g.keys.length ? g.keys[i]! : '(unknown)';
      groups.push(
        req.by === 'county'
          ? { key, label: i < g.keys.length ? g.labels[i]! : 'unknown county', ...t }
          : { key, ...t },
      );
    });
    groups.sort((a, b) => b.services - a.services || a.key.localeCompare(b.key));
  }
  return {
    codes,
    unknownCodes,
    year,
    ...sized.totals,
    byCode: known.map((code, i) => ({
      code,
      description: table.description[codeIds[i]!] ?? '',
      ...sized.byCode[i]!,
    })),
    groups,
    millis: performance.now() - started,
  };
}

function searchCodes(ctx: EngineContext, req: CodeSearchRequest): CodeInfo[] {
  const q = (req.query ?? '').trim().toLowerCase();
  const limit = Math.min(Math.max(req.limit ?? 20, 1), 500);
  const table = getCodeTable(ctx);
  const stats = ctx.cached('volumes:codeStats', () => {
    const v = getVolumeColumns(ctx);
    return codeStats(v, table.code.length, getProviderColumns(ctx).count);
  });
  const hits: CodeInfo[] = [];
  for (let id = 0; id < table.code.length; id++) {
    const code = table.code[id]!;
    if (!code) continue;
    const desc = table.description[id]!;
    if (q && !code.toLowerCase().startsWith(q) && !desc.toLowerCase().includes(q)) continue;
    const sys = table.system[id];
    hits.push({
      code,
      system: sys === 'ICD10' ? 'ICD10' : 'HCPCS',
      description: desc,
      drug: table.drug[id] === 1,
      services: stats.services[id]!,
      providers: stats.providers[id]!,
    });
  }
  const exact = (h: CodeInfo) =>
    h.code.toLowerCase() === q ? 0 : h.code.toLowerCase().startsWith(q) ? 1 : 2;
  hits.sort((a, b) => exact(a) - exact(b) || b.services - a.services);
  return hits.slice(0, limit);
}

export function marketService(ctx: EngineContext): MarketApi {
  return {
    marketSize: (req) => guard(() => marketSize(ctx, req)),
    searchCodes: (req) => guard(() => searchCodes(ctx, req)),
  };
}
