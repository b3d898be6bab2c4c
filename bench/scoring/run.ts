// Scoring and what-if benchmark. Part 1 (always): re-scoring a synthetic national universe held
// as typed arrays (1 M providers, 10 M volume rows, 3,000 codes, two data years) for three markets,
// the way the engine does it (records grouped by code with the per-code index, cached per-provider
// totals, reused accumulators; see engine/scoring/scores.ts), then the plain row scan for comparison,
// plus summing into 41,897 ZIP units. Part 2 (with a workspace path argument): the engine path on a
// real workspace — scores, scenario model, metrics, a what-if move and its undo, each timed.
import { parseMarket } from '../../workers/domain/market/schema';
import { allCodesMarket, medtechPreset, pharmaPreset } from '../../workers/domain/market/presets';
import {
  dataYears,
  scoreProviders,
  type ScoringInput,
  type ScoringProviders,
  type ScoringVolumes,
} from '../../workers/domain/scoring/scoreProviders';
import {
  providerVolumeTotals,
  type ProviderVolumeTotals,
} from '../../workers/domain/scoring/accumulate';
import { applyCodeOrder, planCodeOrder } from '../../workers/domain/codeOrder';
import { aggregateUnits } from '../../workers/domain/units/aggregate';
import { createRng } from '../../workers/domain/align/prng';
import { openWorkspace } from '../../workers/data/workspace';
import { createContext } from '../../workers/engine/runtime/context';
import { getScores } from '../../workers/engine/scoring/scores';
import { listScenarioRows } from '../../workers/data/repos/scenarioRepo';
import { loadScenarioModel } from '../../workers/engine/scenarios/store';
import { computeScenarioMetrics } from '../../workers/engine/scenarios/metrics';
import { runUndo, runWhatIf } from '../../workers/engine/scenarios/history';

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

function synthetic(
  providers: number,
  rows: number,
): { p: ScoringProviders; v: ScoringVolumes; codes: string[]; index: { start: Int32Array } } {
  const rng = createRng(42);
  const codes = [
    '',
    ...Array.from({ length: 3000 }, (_, i) =>
      i < 2000 ? String(10000 + i * 37) : `E${String(i).padStart(4, '0')}`,
    ),
  ];
  codes[1] = '27447';
  codes[2] = '27130';
  codes[3] = '99213';
  const p: ScoringProviders = {
    count: providers,
    specialty: Uint16Array.from({ length: providers }, () => Math.floor(rng() * 40)),
    specialties: Array.from({ length: 40 }, (_, i) => `Specialty ${i}`),
    system: Int32Array.from({ length: providers }, () =>
      rng() < 0.3 ? Math.floor(rng() * 500) : -1,
    ),
    systems: Array.from({ length: 500 }, (_, i) => ({ id: `S${i}`, name: `System ${i}` })),
    access: Float32Array.from({ length: providers }, () => 0.5 + rng() / 2),
    noSee: Uint8Array.from({ length: providers }, () => (rng() < 0.05 ? 1 : 0)),
  };
  const v: ScoringVolumes = {
    count: rows,
    provider: new Int32Array(rows),
    code: new Uint32Array(rows),
    pos: new Uint8Array(rows),
    year: new Uint16Array(rows),
    beneficiaries: new Float32Array(rows),
    services: new Float32Array(rows),
    payment: new Float32Array(rows),
  };
  for (let r = 0; r < rows; r++) {
    v.provider[r] = Math.floor((r / rows) * providers);
    v.code[r] = 1 + Math.floor(rng() ** 2 * 3000);
    v.pos[r] = 1 + (r & 1);
    v.year[r] = r % 3 === 0 ? 2021 : 2022;
    v.services[r] = 11 + Math.floor(rng() * 200);
    v.beneficiaries[r] = v.services[r]! / 2;
    v.payment[r] = v.services[r]! * 80;
  }
  // The engine keeps records grouped by code (imports store them so, engine/columns/columnsLoader.ts).
  const layout = planCodeOrder(v.code, rows, codes.length);
  const sorted: ScoringVolumes = {
    count: rows,
    provider: applyCodeOrder(layout, v.provider, (n) => new Int32Array(n)),
    pos: applyCodeOrder(layout, v.pos, (n) => new Uint8Array(n)),
    year: applyCodeOrder(layout, v.year, (n) => new Uint16Array(n)),
    beneficiaries: applyCodeOrder(layout, v.beneficiaries, (n) => new Float32Array(n)),
    services: applyCodeOrder(layout, v.services, (n) => new Float32Array(n)),
    payment: applyCodeOrder(layout, v.payment, (n) => new Float32Array(n)),
    code: applyCodeOrder(layout, v.code, (n) => new Uint32Array(n)),
  };
  return { p, v: sorted, codes, index: { start: layout.start } };
}

