// Gathers everything the export writers need from the engine: the scenario model, its metrics, the
// market's scores, account ranking and drive times, summary rows with subtotals, unit figures and the
// changes against the baseline or parent. Arithmetic lives in domain/export; this module wires columns.
import type { ScenarioMetrics } from '../../common/contract/align';
import type { MarketDefinition } from '../../common/contract/scoring';
import { EngineFailure } from '../../common/result';
import { readRoster, type RosterRow } from '../../data/export/accountDetails';
import type { AccountData, TerritoryInfo } from '../../data/export/exportData';
import type { ZipRow } from '../../data/export/masterSheets';
import type { ColumnKind } from '../../data/export/xlsx/styles';
import { accountDriveMinutes, groupTravel, rankAccounts } from '../../domain/export/accounts';
import { computeChanges, type ChangeSet } from '../../domain/export/changes';
import { codeVolumes } from '../../domain/export/codeVolumes';
import { buildSummaryRows, reportingOrder, type SummaryRow } from '../../domain/export/summary';
import { unitFigures, type UnitFigures } from '../../domain/export/unitRows';
import { travelMinutes } from '../../domain/driveTime';
import { componentTotals, indexFactors, providerValues } from '../../domain/units/aggregate';
import type { ProviderScores } from '../columns/columns';
import {
  getCodeTable,
  getGeo,
  getProviderColumns,
  getVolumeColumns,
} from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import type { ScenarioModel } from '../scenarios/model';
import { computeScenarioMetrics, effectiveWeights, scenarioScores } from '../scenarios/metrics';
import { BASELINE_NAME, loadScenarioModel } from '../scenarios/store';
import { getUnitGeometry } from '../units/units';

export type Prepared = {
  model: ScenarioModel;
  metrics: ScenarioMetrics;
  scores: ProviderScores;
  market: MarketDefinition;
  /** Territories in reporting order (region → district → id). */
  territories: TerritoryInfo[];
  accounts: AccountData;
  summary: SummaryRow[];
  units: UnitFigures;
  unitLabel: 'ZIP' | 'County';
  zipRow(u: number, t: TerritoryInfo): ZipRow;
  roster: RosterRow[];
  /** Index weights as set (scenario or market) and as used (a component without data gives its weight to the others). */
  weights: {
    set: { workload: number; potential: number; history: number; access: number };
    used: { workload: number; potential: number; history: number; access: number };
  };
  changes: {
    against: string;
    kind: string;
    set: ChangeSet;
    byTerritory: Map<string, TerritoryChanges>;
  } | null;
};

/** Indexes into the change set of what one territory gained and lost. */
export type TerritoryChanges = {
  unitsIn: number[];
  unitsOut: number[];
  accountsIn: number[];
  accountsOut: number[];
  transfersIn: number[];
  transfersOut: number[];
};

function indexChanges(set: ChangeSet): Map<string, TerritoryChanges> {
  const m = new Map<string, TerritoryChanges>();
  const of = (id: string) => {
    let c = m.get(id);
    if (!c)
      m.set(
        id,
        (c = {
          unitsIn: [],
          unitsOut: [],
          accountsIn: [],
          accountsOut: [],
          transfersIn: [],
          transfersOut: [],
        }),
      );
    return c;
  };
  set.units.forEach((u, i) => (of(u.to).unitsIn.push(i), of(u.from).unitsOut.push(i)));
  set.accounts.from.forEach(
    (f, i) => (of(set.accounts.to[i]!).accountsIn.push(i), of(f).accountsOut.push(i)),
  );
  set.transfers.forEach((x, i) => (of(x.to).transfersIn.push(i), of(x.from).transfersOut.push(i)));
  return m;
}

function potentialKindOf(market: MarketDefinition): ColumnKind {
  return market.measure === 'payment' ? 'usd' : 'int';
}

function managerOf(roster: RosterRow[], district: string, region: string): string {
  // Convention: a roster row with a manager level whose rep_id or name is the district (or region) id.
  const managers = roster.filter((r) => /manager|^dm$|^rm$|director/i.test(r.level));
  const dm = managers.find((r) => r.repId === district || r.name === district);
  if (dm) return `${dm.name} (${dm.level})`;
  const rm = managers.find((r) => r.repId === region || r.name === region);
  if (rm) return `${rm.name} (${rm.level})`;
  // No invented "District D01 manager" placeholder: the cell says there is none on the roster.
  return '';
}

