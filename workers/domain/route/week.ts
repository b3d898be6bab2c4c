// The week planner: due visits (Tier A first, by frequency) -> days by a sweep around home ->
// each day sequenced (exact or heuristic) -> visits that did not fit are re-inserted wherever a
// day still has room -> whatever is left is reported with its reason.
import { assignDays } from './assignDays';
import { dateOf, isoWeekday, WEEKDAY_NAMES, workingDayIndex, workingDays } from './calendar';
import { dueVisits, type DueVisit } from './dueVisits';
import { improve } from './localSearch';
import { solveDay } from './sequenceDay';
import { EPS, evaluate } from './timeline';
import { buildDay, buildPoints, priorityOf, windowsOn, type DayModel, type WeekPlanInput, type WeekPoints } from './weekModel';
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
    for (let j = 0; j < n; j++) if (j !== i) best = Math.min(best, points.minutes[i * points.size + j]!);
    nn[i] = Number.isFinite(best) ? best : 0;
    meanLocal += (input.accounts[points.accounts[i]!]!.visitMinutes + nn[i]!) / Math.max(n, 1);
  }
  // Stops a day can hold at the local pace; each stop carries its share of the day's drive out and back.
  const dayMinutes = input.day.dayEnd - input.day.dayStart - input.day.lunchMinutes;
  const stopsPerDay = Math.max(1, dayMinutes / Math.max(meanLocal, 1));
  for (let i = 0; i < n; i++) {
    const home = points.minutes[points.home * points.size + i]!;
    out[i] = input.accounts[points.accounts[i]!]!.visitMinutes + nn[i]! + Math.min((2 * home) / stopsPerDay, 2 * home);
  }
  return out;
}

/**
 * Working minutes a day can still absorb: day length − (drive + visits) − lunch. Any insertion
 * adds its detour + visit length to the activity and lunch never shrinks, so an insertion whose
 * added activity exceeds this slack cannot be feasible — a cheap test that skips most evaluations
 * in an over-full week.
 */
function daySlack(m: DayModel, order: number[], finish: number): number {
  const p = m.problem;
  const end = p.n + 1;
  let activity = 0;
  let prev = 0;
  for (const node of order) {
    activity += p.minutes[prev * p.size + node]! + p.service[node]!;
    prev = node;
  }
  activity += p.minutes[prev * p.size + end]!;
  const lunch = Math.max(0, Math.min(finish, p.lunchEnd) - Math.max(p.dayStart, p.lunchStart));
  return p.dayEnd - p.dayStart - activity - lunch;
}

/** Cheapest feasible position of `node` in a day's order, or null. */
function bestInsertion(m: DayModel, order: number[], node: number, lastAllowed: boolean) {
  const p = m.problem;
  const base = evaluate(p, order);
  const slack = daySlack(m, order, base.finish);
  const service = p.service[node]!;
  if (service > slack + EPS) return null;
  let best: { pos: number; delta: number } | null = null;
  const maxPos = lastAllowed ? order.length : order.length - 1;
  for (let pos = 0; pos <= maxPos; pos++) {
    const a = pos === 0 ? 0 : order[pos - 1]!;
    const b = pos === order.length ? p.n + 1 : order[pos]!;
    const detour = p.minutes[a * p.size + node]! + p.minutes[node * p.size + b]! - p.minutes[a * p.size + b]!;
    if (detour + service > slack + EPS) continue;
    if (best && detour >= best.delta) continue;
    const trial = [...order.slice(0, pos), node, ...order.slice(pos)];
    const e = evaluate(p, trial);
    if (e.late > EPS) continue;
    if (!best || e.drive - base.drive < best.delta) best = { pos, delta: e.drive - base.drive };
  }
  return best;
}

type PlaceArgs = {
  input: WeekPlanInput;
  visits: DueVisit[];
  pointOf: Map<number, number>;
  models: DayModel[];
  orders: number[][];
  visitOf: Map<number, number>[];
  pending: Map<number, Pending>;
  exact: boolean[];
  lastStop: boolean;
};

type Placement = { d: number; pos: number; delta: number; bump: number; bumpPriority: number };

