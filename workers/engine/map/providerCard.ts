// The provider card: descriptive fields from SQLite, score and tier for the market, territory and
// drive time from the rep's home base in the scenario, volumes by code from the volume columns.
import type { ProviderCard } from '../../common/contract';
import { EngineFailure } from '../../common/result';
import { readProviderCard } from '../../data/repos/providerCard';
import { travelMinutes } from '../../domain/driveTime';
import { TIER_CODES } from '../columns/columns';
import {
  getCodeTable,
  getGeo,
  getProviderColumns,
  getVolumeColumns,
} from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import type { ScenarioModel } from '../scenarios/model';
import { getScores, resolveMarket } from '../scoring/scores';

const MAX_CODES = 15;

export function buildProviderCard(
  ctx: EngineContext,
  o: { index: number; model: ScenarioModel | null; market: string | undefined },
): ProviderCard {
  const cols = getProviderColumns(ctx);
  const i = o.index;
  const npi = cols.npi[i];
  if (npi === undefined)
    throw new EngineFailure('NOT_FOUND', `No provider at index ${i}; reload the map data.`);
  const row = readProviderCard(ctx.ws.db, npi);
  if (!row) throw new EngineFailure('NOT_FOUND', `Provider ${npi} is not in this workspace.`);
  const scores = getScores(ctx, o.market);
  const sys = cols.system[i]!;
  const t = o.model ? o.model.providerTerritory[i]! : -1;
  const territory = t >= 0 ? o.model!.territories[t] : undefined;
  const lat = row.lat ?? null;
  const lon = row.lon ?? null;
  let drive: number | null = null;
  if (territory && lat !== null && lon !== null) {
    const z = cols.zipIndex[i]!;
    const density = z >= 0 ? getGeo(ctx).zips.density[z]! : 1;
    drive = travelMinutes(territory.homeLat, territory.homeLon, lat, lon, density);
  }
  const name =
    row.entity_type === 'O' || !row.first_name
      ? row.last_or_org
      : `${row.first_name} ${row.last_or_org}${row.credentials ? `, ${row.credentials}` : ''}`;
  return {
    npi: String(npi),
    name,
    specialty: row.specialty,
    address: row.address,
    city: row.city,
    state: row.state,
    zip: row.zip5,
    lat,
    lon,
    healthSystem: sys >= 0 ? (cols.systems[sys]?.name ?? null) : null,
    tier: TIER_CODES[scores.tier[i]!] ?? null,
    potential: scores.accessiblePotential[i]!,
    territoryId: territory?.id ?? null,
    driveMinutesFromHome: drive,
    volumes: volumesOf(ctx, i, o.market),
  };
}

function volumesOf(
  ctx: EngineContext,
  provider: number,
  market: string | undefined,
): ProviderCard['volumes'] {
  const vols = getVolumeColumns(ctx);
  const codes = getCodeTable(ctx);
  const byCode = new Map<number, { services: number; beneficiaries: number }>();
  for (let r = 0; r < vols.count; r++) {
    if (vols.provider[r] !== provider) continue;
    const c = vols.code[r]!;
    const acc = byCode.get(c) ?? { services: 0, beneficiaries: 0 };
    acc.services += vols.services[r]!;
    acc.beneficiaries += vols.beneficiaries[r]!;
    byCode.set(c, acc);
  }
  const marketCodes = new Set(resolveMarket(ctx, market).codeSets.flatMap((s) => s.codes));
  return [...byCode]
    .map(([id, v]) => ({
      code: codes.code[id] ?? String(id),
      description: codes.description[id] ?? '',
      ...v,
    }))
    .sort(
      (a, b) =>
        Number(marketCodes.has(b.code)) - Number(marketCodes.has(a.code)) ||
        b.services - a.services,
    )
    .slice(0, MAX_CODES);
}