function territoryInfos(
  ctx: EngineContext,
  model: ScenarioModel,
  metrics: ScenarioMetrics,
  roster: RosterRow[],
): TerritoryInfo[] {
  const byId = new Map(metrics.perTerritory.map((m) => [m.territoryId, m]));
  const rosterById = new Map(roster.map((r) => [r.repId, r]));
  const order = reportingOrder(
    model.territories.map((t) => ({ region: t.region, district: t.district, territoryId: t.id })),
  );
  const { zips } = getGeo(ctx);
  return order.map((index) => {
    const t = model.territories[index]!;
    const m = byId.get(t.id);
    if (!m)
      throw new EngineFailure(
        'INTERNAL',
        `Metrics of scenario "${model.name}" have no row for territory ${t.id}.`,
      );
    const rep = t.repId ? rosterById.get(t.repId) : undefined;
    const homeZip = rep?.homeZip
      ? ` — ZIP ${rep.homeZip}${zips.indexOf(rep.homeZip) >= 0 ? ` ${zips.city[zips.indexOf(rep.homeZip)]}, ${zips.state[zips.indexOf(rep.homeZip)]}` : ''}`
      : '';
    const homeLabel = t.homeKnown
      ? `${t.homeLat.toFixed(4)}, ${t.homeLon.toFixed(4)}${homeZip}`
      : `No home base on file; territory centre ${t.homeLat.toFixed(4)}, ${t.homeLon.toFixed(4)} used`;
    return {
      index,
      id: t.id,
      name: t.name,
      district: t.district,
      region: t.region,
      repId: t.repId ?? '',
      repName: t.repName ?? (t.repId ? t.repId : 'Vacant'),
      manager: managerOf(roster, t.district, t.region),
      homeLabel,
      homeLat: t.homeLat,
      homeLon: t.homeLon,
      metrics: m,
    };
  });
}

function changesAgainst(
  ctx: EngineContext,
  model: ScenarioModel,
  scores: ProviderScores,
  baseline: string | undefined,
): Prepared['changes'] {
  let against = baseline ?? model.parent ?? null;
  let kind = baseline ? 'baseline' : 'parent scenario';
  if (!against && !model.isBaseline) {
    against = BASELINE_NAME;
    kind = 'baseline';
  }
  if (!against) return null;
  let base: ScenarioModel;
  try {
    base = loadScenarioModel(ctx, against);
  } catch (e) {
    if (!baseline && e instanceof EngineFailure && e.error.code === 'NOT_FOUND') return null;
    throw e;
  }
  const system = getProviderColumns(ctx).system;
  const side = (m: ScenarioModel) => {
    const unitTerritory = new Map<string, number>();
    m.unitIds.forEach((id, u) => {
      if (m.unitTerritory[u]! >= 0) unitTerritory.set(id, m.unitTerritory[u]!);
    });
    return {
      territoryIds: m.territories.map((t) => t.id),
      unitTerritory,
      providerTerritory: m.providerTerritory,
    };
  };
  // Different unit kinds (ZIP vs county) cannot be compared unit by unit: compare accounts only.
  const sameKind = base.unitKind === model.unitKind;
  const noUnits = new Map<string, number>();
  const scenarioSide = sameKind ? side(model) : { ...side(model), unitTerritory: noUnits };
  const baseSide = sameKind ? side(base) : { ...side(base), unitTerritory: noUnits };
  const set = computeChanges({
    baseline: baseSide,
    scenario: scenarioSide,
    unitIds: sameKind
      ? model.unitIds.filter(
          (_, u) => model.unitTerritory[u]! >= 0 || baseSide.unitTerritory.has(model.unitIds[u]!),
        )
      : [],
    providerUnit: model.providerUnit,
    tier: scores.tier,
    potential: scores.accessiblePotential,
    why: {
      pinned: (p) => model.pins.has(p),
      keptWhole: (p) => system[p]! >= 0 && model.systems.has(system[p]!),
      basePinned: (p) => base.pins.has(p),
      baseKeptWhole: (p) => system[p]! >= 0 && base.systems.has(system[p]!),
    },
  });
  return { against, kind, set, byTerritory: indexChanges(set) };
}