function cpuMs(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function part1(): void {
  const t0 = performance.now();
  const { p, v, codes, index } = synthetic(1_000_000, 10_000_000);
  console.log(
    `synthetic universe: ${p.count.toLocaleString()} providers, ${v.count.toLocaleString()} volume rows grouped by code (built in ${ms(t0)})`,
  );
  const years = dataYears(v); // the engine caches this per workspace
  const competitor = Uint8Array.from({ length: p.count }, (_, i) => (i % 13 === 0 ? 1 : 0));
  const markets = [
    allCodesMarket(),
    medtechPreset(),
    {
      ...pharmaPreset(),
      competitorLockIn: { manufacturers: ['Competitor'], discount: 0.4 },
      lockedOutSystems: ['S1', 'S2'],
    },
  ];
  // as engine/scoring/scores.ts: per-provider totals cached per (measure, year), accumulators reused
  const cache = new Map<string, ProviderVolumeTotals>();
  const totals = (
    measure: 'services' | 'beneficiaries' | 'payment',
    ys: number[],
  ): ProviderVolumeTotals[] => {
    const missing = ys.filter((y) => !cache.has(`${measure}:${y}`));
    if (missing.length)
      for (const t of providerVolumeTotals(v, p.count, measure, missing))
        cache.set(`${measure}:${t.year}`, t);
    return ys.map((y) => cache.get(`${measure}:${y}`)!);
  };
  const n = p.count;
  const scratch = {
    potential: new Float64Array(n),
    history: new Float64Array(n),
    volume: new Float64Array(n),
  };
  const engine: Partial<ScoringInput> = { codeIndex: index, totals, scratch };
  for (const [label, extra] of [
    ['engine path', engine],
    ['row scan (no index)', {}],
  ] as const) {
    console.log(`${label}:`);
    for (const raw of markets) {
      const r = parseMarket(raw);
      if (!r.ok) throw new Error(r.message);
      const times: string[] = [];
      for (let i = 0; i < 4; i++) {
        const t = performance.now();
        const c0 = process.cpuUsage();
        scoreProviders({
          providers: p,
          volumes: v,
          codes,
          market: r.market,
          competitor,
          dataYears: years,
          ...extra,
        });
        times.push(`${(performance.now() - t).toFixed(0)} (cpu ${cpuMs(c0).toFixed(0)})`);
      }
      console.log(
        `  re-score "${r.market.name}": ${times.join(' / ')} ms (4 runs; the engine's first "every code" run builds the totals)`,
      );
    }
  }
  const s = scoreProviders({
    providers: p,
    volumes: v,
    codes,
    market: allCodesMarket(),
    dataYears: years,
    ...engine,
  });
  const providerUnit = Int32Array.from({ length: p.count }, (_, i) => i % 41_897);
  const t1 = performance.now();
  aggregateUnits(providerUnit, 41_897, s);
  console.log(`sum into 41,897 ZIP units: ${ms(t1)}`);
}

function part2(path: string): void {
  const ctx = createContext(openWorkspace(path));
  let t = performance.now();
  getScores(ctx);
  console.log(`\nworkspace ${path}: load columns + score active market ${ms(t)}`);
  t = performance.now();
  getScores(ctx, 'medtech');
  console.log(`re-score medtech preset (columns cached): ${ms(t)}`);
  t = performance.now();
  getScores(ctx, 'all');
  console.log(`score every-code market (first time: builds the per-provider totals): ${ms(t)}`);
  t = performance.now();
  getScores(ctx, { ...allCodesMarket('Every code, edited'), tiers: { aShare: 0.15, bShare: 0.2 } });
  console.log(`re-score an edited every-code market (totals cached): ${ms(t)}`);
  const row =
    listScenarioRows(ctx.ws.db).find((r) => r.unitKind === 'zip' && !r.isBaseline) ??
    listScenarioRows(ctx.ws.db)[0];
  if (!row)
    return console.log(
      'no scenario in this workspace: run tessera align first for the what-if timings',
    );
  t = performance.now();
  const model = loadScenarioModel(ctx, row.name);
  console.log(
    `scenario "${row.name}" model (${model.unitIds.length.toLocaleString()} units, ${model.territories.length} territories): ${ms(t)}`,
  );
  t = performance.now();
  computeScenarioMetrics(ctx, row.name);
  console.log(`metrics: ${ms(t)}`);
  const u = model.unitTerritory.findIndex((x) => x >= 0);
  const to = model.territories[(model.unitTerritory[u]! + 1) % model.territories.length]!.id;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    runWhatIf(ctx, {
      scenario: row.name,
      op: { kind: 'moveUnits', units: [model.unitIds[u]!], to },
    });
    const move = performance.now() - t;
    t = performance.now();
    runUndo(ctx, row.name);
    console.log(`what-if move 1 ZIP + metrics: ${move.toFixed(0)} ms; undo + metrics: ${ms(t)}`);
  }
  ctx.ws.close();
}

const args = process.argv.slice(2);
const ws = args.find((a) => !a.startsWith('--'));
if (!args.includes('--no-synthetic')) part1();
console.log(
  `(load average during the run: ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} cores)`,
);
if (ws) part2(ws);
