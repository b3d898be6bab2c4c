// Weeks benchmark (issue 14): Tessera's day solver and week planner side by side with OR-Tools on
// the same instances and the same drive matrix, every route re-timed by one evaluator (Tessera's
// timeline.evaluate; a route that breaks a window or the day there is repaired by dropping stops,
// lowest tier first, and only what remains counts). Prints figures; asserts nothing.
//   1. Dumas TSPTW n20–n40 (50 instances, one day each): served, gap to the proven optimum.
//   2. Generated rep days of 10–30 stops with tiers, lunch and windows.
//   3. Ten demo territories' weeks (offline drive model), OR-Tools with all five days at once.
//   4. Every territory's week of the national demo scenario (K = 200), end to end.
// `node bench/weeks.bench.mjs [workspace]` (default: a copy of /work/demo/demo.tessera in the temp dir).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDayProblem,
  DEFAULT_DAY,
  type DayProblem,
  type DayStopInput,
} from '../../workers/domain/route/dayProblem';
import { tierCounts } from '../../workers/domain/route/objective';
import { createRng } from '../../workers/domain/route/rng';
import { solveDay } from '../../workers/domain/route/sequenceDay';
import { EPS, evaluate } from '../../workers/domain/route/timeline';
import { planWeekDetailed, type WeekDetail } from '../../workers/domain/route/week';
import { createContext } from '../../workers/engine/runtime/context';
import { openWorkspace } from '../../workers/data/workspace';
import { weekContext, weekJob } from '../../workers/engine/routes/weekPlanner';
import { planAllWeeks } from '../../workers/engine/routes/batch';
import { OFFLINE_WEEK_TRAVEL } from '../../workers/engine/travel/travelSource';
import { dumasNames, loadDumas } from '../../test/unit/route/dumas';

const here = join(process.cwd(), 'bench', 'weeks');
const load = () => loadavg()[0]!.toFixed(1);

type OrNode = {
  point: number;
  service: number;
  windows: [number, number][] | null;
  day: number;
  group: number;
  priority: number;
};
type OrProblem = {
  name: string;
  size: number;
  minutes: number[];
  depot: number;
  nodes: OrNode[];
  days: { start: number; end: number; lunchStart: number; lunchEnd: number }[];
  timeLimitMs: number;
  sameAccount?: { a: number[]; b: number[] }[];
};

function ensureOrTools(): void {
  const ok = spawnSync('python3', ['-c', 'import ortools'], { encoding: 'utf8' });
  if (ok.status === 0) return;
  console.log('installing the dev-only anchor: pip install ortools …');
  const r = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', 'ortools'], {
    stdio: 'inherit',
  });
  if (r.status !== 0)
    throw new Error('pip install ortools failed: the OR-Tools anchor is needed for this benchmark');
}