export function prepareExport(
  ctx: EngineContext,
  req: { scenario: string; baseline?: string },
): Prepared {
  const model = loadScenarioModel(ctx, req.scenario);
  const metrics = computeScenarioMetrics(ctx, req.scenario);
  const scores = scenarioScores(ctx, model);
  const market = scores.definition;
  const providers = getProviderColumns(ctx);
  const geo = getGeo(ctx);
  const unitGeo = getUnitGeometry(ctx, model.unitKind);
  const roster = readRoster(ctx.ws.db);
  const territories = territoryInfos(ctx, model, metrics, roster);
  const cols = {
    providerTerritory: model.providerTerritory,
    tier: scores.tier,
    potential: scores.accessiblePotential,
    workloadHours: scores.workloadHours,
  };
  const order = rankAccounts(
    cols,
    territories.map((t) => t.index),
  );
  const homes = {
    homeLat: model.territories.map((t) => t.homeLat),
    homeLon: model.territories.map((t) => t.homeLon),
  };
  const minutes = accountDriveMinutes(
    cols,
    { lat: providers.lat, lon: providers.lon, density: unitGeo.providerDensity },
    homes,
    travelMinutes,
  );
  const travel = groupTravel(cols, minutes, model.territories);
  const summary = buildSummaryRows(metrics.perTerritory, {
    ...travel,
    national: { mean: metrics.travelMeanMin, p90: metrics.travelP90Min },
  });
  const volumes = codeVolumes({
    providers: providers.count,
    volumes: getVolumeColumns(ctx),
    codes: getCodeTable(ctx).code,
    market,
    year: scores.year,
  });
  const weightsSet = effectiveWeights(model, market);
  const factors = indexFactors(componentTotals(scores), weightsSet, 100);
  const units = unitFigures({
    unitIds: model.unitIds,
    unitTerritory: model.unitTerritory,
    providerUnit: model.providerUnit,
    providerTerritory: model.providerTerritory,
    tier: scores.tier,
    potential: scores.accessiblePotential,
    workloadHours: scores.workloadHours,
    providerValue: providerValues(scores, factors),
    territories: model.territories.length,
  });
  const county = model.unitKind === 'county';
  const countyName = new Map(geo.counties.fips.map((f, i) => [f, geo.counties.name[i]!]));
  const zipRow = (u: number, t: TerritoryInfo): ZipRow => {
    const id = model.unitIds[u]!;
    let place: [string, string, string];
    if (county) {
      const c = geo.counties.indexOf(id);
      place = [c >= 0 ? geo.counties.name[c]! : '', c >= 0 ? geo.counties.state[c]! : '', ''];
    } else {
      const z = geo.zips.indexOf(id);
      place =
        z >= 0
          ? [
              geo.zips.city[z]!,
              geo.zips.state[z]!,
              countyName.get(geo.zips.county[z]!) ?? geo.zips.county[z]!,
            ]
          : ['', '', ''];
    }
    return [
      id,
      ...place,
      t.id,
      t.name,
      t.district,
      t.region,
      units.accounts[u]!,
      Math.round(units.potential[u]!),
      Math.round(units.workload[u]! * 10) / 10,
      Math.round(units.indexContribution[u]! * 100) / 100,
    ];
  };
  const zipOfProvider = (p: number) => {
    const z = providers.zipIndex[p]!;
    return z >= 0 ? geo.zips.zip[z]! : '';
  };
  const accounts: AccountData = {
    npi: providers.npi,
    tier: scores.tier,
    potential: scores.accessiblePotential,
    callsPerYear: scores.callsPerYear,
    workloadHours: scores.workloadHours,
    minutes,
    order,
    zipOf: zipOfProvider,
    systemName: (p) =>
      providers.system[p]! >= 0 ? providers.systems[providers.system[p]!]!.name : '',
    volumes,
    potentialKind: potentialKindOf(market),
  };
  return {
    model,
    metrics,
    scores,
    market,
    territories,
    accounts,
    summary,
    units,
    unitLabel: county ? 'County' : 'ZIP',
    zipRow,
    roster,
    weights: { set: weightsSet, used: factors.effectiveWeights },
    changes: changesAgainst(ctx, model, scores, req.baseline),
  };
}
