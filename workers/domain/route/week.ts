// The week planner: due visits (Tier A first, by frequency) -> days by a sweep around home (or the
// days of the previous plan) -> each day solved for the most valuable set of visits, then the
// shortest drive (sequenceDay.ts) -> a cross-day re-optimisation:
//   place     a visit left out goes to the day where it adds the least drive; failing that it takes
//             the place of one lower-tier visit; a Tier A visit that still fits nowhere is tried on
//             every open day with only that day's Tier A visits, and where they fit together the
//             day is re-solved around them (lower tiers yield their slots and are placed again).
//             Every step raises the week's lexicographic value, so it ends.
//   relocate  a visit moves to another day where it costs less drive than it saves; days that
//             changed are re-sequenced from their current order (never worse).
// Guarantee: a Tier A visit left out does not fit, on any open day, with that day's Tier A visits
// (proven with the exact solver up to 12 of them; above that, no order was found by the search).
//
// Why hand-rolled rather than a MIP (highs) for visits to days: whether a set of visits fits a day
// is a time-windowed routing question (lunch, windows, return leg), not a linear constraint; a MIP
// over estimated minutes would assign by estimates the day solver then has to repair, and could
// not carry the Tier A guarantee, which is stated (and checked) with the day solver itself.
import { assignDays } from './assignDays';
import { dateOf, isoWeekday, WEEKDAY_NAMES, workingDayIndex, workingDays } from './calendar';
import { dueVisits, type DueVisit } from './dueVisits';
import { EXACT_LIMIT, solveExact } from './exact';
import { Route, solveLns } from './lns';
import { aloneBlock, capacityBlock, legsFor, type Block } from './reasons';
import { createRng } from './rng';
import { isAloneKind, solveDay } from './sequenceDay';
import { EPS, evaluate } from './timeline';
import {
  buildDay,
  buildPoints,
  priorityOf,
  windowsOn,
  type DayModel,
  type WeekPlanInput,
  type WeekPoints,
} from './weekModel';
import { weekResult, type PlannedWeek } from './weekOutput';

type Pending = { visit: number; reasons: string[]; windowOnly: boolean };

export type { PlannedWeek } from './weekOutput';

function estimates(input: WeekPlanInput, points: WeekPoints): Float64Array {
  const n = points.accounts.length;
  const out = new Float64Array(n);
  const nn = new Float64Array(n);
  let meanLocal = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < n; j++)
      if (j !== i) best = Math.min(best, points.minutes[i * points.size + j]!);
    nn[i] = Number.isFinite(best) ? best : 0;
    meanLocal += (input.accounts[points.accounts[i]!]!.visitMinutes + nn[i]!) / Math.max(n, 1);
  }
  // Stops a day can hold at the local pace; each stop carries its share of the day's drive out and back.
  const dayMinutes = input.day.dayEnd - input.day.dayStart - input.day.lunchMinutes;
  const stopsPerDay = Math.max(1, dayMinutes / Math.max(meanLocal, 1));
  for (let i = 0; i < n; i++) {
    const home = points.minutes[points.home * points.size + i]!;
    out[i] =
      input.accounts[points.accounts[i]!]!.visitMinutes +
      nn[i]! +
      Math.min((2 * home) / stopsPerDay, 2 * home);
  }
  return out;
}

type WeekState = {
  input: WeekPlanInput;
  visits: DueVisit[];
  pointOf: Map<number, number>;
  models: DayModel[];
  orders: number[][];
  /** node -> visit, per day. */
  visitOf: Map<number, number>[];
  pending: Set<number>;
  exact: boolean[];
  lastStop: boolean;
  /** Days the re-optimisation may move visits between (all, or those that changed since `previous`). */
  movable: boolean[];
  /** Days whose visits changed after they were first solved. */
  touched: Set<number>;
};

const prioOfVisit = (w: WeekState, v: number) =>
  priorityOf(w.input.accounts[w.visits[v]!.account]!.tier);

function nodeOn(w: WeekState, d: number, v: number): number | undefined {
  const node = w.models[d]!.nodeOfPoint.get(w.pointOf.get(w.visits[v]!.account)!);
  if (node === undefined || w.visitOf[d]!.has(node)) return undefined;
  return node;
}