function runOrTools(problems: OrProblem[]): { name: string; routes: number[][] }[] {
  const r = spawnSync('python3', [join(here, 'ortools_anchor.py')], {
    input: JSON.stringify(problems),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`ortools_anchor.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Re-time an order with Tessera's evaluator; drop stops (lowest tier, then most lateness saved) until it is feasible. */
function repair(p: DayProblem, order: number[]): number[] {
  let o = [...order];
  while (o.length > 0 && evaluate(p, o).late > EPS) {
    let best = -1;
    let bestKey = Infinity;
    for (let k = 0; k < o.length; k++) {
      const rest = o.filter((_, i) => i !== k);
      const key = -p.priority[o[k]!]! * 1e9 + evaluate(p, rest).late;
      if (key < bestKey) {
        bestKey = key;
        best = k;
      }
    }
    o = o.filter((_, i) => i !== best);
  }
  return o;
}

const pct = (a: number, b: number) => `${((a / b - 1) * 100).toFixed(2)} %`;
const quant = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

type Row = {
  name: string;
  stops: number;
  ours: { tiers: number[]; drive: number; ms: number; cpu: number };
  or: { tiers: number[]; drive: number };
};

function summarise(title: string, rows: Row[], optimum?: Map<string, number>): void {
  const sum = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);
  const served = (k: 'ours' | 'or') => [0, 1, 2].map((t) => sum((r) => r[k].tiers[t]!));
  const ge = rows.filter((r) => r.ours.tiers.join() === r.or.tiers.join()).length;
  const oursMore = rows.filter(
    (r) =>
      r.ours.tiers[0]! > r.or.tiers[0]! ||
      (r.ours.tiers[0] === r.or.tiers[0] &&
        (r.ours.tiers[1]! > r.or.tiers[1]! ||
          (r.ours.tiers[1] === r.or.tiers[1] && r.ours.tiers[2]! > r.or.tiers[2]!))),
  ).length;
  const orMore = rows.length - ge - oursMore;
  const same = rows.filter((r) => r.ours.tiers.join() === r.or.tiers.join());
  const dOurs = same.reduce((s, r) => s + r.ours.drive, 0);
  const dOr = same.reduce((s, r) => s + r.or.drive, 0);
  const worst = Math.max(...same.map((r) => r.ours.drive / r.or.drive - 1));
  console.log(`\n## ${title} (${rows.length} instances, load ${load()})`);
  console.log(
    `served A/B/C: Tessera ${served('ours').join('/')}  OR-Tools ${served('or').join('/')}; Tessera serves a better tier mix on ${oursMore}, the same on ${ge}, a worse on ${orMore}`,
  );
  console.log(
    `drive where both serve the same: Tessera ${dOurs.toFixed(1)} min, OR-Tools ${dOr.toFixed(1)} min (${pct(dOurs, dOr)}); worst single instance ${(worst * 100).toFixed(2)} %`,
  );
  const ms = rows.map((r) => r.ours.ms);
  const cpu = rows.map((r) => r.ours.cpu);
  console.log(
    `Tessera time per instance: wall median ${quant(ms, 0.5).toFixed(1)} ms, p95 ${quant(ms, 0.95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms; CPU median ${quant(cpu, 0.5).toFixed(1)} ms, p95 ${quant(cpu, 0.95).toFixed(1)} ms`,
  );
  const worse = rows.filter(
    (r) =>
      r.ours.tiers.join() !== r.or.tiers.join() &&
      !(
        r.ours.tiers[0]! > r.or.tiers[0]! ||
        (r.ours.tiers[0] === r.or.tiers[0] &&
          (r.ours.tiers[1]! > r.or.tiers[1]! ||
            (r.ours.tiers[1] === r.or.tiers[1] && r.ours.tiers[2]! > r.or.tiers[2]!)))
      ),
  );
  for (const r of worse)
    console.log(
      `  worse mix: ${r.name}: Tessera ${r.ours.tiers.join('/')} vs OR-Tools ${r.or.tiers.join('/')}`,
    );
  if (optimum) {
    const gaps = rows.map((r) => r.ours.drive / optimum.get(r.name)! - 1);
    const orGaps = rows.map((r) => r.or.drive / optimum.get(r.name)! - 1);
    const full = rows.filter((r) => r.ours.tiers[0] === r.stops).length;
    const orFull = rows.filter((r) => r.or.tiers[0] === r.stops).length;
    console.log(
      `fully served: Tessera ${full}/${rows.length}, OR-Tools ${orFull}/${rows.length}; gap to optimum: Tessera mean ${((gaps.reduce((a, b) => a + b, 0) / gaps.length) * 100).toFixed(3)} %, max ${(Math.max(...gaps) * 100).toFixed(2)} %; OR-Tools (fully served ones) mean ${((orGaps.filter((_, i) => rows[i]!.or.tiers[0] === rows[i]!.stops).reduce((a, b) => a + b, 0) / Math.max(1, orFull)) * 100).toFixed(3)} %`,
    );
  }
}

function dayRows(
  instances: { name: string; p: DayProblem; or: OrProblem; nodeOf: (k: number) => number }[],
): Row[] {
  const rows: Row[] = [];
  // Warm the JIT on the first instances (results not counted twice: solved again below).
  for (const x of instances.slice(0, 3))
    solveDay(
      x.p,
      Array.from({ length: x.p.n }, (_, i) => i + 1),
      { seed: 1 },
    );
  const ours = instances.map((x) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const sol = solveDay(
      x.p,
      Array.from({ length: x.p.n }, (_, i) => i + 1),
      { seed: 1 },
    );
    const c = process.cpuUsage(c0);
    return { order: sol.order, ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  });
  const or = runOrTools(instances.map((x) => x.or));
  instances.forEach((x, i) => {
    const oo = repair(x.p, or[i]!.routes[0]!.map(x.nodeOf));
    const e = evaluate(x.p, ours[i]!.order);
    if (e.late > EPS) throw new Error(`${x.name}: Tessera route infeasible`);
    rows.push({
      name: x.name,
      stops: x.p.n,
      ours: {
        tiers: tierCounts(x.p, ours[i]!.order),
        drive: e.drive,
        ms: ours[i]!.ms,
        cpu: ours[i]!.cpu,
      },
      or: { tiers: tierCounts(x.p, oo), drive: evaluate(x.p, oo).drive },
    });
  });
  return rows;
}

function dumas(): void {
  const names = dumasNames();
  const best = new Map<string, number>();
  const instances = names.map((name) => {
    const d = loadDumas(name);
    best.set(name, d.optimum);
    const size = d.n + 1;
    const or: OrProblem = {
      name,
      size,
      minutes: d.matrix.flat(),
      depot: 0,
      nodes: d.windows.slice(1).map(([o, c], k) => ({
        point: k + 1,
        service: 0,
        windows: [[o, c]],
        day: 0,
        group: k,
        priority: 1,
      })),
      days: [{ start: d.windows[0]![0], end: d.windows[0]![1], lunchStart: 0, lunchEnd: 0 }],
      timeLimitMs: 1000,
    };
    return { name, p: d.problem, or, nodeOf: (k: number) => k + 1 };
  });
  summarise('Dumas TSPTW n20 and n40, one day each (1 s OR-Tools limit)', dayRows(instances), best);
}

function repDays(count: number, minStops: number, maxStops: number, title: string): void {
  const rng = createRng(2024);
  const instances = Array.from({ length: count }, (_, s) => {
    const n = minStops + (s % (maxStops - minStops + 1));
    const pts = Array.from({ length: n + 1 }, (_, i) =>
      i === 0
        ? { x: 0, y: 0, d: 1 }
        : { x: (rng.next() * 2 - 1) * 14, y: (rng.next() * 2 - 1) * 14, d: 0.8 + rng.next() * 0.6 },
    );
    const stops: DayStopInput[] = [];
    for (let i = 0; i < n; i++) {
      const windowed = rng.next() < 0.35;
      const open = 8 * 60 + Math.floor(rng.next() * 14) * 30;
      stops.push({
        service: 15 + Math.floor(rng.next() * 4) * 10,
        windows: windowed ? [{ open, close: open + 90 + Math.floor(rng.next() * 4) * 30 }] : null,
        priority: rng.next() < 0.2 ? 1 : rng.next() < 0.45 ? 2 : 3,
      });
    }
    // Drive minutes with a density factor per point (like the offline model across density
    // classes): the triangle inequality does not hold.
    const size = n + 1;
    const minutes: number[] = new Array(size * size).fill(0);
    for (let a = 0; a < size; a++)
      for (let b = 0; b < size; b++)
        if (a !== b)
          minutes[a * size + b] =
            Math.round(
              ((Math.hypot(pts[a]!.x - pts[b]!.x, pts[a]!.y - pts[b]!.y) * 1.3) / 30) *
                60 *
                pts[a]!.d *
                pts[b]!.d *
                100,
            ) /
              100 +
            2;
    const pt = (node: number) => (node === n + 1 ? 0 : node);
    const p = createDayProblem({
      stops,
      settings: DEFAULT_DAY,
      leg: (i, j) => ({ minutes: minutes[pt(i) * size + pt(j)]!, miles: 0 }),
    });
    const or: OrProblem = {
      name: `rep${s}`,
      size,
      minutes,
      depot: 0,
      nodes: stops.map((st, k) => ({
        point: k + 1,
        service: st.service,
        windows: st.windows ? st.windows.map((w) => [w.open, w.close] as [number, number]) : null,
        day: 0,
        group: k,
        priority: st.priority,
      })),
      days: [
        {
          start: DEFAULT_DAY.dayStart,
          end: DEFAULT_DAY.dayEnd,
          lunchStart: DEFAULT_DAY.lunchStart,
          lunchEnd: DEFAULT_DAY.lunchStart + DEFAULT_DAY.lunchMinutes,
        },
      ],
      timeLimitMs: 1000,
    };
    return { name: or.name, p, or, nodeOf: (k: number) => k + 1 };
  });
  summarise(title, dayRows(instances));
}

function weekProblem(
  name: string,
  d: WeekDetail,
  timeLimitMs: number,
): { or: OrProblem; back: { day: number; node: number }[] } {
  const p0 = d.models[0]!.problem;
  const size = p0.size - 1; // nodes 0..n (0 = home start; n + 1 = home end, the same point)
  const n = p0.n;
  const minutes: number[] = new Array(size * size).fill(0);
  for (let a = 0; a < size; a++)
    for (let b = 1; b < size; b++)
      if (a !== b) minutes[a * size + b] = p0.minutes[a * p0.size + b]!;
  for (let a = 1; a < size; a++) minutes[a * size] = p0.minutes[a * p0.size + n + 1]!;
  const nodes: OrNode[] = [];
  const back: { day: number; node: number }[] = [];
  const byAccount = new Map<number, number[][]>();
  d.visits.forEach((v, i) => {
    const idx: number[] = [];
    d.models.forEach((m, day) => {
      const node = m.nodeOfPoint.get(d.pointOf.get(v.account)!);
      if (node === undefined) return;
      const p = m.problem;
      const wins: [number, number][] = [];
      for (let w = p.winOffset[node]!; w < p.winOffset[node + 1]!; w++)
        wins.push([p.winOpen[w]!, p.winClose[w]!]);
      idx.push(nodes.length);
      nodes.push({
        point: node,
        service: p.service[node]!,
        windows: wins.length ? wins : null,
        day,
        group: i,
        priority: p.priority[node]!,
      });
      back.push({ day, node });
    });
    const list = byAccount.get(v.account) ?? [];
    list.push(idx);
    byAccount.set(v.account, list);
  });
  const sameAccount: { a: number[]; b: number[] }[] = [];
  for (const list of byAccount.values())
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) sameAccount.push({ a: list[i]!, b: list[j]! });
  const days = d.models.map((m) => ({
    start: m.problem.dayStart,
    end: m.problem.dayEnd,
    lunchStart: m.problem.lunchStart,
    lunchEnd: m.problem.lunchEnd,
  }));
  return { or: { name, size, minutes, depot: 0, nodes, days, timeLimitMs, sameAccount }, back };
}

async function demoWeeks(path: string, count: number): Promise<void> {
  const ctx = createContext(openWorkspace(path));
  const wc = weekContext(ctx, 'baseline');
  const ts = wc.model.territories;
  const step = Math.max(1, Math.floor(ts.length / count));
  const picked = Array.from({ length: count }, (_, k) => ts[(k * step) % ts.length]!);
  const jobs = picked.map((t) =>
    weekJob(ctx, { scenario: 'baseline', territoryId: t.id, date: '2025-06-09' }, { wc }),
  );
  planWeekDetailed({ ...jobs[0]!.input, travel: OFFLINE_WEEK_TRAVEL.fn, symmetric: true }); // warm-up
  const rows: Row[] = [];
  const details = jobs.map((job) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const d = planWeekDetailed({ ...job.input, travel: OFFLINE_WEEK_TRAVEL.fn, symmetric: true });
    const c = process.cpuUsage(c0);
    return { d, ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  });
  const probs = details.map((x, i) => weekProblem(picked[i]!.id, x.d, 10_000));
  const or = runOrTools(probs.map((x) => x.or));
  details.forEach(({ d, ms, cpu }, i) => {
    const ours = [0, 0, 0];
    let drive = 0;
    d.models.forEach((m, day) => {
      const e = evaluate(m.problem, d.orders[day]!);
      if (e.late > EPS) throw new Error('Tessera week infeasible');
      drive += e.drive;
      tierCounts(m.problem, d.orders[day]!).forEach((c, t) => (ours[t]! += c));
    });
    const orT = [0, 0, 0];
    let orDrive = 0;
    d.models.forEach((m, day) => {
      const nodes = or[i]!.routes[day]!.map((k) => probs[i]!.back[k]!.node);
      const o = repair(m.problem, nodes);
      orDrive += evaluate(m.problem, o).drive;
      tierCounts(m.problem, o).forEach((c, t) => (orT[t]! += c));
    });
    rows.push({
      name: picked[i]!.id,
      stops: d.visits.length,
      ours: { tiers: ours, drive, ms, cpu },
      or: { tiers: orT, drive: orDrive },
    });
    console.log(
      `  ${picked[i]!.id}: due ${d.visits.length}; Tessera ${ours.join('/')} in ${drive.toFixed(0)} min (${ms.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU); OR-Tools ${orT.join('/')} in ${orDrive.toFixed(0)} min`,
    );
  });
  summarise('Ten demo territories, a week each (10 s OR-Tools limit per week)', rows);
}

async function national(path: string): Promise<void> {
  const ctx = createContext(openWorkspace(path));
  const t0 = performance.now();
  const weeks = await planAllWeeks(ctx, { scenario: 'baseline', date: '2025-06-09' });
  const s = (performance.now() - t0) / 1000;
  const made = weeks.reduce((a, w) => a + w.visitsMade.A + w.visitsMade.B + w.visitsMade.C, 0);
  const due = weeks.reduce((a, w) => a + w.visitsDue.A + w.visitsDue.B + w.visitsDue.C, 0);
  const aMade = weeks.reduce((a, w) => a + w.visitsMade.A, 0);
  const aDue = weeks.reduce((a, w) => a + w.visitsDue.A, 0);
  console.log(
    `\n## National demo scenario: every territory's week (K = ${weeks.length}), end to end incl. loading: ${s.toFixed(1)} s (target ≤ 10 s), load ${load()}; visits ${made}/${due}, Tier A ${aMade}/${aDue}`,
  );
}

const args = process.argv.slice(2);
const ws = args[0] ?? join(tmpdir(), 'weeks-bench-demo.tessera');
if (!existsSync(ws)) copyFileSync('/work/demo/demo.tessera', ws);
ensureOrTools();
const only = process.env.WEEKS_BENCH_ONLY ?? 'dumas,rep,rep30,demo,national';
console.log(`weeks bench, load ${load()}`);
if (only.includes('dumas')) dumas();
if (only.includes('rep'))
  repDays(
    42,
    10,
    30,
    'Generated rep days, 10–30 stops, tiers, lunch, windows, non-metric drives (1 s OR-Tools limit)',
  );
if (only.includes('rep30'))
  repDays(20, 30, 30, 'Generated rep days of 30 stops (1 s OR-Tools limit)');
if (only.includes('demo')) await demoWeeks(ws, 10);
if (only.includes('national')) await national(ws);
