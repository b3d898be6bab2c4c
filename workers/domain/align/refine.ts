// Refinement shared by from-scratch solves and what-if operations: contiguity repair, refilling
// empty territories, boundary local search with centre updates, pair re-splits of stubborn
// territories, and the final report of what could not be balanced.

import { territoryPieces, repairContiguity } from './contiguity';
import {
  breaksCeiling,
  localSearch,
  penalty,
  tightenCeiling,
  type DisruptionBudget,
} from './localSearch';
import { farApart, nearestUnit, splitUnits } from './split';
import { BAND_HIGH, BAND_LOW, TIGHT, adjustTargetsForGiants, fmt } from './targets';
import {
  membersOf,
  progress,
  recomputeLoads,
  shouldStop,
  updateCentres,
  type SolverState,
} from './state';

export type RefineOptions = {
  rounds: number;
  passes: number;
  active?: Uint8Array;
  units?: Int32Array;
  disruption?: DisruptionBudget;
  pairSplits?: boolean;
  /** Weight of travel against balance in the local search (default 3, see localSearch). */
  travelWeight?: number;
  /** Balance penalty (default the convex `penalty`); rebalance uses `bandPenalty`. */
  penaltyOf?: (load: number, target: number) => number;
  /** See SearchOptions.ceiling; applies to pair re-splits too. */
  ceiling?: Float64Array;
};

export function refine(s: SolverState, opts: RefineOptions): void {
  if (!opts.disruption) {
    repairContiguity(s, opts.active);
    fillEmptyTerritories(s);
  }
  for (let round = 0; round < opts.rounds; round++) {
    if (shouldStop(s)) break;
    progress(s, 'refine', round, opts.rounds);
    if (!opts.disruption) updateCentres(s, opts.active);
    if (!opts.active) adjustTargetsForGiants(s);
    const { penaltyOf, ceiling } = opts;
    const moved = localSearch(s, {
      passes: opts.passes,
      active: opts.active,
      units: opts.units,
      disruption: opts.disruption,
      penaltyOf,
      ceiling,
      travelWeight: opts.travelWeight,
    });
    const resplit =
      opts.pairSplits !== false
        ? pairResplits(s, {
            active: opts.active,
            dis: opts.disruption,
            penaltyOf: penaltyOf ?? penalty,
            ceiling,
          })
        : 0;
    if (moved === 0 && resplit === 0 && round > 0) break;
  }
  recomputeLoads(s);
}

/** A territory left without units takes half of the territory furthest above its target. */
export function fillEmptyTerritories(s: SolverState): void {
  const members = membersOf(s);
  for (let t = 0; t < s.k; t++) {
    if (members[t]!.length > 0) continue;
    let big = -1;
    for (let b = 0; b < s.k; b++) {
      if (members[b]!.length < 2) continue;
      if (big < 0 || s.load[b]! / s.target[b]! > s.load[big]! / s.target[big]!) big = b;
    }
    if (big < 0) continue;
    const units = members[big]!;
    splitUnits(s, {
      units,
      sides: [big, t],
      seeds: farApart(s, units),
      targets: [s.target[big]!, s.target[t]!],
    });
    const next = membersOf(s);
    members[big] = next[big]!;
    members[t] = next[t]!;
    recomputeLoads(s);
  }
}

/**
 * Territories still outside ±5 % are merged with the adjacent territory whose deviation is most
 * opposite and re-split by region growing; the re-split is kept only if it lowers the pair's
 * worst deviation.
 */
function pairResplits(
  s: SolverState,
  o: {
    active: Uint8Array | undefined;
    dis: DisruptionBudget | undefined;
    penaltyOf: (load: number, target: number) => number;
    ceiling: Float64Array | undefined;
  },
): number {
  const { active, dis } = o;
  recomputeLoads(s);
  const members = membersOf(s, active);
  const touched = new Uint8Array(s.k);
  let done = 0;
  const devs = Array.from({ length: s.k }, (_, t) => t).filter(
    (t) => (!active || active[t]) && Math.abs(dev(s, t)) > TIGHT,
  );
  devs.sort((a, b) => Math.abs(dev(s, b)) - Math.abs(dev(s, a)) || a - b);
  for (const a of devs) {
    if (touched[a] || shouldStop(s)) continue;
    const b = bestResplit(s, {
      members,
      a,
      active,
      touched,
      dis,
      penaltyOf: o.penaltyOf,
      ceiling: o.ceiling,
    });
    if (b < 0) continue;
    touched[a] = 1;
    touched[b] = 1;
    const units = members[a]!.concat(members[b]!);
    members[a] = units.filter((u) => s.assign[u] === a);
    members[b] = units.filter((u) => s.assign[u] === b);
    done++;
  }
  return done;
}