function routeOf(w: WeekState, d: number, order = w.orders[d]!): Route {
  const r = new Route(w.models[d]!.problem);
  r.set([...order]);
  return r;
}

function setDay(w: WeekState, d: number, order: number[], served: Map<number, number>): void {
  w.orders[d] = order;
  w.visitOf[d] = new Map(order.map((node) => [node, served.get(node)!]));
  w.exact[d] = false;
  w.touched.add(d);
}

/** Puts `v` on `d` at `pos` (optionally removing `out`), the removed visit back to pending. */
function applyInsert(
  w: WeekState,
  d: number,
  v: number,
  node: number,
  pos: number,
  out: number,
): number | null {
  const served = new Map(w.visitOf[d]!);
  let order = [...w.orders[d]!];
  let bumped: number | null = null;
  if (out >= 0) {
    bumped = served.get(out)!;
    served.delete(out);
    order = order.filter((x) => x !== out);
    w.pending.add(bumped);
  }
  order.splice(pos, 0, node);
  served.set(node, v);
  setDay(w, d, order, served);
  w.pending.delete(v);
  return bumped;
}

/** Cheapest feasible insertion of visit v over all open days: { d, node, pos, delta } or null. */
function cheapest(w: WeekState, v: number) {
  let best: { d: number; node: number; pos: number; delta: number } | null = null;
  for (let d = 0; d < w.models.length; d++) {
    const node = nodeOn(w, d, v);
    if (node === undefined) continue;
    const ins = routeOf(w, d).bestInsertion(node, !w.lastStop || d === w.models.length - 1);
    if (ins && (!best || ins.delta < best.delta - 1e-9))
      best = { d, node, pos: ins.pos, delta: ins.delta };
  }
  return best;
}

/** v takes the place of one lower-tier visit (lowest tier first, then least added drive). */
function withEjection(w: WeekState, v: number) {
  const prio = prioOfVisit(w, v);
  let best: {
    d: number;
    node: number;
    pos: number;
    out: number;
    outPrio: number;
    delta: number;
  } | null = null;
  for (let d = 0; d < w.models.length; d++) {
    const node = nodeOn(w, d, v);
    if (node === undefined) continue;
    const p = w.models[d]!.problem;
    const order = w.orders[d]!;
    const lastAllowed = !w.lastStop || d === w.models.length - 1;
    for (let k = 0; k < order.length; k++) {
      const u = order[k]!;
      const up = p.priority[u]!;
      if (up <= prio || (!lastAllowed && k === order.length - 1)) continue;
      if (best && up < best.outPrio) continue;
      const r = routeOf(
        w,
        d,
        order.filter((x) => x !== u),
      );
      if (evaluate(p, r.order).late > EPS) continue;
      const ins = r.bestInsertion(node, lastAllowed);
      if (!ins) continue;
      const delta = r.drive + ins.delta - routeOf(w, d).drive;
      if (!best || up > best.outPrio || delta < best.delta - 1e-9)
        best = { d, node, pos: ins.pos, out: u, outPrio: up, delta };
    }
  }
  return best;
}

/** Tier A visits (nodes) kept on day d. */
function tierANodes(w: WeekState, d: number): number[] {
  const p = w.models[d]!.problem;
  return w.orders[d]!.filter((x) => p.priority[x] === 1);
}

/** A feasible order of exactly `nodes` on day d (exact up to EXACT_LIMIT, else the search), or null. */
function fitsTogether(w: WeekState, d: number, nodes: number[]): number[] | null {
  const p = w.models[d]!.problem;
  if (nodes.length <= EXACT_LIMIT) return solveExact(p, nodes)?.order ?? null;
  const r = solveLns(p, nodes, createRng(w.input.seed + 101 * d), { iterations: 300 });
  return r.order.length === nodes.length && evaluate(p, r.order).late <= EPS ? r.order : null;
}

