// Scoring and what-if benchmark. Part 1 (always): re-scoring a synthetic national universe held
// as typed arrays (1 M providers, 10 M volume rows, 3,000 codes, two data years) for three markets,
// plus summing into 41,897 ZIP units. Part 2 (with a workspace path argument): the engine path on a
// real workspace — scores, scenario model, metrics, a what-if move and its undo, each timed.
import { parseMarket } from '../../workers/domain/market/schema';
import { allCodesMarket, medtechPreset, pharmaPreset } from '../../workers/domain/market/presets';
import { dataYears, scoreProviders, type ScoringProviders, type ScoringVolumes } from '../../workers/domain/scoring/scoreProviders';
import { aggregateUnits } from '../../workers/domain/units/aggregate';
import { createRng } from '../../workers/domain/align/prng';
import { openWorkspace } from '../../workers/data/workspace';
import { createContext } from '../../workers/engine/context';
import { getScores } from '../../workers/engine/scores';
import { listScenarioRows } from '../../workers/data/repos/scenarioRepo';
import { loadScenarioModel } from '../../workers/engine/scenarios';
import { computeScenarioMetrics } from '../../workers/engine/scenarioMetrics';
import { runUndo, runWhatIf } from '../../workers/engine/scenarioOps';

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

function synthetic(providers: number, rows: number): { p: ScoringProviders; v: ScoringVolumes; codes: string[] } {
  const rng = createRng(42);
  const codes = ['', ...Array.from({ length: 3000 }, (_, i) => (i < 2000 ? String(10000 + i * 37) : `E${String(i).padStart(4, '0')}`))];
  codes[1] = '27447';
  codes[2] = '27130';
  codes[3] = '99213';
  const p: ScoringProviders = {
    count: providers,
    specialty: Uint16Array.from({ length: providers }, () => Math.floor(rng() * 40)),
    specialties: Array.from({ length: 40 }, (_, i) => `Specialty ${i}`),
    system: Int32Array.from({ length: providers }, () => (rng() < 0.3 ? Math.floor(rng() * 500) : -1)),
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
  return { p, v, codes };
}

function part1(): void {
  const t0 = performance.now();
  const { p, v, codes } = synthetic(1_000_000, 10_000_000);
  console.log(`synthetic universe: ${p.count.toLocaleString()} providers, ${v.count.toLocaleString()} volume rows (built in ${ms(t0)})`);
  const years = dataYears(v); // the engine caches this per workspace
  const competitor = Uint8Array.from({ length: p.count }, (_, i) => (i % 13 === 0 ? 1 : 0));
  const markets = [allCodesMarket(), medtechPreset(), { ...pharmaPreset(), competitorLockIn: { manufacturers: ['Competitor'], discount: 0.4 }, lockedOutSystems: ['S1', 'S2'] }];
  for (const raw of markets) {
    const r = parseMarket(raw);
    if (!r.ok) throw new Error(r.message);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      scoreProviders({ providers: p, volumes: v, codes, market: r.market, competitor, dataYears: years });
      times.push(performance.now() - t);
    }
    console.log(`re-score "${r.market.name}": ${times.map((t) => t.toFixed(0)).join(' / ')} ms (3 runs)`);
  }
  const s = scoreProviders({ providers: p, volumes: v, codes, market: allCodesMarket(), dataYears: years });
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
  const row = listScenarioRows(ctx.ws.db).find((r) => r.unitKind === 'zip' && !r.isBaseline) ?? listScenarioRows(ctx.ws.db)[0];
  if (!row) return console.log('no scenario in this workspace: run tessera align first for the what-if timings');
  t = performance.now();
  const model = loadScenarioModel(ctx, row.name);
  console.log(`scenario "${row.name}" model (${model.unitIds.length.toLocaleString()} units, ${model.territories.length} territories): ${ms(t)}`);
  t = performance.now();
  computeScenarioMetrics(ctx, row.name);
  console.log(`metrics: ${ms(t)}`);
  const u = model.unitTerritory.findIndex((x) => x >= 0);
  const to = model.territories[(model.unitTerritory[u]! + 1) % model.territories.length]!.id;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    runWhatIf(ctx, { scenario: row.name, op: { kind: 'moveUnits', units: [model.unitIds[u]!], to } });
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
console.log(`(load average during the run: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores)`);
if (ws) part2(ws);