/** Where a pending visit goes: a free slot, or else in place of a lower-tier visit (Tier A first). */
function findPlacement(a: PlaceArgs, visit: number): Placement | null {
  const pt = a.pointOf.get(a.visits[visit]!.account)!;
  const prio = priorityOf(a.input.accounts[a.visits[visit]!.account]!.tier);
  const days = a.models.length;
  let best: Placement | null = null;
  for (const bumping of [false, true]) {
    for (let d = 0; d < days; d++) {
      const m = a.models[d]!;
      const node = m.nodeOfPoint.get(pt);
      if (node === undefined || a.visitOf[d]!.has(node)) continue;
      const lastAllowed = !a.lastStop || d === days - 1;
      const order = a.orders[d]!;
      const candidates = bumping ? order.map((_, k) => k).filter((k) => m.problem.priority[order[k]!]! > prio && (lastAllowed || k < order.length - 1)) : [-1];
      for (const k of candidates) {
        const rest = k < 0 ? order : order.filter((_, i) => i !== k);
        const ins = bestInsertion(m, rest, node, lastAllowed);
        if (!ins) continue;
        const bumpPriority = k < 0 ? 0 : -m.problem.priority[order[k]!]!;
        if (!best || bumpPriority < best.bumpPriority || (bumpPriority === best.bumpPriority && ins.delta < best.delta)) {
          best = { d, pos: ins.pos, delta: ins.delta, bump: k < 0 ? -1 : order[k]!, bumpPriority };
        }
      }
    }
    if (best || prio >= 3) break;
  }
  return best;
}

/** Second chance for visits that did not fit their day: most important first, bumping lower tiers. */
function placePending(a: PlaceArgs): void {
  const queue = [...a.pending.keys()].sort((x, y) => x - y);
  while (queue.length > 0) {
    const visit = queue.shift()!;
    const best = findPlacement(a, visit);
    if (!best) continue;
    const m = a.models[best.d]!;
    const node = m.nodeOfPoint.get(a.pointOf.get(a.visits[visit]!.account)!)!;
    let order = a.orders[best.d]!;
    if (best.bump >= 0) {
      const bumped = a.visitOf[best.d]!.get(best.bump)!;
      order = order.filter((x) => x !== best.bump);
      a.visitOf[best.d]!.delete(best.bump);
      const p = a.pending.get(bumped) ?? { visit: bumped, reasons: [], windowOnly: false };
      p.reasons.push(`no time left in the week: gave its slot to a higher-tier visit`);
      p.windowOnly = false;
      a.pending.set(bumped, p);
      const at = queue.findIndex((q) => q > bumped);
      queue.splice(at < 0 ? queue.length : at, 0, bumped);
    }
    order.splice(best.pos, 0, node);
    a.visitOf[best.d]!.set(node, visit);
    a.pending.delete(visit);
    a.exact[best.d] = false;
    if (!a.lastStop) {
      const o = Int32Array.from(order);
      improve(m.problem, o);
      if (evaluate(m.problem, o).late <= EPS) order = Array.from(o);
    }
    a.orders[best.d] = order;
  }
}

/**
 * A visit left out as "the week is full" may in fact not fit any day even on its own (a day trip
 * there and back plus the visit is longer than the working day): say so, and what to do, instead.
 */
function explainTooFar(a: Pick<PlaceArgs, 'visits' | 'pointOf' | 'models' | 'pending' | 'lastStop'>): void {
  const advice = a.lastStop
    ? "start the week nearer to it (--start) or reassign the account's unit to a closer territory"
    : "plan with --day-ends last-stop (stay near the last visit), start the week nearer to it (--start), or reassign the account's unit to a closer territory";
  for (const p of a.pending.values()) {
    if (p.windowOnly) continue;
    const pt = a.pointOf.get(a.visits[p.visit]!.account)!;
    let open = 0;
    let fitsAlone = false;
    for (const m of a.models) {
      const node = m.nodeOfPoint.get(pt);
      if (node === undefined) continue;
      open++;
      if (bestInsertion(m, [], node, true)) {
        fitsAlone = true;
        break;
      }
    }
    if (open > 0 && !fitsAlone) {
      p.reasons = [
        `too far for a day trip: driving there and back plus the visit takes longer than the working day on every open day; ${advice}`,
      ];
    }
  }
}