/**
 * Tries re-splitting `a` with each adjacent territory (region growing, then boundary moves
 * inside the pair) and keeps the best result if it lowers the pair's balance penalty; returns
 * the partner, or -1 when no re-split helps.
 */
type ResplitInput = {
  members: number[][];
  a: number;
  active: Uint8Array | undefined;
  touched: Uint8Array;
  dis: DisruptionBudget | undefined;
  penaltyOf: (load: number, target: number) => number;
  ceiling: Float64Array | undefined;
};

function bestResplit(s: SolverState, o: ResplitInput): number {
  const { members, a, dis, penaltyOf: penalty } = o;
  let bestB = -1;
  let bestScore = Infinity;
  let bestAssign: Int32Array | null = null;
  let bestUsed = dis?.used ?? 0;
  const unitsA = members[a]!;
  for (const b of adjacentTerritories(s, unitsA, a, o.active, o.touched)) {
    const units = unitsA.concat(members[b]!);
    const before = Int32Array.from(units, (u) => s.assign[u]!);
    const usedBefore = dis?.used ?? 0;
    const scoreBefore = penalty(s.load[a]!, s.target[a]!) + penalty(s.load[b]!, s.target[b]!);
    const loadsBefore = [s.load[a]!, s.load[b]!];
    const pair = pairMask(s.k, a, b);
    splitUnits(s, {
      units,
      sides: [a, b],
      seeds: centreSeeds(s, units, a, b),
      targets: [s.target[a]!, s.target[b]!],
    });
    if (dis) dis.used = usedBefore + disruptionChange(dis, units, before, s.assign);
    const feasible = !dis || dis.used <= dis.budget + 1e-9;
    if (feasible)
      localSearch(s, {
        passes: 20,
        active: pair,
        units: Int32Array.from(units),
        disruption: dis,
        penaltyOf: penalty,
        ceiling: o.ceiling,
      });
    const stay = dis
      ? (dis.stayWeight * (dis.used - usedBefore)) / (dis.totalOpportunity || 1) / 100
      : 0;
    const score = penalty(s.load[a]!, s.target[a]!) + penalty(s.load[b]!, s.target[b]!) + stay;
    const ceil = o.ceiling;
    const worse =
      ceil !== undefined &&
      [a, b].some((t, i) => breaksCeiling(loadsBefore[i]!, s.load[t]!, s.target[t]!, ceil[t]!));
    const ok =
      feasible &&
      !worse &&
      score < scoreBefore - 1e-9 &&
      score < bestScore &&
      !territoryPieces(s, pair).some((l) => l.length > 1);
    if (ok) {
      bestScore = score;
      bestB = b;
      bestAssign = Int32Array.from(units, (u) => s.assign[u]!);
      bestUsed = dis?.used ?? 0;
    }
    units.forEach((u, i) => (s.assign[u] = before[i]!));
    if (dis) dis.used = usedBefore;
    recomputeLoads(s);
  }
  if (bestB < 0 || !bestAssign) return -1;
  const win = bestAssign;
  unitsA.concat(members[bestB]!).forEach((u, i) => (s.assign[u] = win[i]!));
  if (dis) dis.used = bestUsed;
  recomputeLoads(s);
  if (o.ceiling) for (const t of [a, bestB]) tightenCeiling(o.ceiling, t, s.load[t]!, s.target[t]!);
  return bestB;
}

/** Change in disrupted opportunity when `units` go from `before` to their current territory. */
function disruptionChange(
  dis: DisruptionBudget,
  units: number[],
  before: Int32Array,
  assign: Int32Array,
): number {
  let delta = 0;
  units.forEach((u, i) => {
    const init = dis.initial[u]!;
    if (init < 0) return;
    const was = before[i] !== init;
    const now = assign[u] !== init;
    if (was !== now) delta += now ? dis.opportunity[u]! : -dis.opportunity[u]!;
  });
  return delta;
}

/** Region-growing seeds: each territory's unit nearest its centre (far-apart units as fallback). */
export function centreSeeds(
  s: SolverState,
  units: number[],
  a: number,
  b: number,
): [number, number] {
  const ua = units.filter((u) => s.assign[u] === a && !s.p.floating[u]);
  const ub = units.filter((u) => s.assign[u] === b && !s.p.floating[u]);
  if (ua.length === 0 || ub.length === 0) return farApart(s, units);
  const sa = nearestUnit(s.p, ua, s.cLat[a]!, s.cLon[a]!);
  const sb = nearestUnit(s.p, ub, s.cLat[b]!, s.cLon[b]!);
  return sa === sb ? farApart(s, units) : [sa, sb];
}