/** The Tier A guarantee step: re-solve a day around its Tier A visits plus v, where they fit. */
function placeTierA(w: WeekState, v: number): boolean {
  if (w.lastStop) return false;
  for (let d = 0; d < w.models.length; d++) {
    const node = nodeOn(w, d, v);
    if (node === undefined) continue;
    const base = fitsTogether(w, d, [...tierANodes(w, d), node]);
    if (!base) continue;
    const p = w.models[d]!.problem;
    const served = new Map(w.visitOf[d]!);
    served.set(node, v);
    const candidates = [...w.orders[d]!, node].sort((a, b) => a - b);
    const sol = solveDay(p, candidates, { seed: w.input.seed + d, initial: base, noReasons: true });
    // The search starts from `base`, so every Tier A visit stays; make sure of it.
    if (!base.every((x) => sol.order.includes(x))) continue;
    for (const x of candidates) if (!sol.order.includes(x)) w.pending.add(served.get(x)!);
    setDay(w, d, sol.order, served);
    w.pending.delete(v);
    return true;
  }
  return false;
}

/** Re-solves day d around `base` (a feasible order of its Tier A visits) plus its other visits. */
function rebuildAround(
  w: WeekState,
  d: number,
  base: number[],
  add: { node: number; visit: number } | null,
  remove: number | null,
): void {
  const p = w.models[d]!.problem;
  const served = new Map(w.visitOf[d]!);
  if (add) served.set(add.node, add.visit);
  if (remove !== null) served.delete(remove);
  const candidates = [...served.keys()].sort((a, b) => a - b);
  const sol = solveDay(p, candidates, { seed: w.input.seed + d, initial: base, noReasons: true });
  for (const x of candidates) if (!sol.order.includes(x)) w.pending.add(served.get(x)!);
  setDay(w, d, sol.order, served);
}

/**
 * One step further than placeTierA: a Tier A visit u on day d moves to another day d2 where it
 * fits with d2's Tier A visits, so that v fits on d with d's remaining Tier A visits.
 */
function chainTierA(w: WeekState, v: number): boolean {
  if (w.lastStop) return false;
  const days = w.models.length;
  for (let d = 0; d < days; d++) {
    const node = nodeOn(w, d, v);
    if (node === undefined) continue;
    const as = tierANodes(w, d);
    for (const u of as) {
      const base = fitsTogether(w, d, [...as.filter((x) => x !== u), node]);
      if (!base) continue;
      const uVisit = w.visitOf[d]!.get(u)!;
      for (let d2 = 0; d2 < days; d2++) {
        if (d2 === d) continue;
        const node2 = nodeOn(w, d2, uVisit);
        if (node2 === undefined) continue;
        const base2 = fitsTogether(w, d2, [...tierANodes(w, d2), node2]);
        if (!base2) continue;
        rebuildAround(w, d, base, { node, visit: v }, u);
        rebuildAround(w, d2, base2, { node: node2, visit: uVisit }, null);
        w.pending.delete(v);
        w.pending.delete(uVisit);
        return true;
      }
    }
  }
  return false;
}

function placePending(w: WeekState): void {
  for (let guard = 0; guard < 20 * (w.visits.length + 1); guard++) {
    let progressed = false;
    const queue = [...w.pending].sort((a, b) => a - b);
    for (const v of queue) {
      if (!w.pending.has(v)) continue;
      const c = cheapest(w, v);
      if (c) {
        applyInsert(w, c.d, v, c.node, c.pos, -1);
        progressed = true;
        continue;
      }
      if (prioOfVisit(w, v) < 3) {
        const e = withEjection(w, v);
        if (e) {
          applyInsert(w, e.d, v, e.node, e.pos, e.out);
          progressed = true;
          break; // the bumped visit is placed in queue order on the next pass
        }
      }
      if (prioOfVisit(w, v) === 1 && (placeTierA(w, v) || chainTierA(w, v))) {
        progressed = true;
        break;
      }
    }
    if (!progressed) break;
  }
}