export function planWeekPure(input: WeekPlanInput): PlannedWeek {
  const dates = workingDays(input.firstDay, input.days);
  const days = dates.length;
  const weekdays = dates.map(isoWeekday);
  const visits: DueVisit[] = dueVisits({
    accounts: input.accounts.map((a) => ({ id: a.id, priority: priorityOf(a.tier), callsPerYear: a.callsPerYear })),
    daysPerYear: input.daysPerYear,
    firstWorkingDay: workingDayIndex(dates[0]!),
    days,
  });
  const accountList = [...new Set(visits.map((v) => v.account))].sort((a, b) => a - b);
  const pointOf = new Map(accountList.map((a, i) => [a, i]));
  const points = buildPoints(input, accountList);
  const openDays = accountList.map((a) => weekdays.reduce((mask, wd, d) => (windowsOn(input.accounts[a]!, wd) !== undefined ? mask | (1 << d) : mask), 0));
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

  const lastStop = input.dayEnds === 'last-stop';
  const orders: number[][] = Array.from({ length: days }, () => []);
  const visitOf: Map<number, number>[] = Array.from({ length: days }, () => new Map());
  const models: DayModel[] = [];
  const infeasible: { day: number; visit: number; reason: string }[] = [];
  const pending = new Map<number, Pending>();
  const exact: boolean[] = [];
  const note = (visit: number, reason: string, windowKind: boolean) => {
    const p = pending.get(visit) ?? { visit, reasons: [], windowOnly: true };
    p.reasons.push(reason);
    p.windowOnly &&= windowKind;
    pending.set(visit, p);
  };
  for (const v of assignment.overflow) {
    const mask = openDays[pointOf.get(visits[v]!.account)!]!;
    note(v, mask === 0 ? 'closed on every day of the plan (no time window on these weekdays)' : `no time left in the week: ${days} days are full with higher-priority visits`, mask === 0);
  }

  const matrices = new Map<string, { minutes: Float64Array; miles: Float64Array }>();
  let prevEnd = points.start;
  for (let d = 0; d < days; d++) {
    const final = d === days - 1;
    const startPoint = d === 0 ? points.start : lastStop ? prevEnd : points.home;
    const endPoint = final ? points.end : lastStop ? -1 : points.home;
    const model = buildDay({ input, points, weekday: weekdays[d]!, startPoint, endPoint, openEnd: lastStop && !final, cache: matrices });
    models.push(model);
    const wanted = new Map<number, number>();
    for (const v of assignment.byDay[d]!) wanted.set(model.nodeOfPoint.get(pointOf.get(visits[v]!.account)!)!, v);
    if (lastStop) {
      // Traveling rep: what did not fit yesterday is offered first to today's route.
      for (const p of [...pending.values()].sort((a, b) => a.visit - b.visit)) {
        const node = model.nodeOfPoint.get(pointOf.get(visits[p.visit]!.account)!);
        if (node !== undefined && !wanted.has(node)) wanted.set(node, p.visit);
      }
    }
    const sol = solveDay(model.problem, [...wanted.keys()], { seed: input.seed + d, kicks: input.kicks });
    orders[d] = sol.order;
    exact[d] = sol.exact;
    for (const node of sol.order) {
      visitOf[d]!.set(node, wanted.get(node)!);
      pending.delete(wanted.get(node)!);
    }
    for (const drop of sol.dropped) {
      const v = wanted.get(drop.node)!;
      if (drop.kind === 'window') infeasible.push({ day: d, visit: v, reason: drop.reason });
      note(v, `${WEEKDAY_NAMES[weekdays[d]!]} ${dateOf(dates[d]!)}: ${drop.reason}`, drop.kind === 'window');
    }
    if (lastStop && !final) {
      const last = sol.order[sol.order.length - 1];
      prevEnd = last !== undefined ? model.pointOfNode[last]! : prevEnd;
      model.endPoint = prevEnd;
    }
  }

  placePending({ visits, pointOf, models, orders, visitOf, pending, exact, lastStop, input });
  explainTooFar({ visits, pointOf, models, pending, lastStop });
  return weekResult({ input, dates, weekdays, visits, points, models, orders, visitOf, infeasible, pending: [...pending.values()], exact });
}