function pairMask(k: number, a: number, b: number): Uint8Array {
  const m = new Uint8Array(k);
  m[a] = 1;
  m[b] = 1;
  return m;
}

function adjacentTerritories(
  s: SolverState,
  units: number[],
  a: number,
  active: Uint8Array | undefined,
  touched: Uint8Array,
): number[] {
  const seen = new Set<number>();
  for (const u of units) {
    for (let e = s.g.start[u]!; e < s.g.start[u + 1]!; e++) {
      const t = s.assign[s.g.list[e]!]!;
      if (t !== a && t >= 0 && (!active || active[t]) && !touched[t]) seen.add(t);
    }
  }
  return [...seen].sort((p, q) => p - q);
}

/** Territories' worth of index held by units bigger than the mean (which sit alone). */
function giantShare(s: SolverState, mean: number): { count: number; share: number } {
  let count = 0;
  let share = 0;
  for (let u = 0; u < s.n; u++) {
    if (s.p.value[u]! > mean) {
      count++;
      share += s.p.value[u]! / mean;
    }
  }
  return { count, share };
}

/**
 * Share of territories within ±5 % of their target, or of the mean as the report counts it
 * (`ofMean`: a target a little off the mean, when giants take their own, shifts the report's band).
 */
export function shareWithinTight(s: SolverState, ofMean = false): number {
  recomputeLoads(s);
  let total = 0;
  for (let t = 0; t < s.k; t++) total += s.load[t]!;
  const mean = total / (s.k || 1);
  let n = 0;
  for (let t = 0; t < s.k; t++) {
    const d = ofMean ? (s.load[t]! - mean) / mean : dev(s, t);
    if (Math.abs(d) <= TIGHT) n++;
  }
  return s.k > 0 ? n / s.k : 1;
}

export function dev(s: SolverState, t: number): number {
  return (s.load[t]! - s.target[t]!) / s.target[t]!;
}

/** Adds "unbalanced" and "disconnected-lock" notes for what the solver could not fix. */
export function reportLeftovers(s: SolverState): void {
  recomputeLoads(s);
  let total = 0;
  for (let t = 0; t < s.k; t++) total += s.load[t]!;
  const mean = total / s.k;
  const explained = new Set(
    s.infeasibilities.map((i) => i.territory).filter((t) => t !== undefined),
  );
  const heldByUnit = new Set<number>();
  for (const inf of s.infeasibilities)
    if (inf.unit !== undefined && inf.kind === 'indivisible-unit')
      heldByUnit.add(s.assign[inf.unit]!);
  const giants = giantShare(s, mean);
  for (let t = 0; t < s.k; t++) {
    const r = s.load[t]! / mean;
    if (r >= BAND_LOW && r <= BAND_HIGH) continue;
    if (explained.has(t) || heldByUnit.has(t)) continue;
    const limit = r > BAND_HIGH ? BAND_HIGH * mean : BAND_LOW * mean;
    const fair = s.target[t]! / mean;
    const shortfall = r < BAND_LOW && fair < BAND_LOW + 0.1 && giants.count > 0;
    s.infeasibilities.push({
      kind: shortfall ? 'indivisible-shortfall' : 'unbalanced',
      territory: t,
      excess: s.load[t]! - limit,
      message: shortfall
        ? `Territory ${t + 1} ends at ${r.toFixed(2)}× the mean index: ${giants.count} indivisible units hold ${giants.share.toFixed(2)} territories' worth of index, so each remaining territory's fair share is only ${fair.toFixed(2)}× the mean. Use a finer unit (ZIP) or fewer territories.`
        : `Territory ${t + 1} ends at ${r.toFixed(2)}× the mean index, outside ${BAND_LOW}–${BAND_HIGH} by ${fmt(Math.abs(s.load[t]! - limit))}; its neighbours could not absorb the difference without breaking contiguity or locks.`,
    });
  }
  const pieces = territoryPieces(s);
  pieces.forEach((list, t) => {
    if (list.filter((pc) => pc.locked > 0).length > 1) {
      s.infeasibilities.push({
        kind: 'disconnected-lock',
        territory: t,
        message: `Territory ${t + 1} has locked units in ${list.length} separate places, so it cannot be contiguous; unlock the outlying units or move them to a neighbouring territory.`,
      });
    }
  });
}