/** Moves a visit to another day when it adds less drive there than it saves where it is. */
function relocate(w: WeekState): Set<number> {
  const changed = new Set<number>();
  if (w.lastStop) return changed;
  const days = w.models.length;
  for (let round = 0; round < 2; round++) {
    let moved = false;
    for (let d1 = 0; d1 < days; d1++) {
      if (!w.movable[d1]) continue;
      for (const u of [...w.orders[d1]!]) {
        const v = w.visitOf[d1]!.get(u)!;
        const p1 = w.models[d1]!.problem;
        const rest = w.orders[d1]!.filter((x) => x !== u);
        const e1 = evaluate(p1, rest);
        if (e1.late > EPS) continue;
        const saving = evaluate(p1, w.orders[d1]!).drive - e1.drive;
        let best: { d: number; node: number; pos: number; delta: number } | null = null;
        for (let d2 = 0; d2 < days; d2++) {
          if (d2 === d1 || !w.movable[d2]) continue;
          const node = nodeOn(w, d2, v);
          if (node === undefined) continue;
          const ins = routeOf(w, d2).bestInsertion(node);
          if (ins && ins.delta < saving - 0.5 && (!best || ins.delta < best.delta))
            best = { d: d2, node, pos: ins.pos, delta: ins.delta };
        }
        if (!best) continue;
        const served = new Map(w.visitOf[d1]!);
        served.delete(u);
        setDay(w, d1, rest, served);
        applyInsert(w, best.d, v, best.node, best.pos, -1);
        changed.add(d1);
        changed.add(best.d);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return changed;
}

/** Re-sequences day d from its current order (the same visits; never a longer drive). */
function resequence(w: WeekState, d: number): void {
  const p = w.models[d]!.problem;
  const order = w.orders[d]!;
  if (order.length === 0) return;
  const sol = solveDay(
    p,
    [...order].sort((a, b) => a - b),
    { seed: w.input.seed + d, initial: order, noReasons: true },
  );
  if (sol.order.length !== order.length) return;
  const now = evaluate(p, order).drive;
  const then = evaluate(p, sol.order).drive;
  if (then < now - 1e-9) {
    w.orders[d] = sol.order;
    w.exact[d] = sol.exact;
  } else if (sol.exact && then <= now + 1e-9) w.exact[d] = true; // the current order is proven as short
}

/** Why a visit left out fits no day: per open day, the constraint that blocks it. */
function explainPending(
  w: WeekState,
  v: number,
  dates: number[],
  weekdays: number[],
): { reasons: string[]; windowOnly: boolean; alone: { day: number; reason: string }[] } {
  const label = (d: number) => (node: number) =>
    w.input.accounts[w.visits[w.visitOf[d]!.get(node)!]!.account]!.name;
  const blocks: { d: number; block: Block }[] = [];
  // The reason shown names at most two days; the exact "does not fit beside" proof is done for those.
  let capacityShown = 0;
  let hiddenFull = 0;
  for (let d = 0; d < w.models.length; d++) {
    const node = w.models[d]!.nodeOfPoint.get(w.pointOf.get(w.visits[v]!.account)!);
    if (node === undefined) continue;
    const p = w.models[d]!.problem;
    if (w.visitOf[d]!.has(node)) {
      blocks.push({
        d,
        block: {
          kind: 'capacity',
          reason: 'already visited that day (a second call on the same day is not planned)',
        },
      });
      continue;
    }
    const legs = legsFor(p, [...w.orders[d]!, node]);
    const block = aloneBlock(p, node, legs);
    if (block) blocks.push({ d, block });
    else if (capacityShown++ < 2)
      blocks.push({ d, block: capacityBlock(p, node, w.orders[d]!, label(d)) });
    else hiddenFull++;
  }
  if (blocks.length === 0)
    return {
      reasons: ['closed on every day of the plan (no time window on these weekdays)'],
      windowOnly: true,
      alone: [],
    };
  const alone = blocks.filter((b) => isAloneKind(b.block.kind));
  if (
    hiddenFull === 0 &&
    alone.length === blocks.length &&
    new Set(alone.map((b) => b.block.reason)).size === 1
  ) {
    return {
      reasons: [`${blocks.length > 1 ? 'on every open day: ' : ''}${alone[0]!.block.reason}`],
      windowOnly: true,
      alone: alone.map((b) => ({ day: b.d, reason: b.block.reason })),
    };
  }
  const day = (d: number) => `${WEEKDAY_NAMES[weekdays[d]!]} ${dateOf(dates[d]!)}`;
  return {
    reasons: [
      ...blocks.map((b) => `${day(b.d)}: ${b.block.reason}`),
      ...(hiddenFull > 0
        ? [`${hiddenFull} more day${hiddenFull > 1 ? 's are' : ' is'} full as well`]
        : []),
    ],
    windowOnly: hiddenFull === 0 && alone.length === blocks.length,
    alone: alone.map((b) => ({ day: b.d, reason: b.block.reason })),
  };
}

export function planWeekPure(input: WeekPlanInput): PlannedWeek {
  return planWeekDetailed(input).week;
}

/** The plan and the planner's internal state (day problems, orders), for tests and benchmarks. */
export type WeekDetail = {
  week: PlannedWeek;
  models: DayModel[];
  orders: number[][];
  visitOf: Map<number, number>[];
  visits: DueVisit[];
  pointOf: Map<number, number>;
  /** Visits left out. */
  pending: number[];
};

export function planWeekDetailed(input: WeekPlanInput): WeekDetail {
  const dates = workingDays(input.firstDay, input.days);
  const days = dates.length;
  const weekdays = dates.map(isoWeekday);
  const visits: DueVisit[] = dueVisits({
    accounts: input.accounts.map((a) => ({
      id: a.id,
      priority: priorityOf(a.tier),
      callsPerYear: a.callsPerYear,
    })),
    daysPerYear: input.daysPerYear,
    firstWorkingDay: workingDayIndex(dates[0]!),
    days,
  });
  const accountList = [...new Set(visits.map((v) => v.account))].sort((a, b) => a - b);
  const pointOf = new Map(accountList.map((a, i) => [a, i]));
  const points = buildPoints(input, accountList);
  const openDays = accountList.map((a) =>
    weekdays.reduce(
      (mask, wd, d) => (windowsOn(input.accounts[a]!, wd) !== undefined ? mask | (1 << d) : mask),
      0,
    ),
  );
  const est = estimates(input, points);
  const lunch = input.day.lunchMinutes;
  const assignment = assignDays({
    visits: visits.map((v) => ({ ...v, account: pointOf.get(v.account)! })),
    lat: points.lat,
    lon: points.lon,
    home: input.home,
    estimate: est,
    openDays,
    days,
    dayMinutes: input.day.dayEnd - input.day.dayStart - lunch,
  });
  // A re-plan keeps each visit on its day of the previous plan (same account, same copy) where
  // that day is still open; only the rest goes by the sweep.
  const prevDays = input.previous && input.previous.length === days ? input.previous : null;
  const byDay: number[][] = assignment.byDay.map(() => []);
  const prevOrder: string[][] = prevDays ?? [];
  if (prevDays) {
    const daysOf = new Map<string, number[]>();
    prevDays.forEach((ids, d) =>
      ids.forEach((id) => daysOf.set(id, [...(daysOf.get(id) ?? []), d])),
    );
    const fromSweep = new Map<number, number>();
    assignment.byDay.forEach((vs, d) => vs.forEach((v) => fromSweep.set(v, d)));
    visits.forEach((v, i) => {
      const prev = daysOf.get(input.accounts[v.account]!.id)?.[v.copy];
      const open = openDays[pointOf.get(v.account)!]!;
      if (prev !== undefined && open & (1 << prev)) byDay[prev]!.push(i);
      else if (fromSweep.has(i)) byDay[fromSweep.get(i)!]!.push(i);
    });
  } else assignment.byDay.forEach((vs, d) => byDay[d]!.push(...vs));
  const assigned = new Set(byDay.flat());

  const lastStop = input.dayEnds === 'last-stop';
  const orders: number[][] = Array.from({ length: days }, () => []);
  const visitOf: Map<number, number>[] = Array.from({ length: days }, () => new Map());
  const models: DayModel[] = [];
  const pending = new Set<number>();
  const exact: boolean[] = [];
  const unchanged: boolean[] = [];
  visits.forEach((_, i) => {
    if (!assigned.has(i)) pending.add(i);
  });

  const matrices = new Map<string, { minutes: Float64Array; miles: Float64Array }>();
  let prevEnd = points.start;
  for (let d = 0; d < days; d++) {
    const final = d === days - 1;
    const startPoint = d === 0 ? points.start : lastStop ? prevEnd : points.home;
    const endPoint = final ? points.end : lastStop ? -1 : points.home;
    const model = buildDay({
      input,
      points,
      weekday: weekdays[d]!,
      startPoint,
      endPoint,
      openEnd: lastStop && !final,
      cache: matrices,
    });
    models.push(model);
    const wanted = new Map<number, number>();
    for (const v of byDay[d]!)
      wanted.set(model.nodeOfPoint.get(pointOf.get(visits[v]!.account)!)!, v);
    if (lastStop) {
      // Traveling rep: what did not fit yesterday is offered first to today's route.
      for (const v of [...pending].sort((a, b) => a - b)) {
        const node = model.nodeOfPoint.get(pointOf.get(visits[v]!.account)!);
        if (node !== undefined && !wanted.has(node)) wanted.set(node, v);
      }
    }
    // A day whose visits are exactly the previous plan's keeps its order when it is still feasible.
    const prevIds = prevOrder[d];
    const nodeOfId = new Map(
      [...wanted].map(([node, v]) => [input.accounts[visits[v]!.account]!.id, node]),
    );
    const kept =
      prevIds && prevIds.length === wanted.size && prevIds.every((id) => nodeOfId.has(id))
        ? prevIds.map((id) => nodeOfId.get(id)!)
        : null;
    let order: number[];
    if (kept && evaluate(model.problem, kept).late <= EPS) {
      order = kept;
      exact[d] = input.previousExact?.[d] ?? false;
      unchanged[d] = true;
    } else {
      const sol = solveDay(
        model.problem,
        [...wanted.keys()].sort((a, b) => a - b),
        {
          seed: input.seed + d,
          ...(input.kicks !== undefined ? { kicks: input.kicks } : {}),
          noReasons: true,
        },
      );
      order = sol.order;
      exact[d] = sol.exact;
      unchanged[d] = false;
    }
    orders[d] = order;
    for (const node of order) {
      visitOf[d]!.set(node, wanted.get(node)!);
      pending.delete(wanted.get(node)!);
    }
    for (const [node, v] of wanted) if (!visitOf[d]!.has(node)) pending.add(v);
    if (lastStop && !final) {
      const last = order[order.length - 1];
      prevEnd = last !== undefined ? model.pointOfNode[last]! : prevEnd;
      model.endPoint = prevEnd;
    }
  }

  const w: WeekState = {
    input,
    visits,
    pointOf,
    models,
    orders,
    visitOf,
    pending,
    exact,
    lastStop,
    movable: unchanged.map((u) => !(prevDays && u)),
    touched: new Set(),
  };
  placePending(w);
  relocate(w);
  if (!lastStop) for (const d of [...w.touched].sort((a, b) => a - b)) resequence(w, d);
  placePending(w);

  const infeasible: { day: number; visit: number; reason: string }[] = [];
  const pendingOut: Pending[] = [];
  for (const v of [...w.pending].sort((a, b) => a - b)) {
    const r = explainPending(w, v, dates, weekdays);
    pendingOut.push({ visit: v, reasons: r.reasons, windowOnly: r.windowOnly });
    for (const a of r.alone)
      if (byDay[a.day]!.includes(v)) infeasible.push({ day: a.day, visit: v, reason: a.reason });
  }
  const week = weekResult({
    input,
    dates,
    weekdays,
    visits,
    points,
    models,
    orders: w.orders,
    visitOf: w.visitOf,
    infeasible,
    pending: pendingOut,
    exact: w.exact,
  });
  return {
    week,
    models,
    orders: w.orders,
    visitOf: w.visitOf,
    visits,
    pointOf,
    pending: pendingOut.map((p) => p.visit),
  };
}
