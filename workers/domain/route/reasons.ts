// Why a visit is not on a day: the constraint that actually blocks it, and what to do about it.
// Each reason is derived by relaxing one constraint at a time and checking again, so the named
// constraint is one whose removal makes the visit fit (tests re-check every kind that way):
//   day-length    the drive out and back plus the visit is longer than the working day
//   window-short  no window of the day is as long as the visit
//   lunch         it fits with no lunch break, not with it
//   window-reach  its window closes before it can be reached from the day's start
//   window-return after the visit in its window the drive back ends after the day's end
//   window-lunch  only the window and lunch removed together would let it fit
//   capacity      it fits alone, but not with the visits kept on the day: either proven not to
//                 fit in any order beside the day's higher-tier visits (named), or there is no
//                 room at any point of the day's route (every position checked)
// "Alone" uses the shortest way out and back through any of the day's stops (no triangle
// inequality assumed), so an alone reason holds for every order of the day.
import { hhmm, type DayProblem } from './dayProblem';
import { solveExact } from './exact';
import { shortestLegs } from './objective';
import { driveArrive, EPS, lastLate, serviceStart } from './timeline';

export type BlockKind =
  | 'day-length'
  | 'window-short'
  | 'lunch'
  | 'window-reach'
  | 'window-return'
  | 'window-lunch'
  | 'capacity';

export type Block = {
  kind: BlockKind;
  /** What blocks it, in words, then what to do. */
  reason: string;
  /** capacity: the kept visits it does not fit beside (nodes), higher tiers first. */
  blockers?: number[];
  /** capacity: true when no order of blockers + the visit fits was proven (exact solver). */
  proven?: boolean;
};

export type Relax = { noWindow?: boolean; noLunch?: boolean; dayEnd?: number; dayStart?: number };

/** The problem with one stop's windows and/or lunch and/or the day's bounds relaxed (shares matrices). */
export function relaxed(p: DayProblem, node: number, r: Relax): DayProblem {
  let q: DayProblem = { ...p };
  if (r.noWindow) {
    const winOpen = Float64Array.from(p.winOpen);
    const winClose = Float64Array.from(p.winClose);
    const winLatest = Float64Array.from(p.winLatest);
    for (let w = p.winOffset[node]!; w < p.winOffset[node + 1]!; w++) {
      winOpen[w] = -Infinity;
      winClose[w] = Infinity;
      winLatest[w] = Infinity;
    }
    q = { ...q, winOpen, winClose, winLatest };
  }
  if (r.noLunch) q = { ...q, lunchEnd: q.lunchStart };
  if (r.dayEnd !== undefined) q = { ...q, dayEnd: r.dayEnd };
  if (r.dayStart !== undefined) q = { ...q, dayStart: r.dayStart };
  return q;
}

type Legs = { fromStart: Float64Array; toEnd: Float64Array };

/** Timeline of the visit alone on the shortest way out and back: start, finish, late flag. */
function alone(p: DayProblem, node: number, legs: Legs) {
  const arrive = driveArrive(p, p.dayStart, legs.fromStart[node]!);
  const start = serviceStart(p, node, arrive);
  const late = lastLate;
  const finish = driveArrive(p, start + p.service[node]!, legs.toEnd[node]!);
  return { arrive, start, finish, ok: late <= EPS && finish <= p.dayEnd + EPS };
}

export function fitsAlone(p: DayProblem, node: number, legs: Legs): boolean {
  return alone(p, node, legs).ok;
}

function windowsText(p: DayProblem, node: number): string {
  const parts: string[] = [];
  for (let w = p.winOffset[node]!; w < p.winOffset[node + 1]!; w++)
    parts.push(`${hhmm(p.winOpen[w]!)}–${hhmm(p.winClose[w]!)}`);
  return parts.join(', ');
}

/** Why `node` cannot be served on this day in any order, or null when it fits alone. */
export function aloneBlock(p: DayProblem, node: number, legs: Legs): Block | null {
  if (fitsAlone(p, node, legs)) return null;
  const service = p.service[node]!;
  const out = legs.fromStart[node]!;
  const back = legs.toEnd[node]!;
  const day = `${hhmm(p.dayStart)}–${hhmm(p.dayEnd)}`;
  const hasWindows = p.winOffset[node + 1]! > p.winOffset[node]!;
  if (!fitsAlone(relaxed(p, node, { noWindow: true, noLunch: true }), node, legs)) {
    return {
      kind: 'day-length',
      reason: `too far for a day trip: ${Math.round(out)} min drive out, the ${Math.round(service)}-minute visit and ${Math.round(back)} min back do not fit the working day ${day}; start nearer to it (--start), plan with --day-ends last-stop, or reassign the account to a closer territory`,
    };
  }
  if (hasWindows) {
    let longest = 0;
    for (let w = p.winOffset[node]!; w < p.winOffset[node + 1]!; w++)
      longest = Math.max(longest, p.winClose[w]! - p.winOpen[w]!);
    if (longest < service - EPS) {
      return {
        kind: 'window-short',
        reason: `its window ${windowsText(p, node)} is shorter than the ${Math.round(service)}-minute visit; ask for a longer window or shorten the call`,
      };
    }
  }
  const lunch = `${hhmm(p.lunchStart)}–${hhmm(p.lunchEnd)}`;
  if (fitsAlone(relaxed(p, node, { noLunch: true }), node, legs)) {
    return {
      kind: 'lunch',
      reason: hasWindows
        ? `lunch ${lunch} blocks it: its window ${windowsText(p, node)} leaves room for the ${Math.round(service)}-minute visit only over lunch; move lunch (--lunch-start) or ask for another window`
        : `lunch ${lunch} blocks it: the visit fits the day only without the break; move or shorten lunch`,
    };
  }
  if (hasWindows && fitsAlone(relaxed(p, node, { noWindow: true }), node, legs)) {
    const a = alone(p, node, legs);
    serviceStart(p, node, a.arrive);
    if (lastLate > EPS) {
      return {
        kind: 'window-reach',
        reason: `its window ${windowsText(p, node)} closes before it can be reached: earliest arrival ${hhmm(a.arrive)} (${Math.round(out)} min drive from the start at ${hhmm(p.dayStart)}); start the day earlier or ask for a later window`,
      };
    }
    return {
      kind: 'window-return',
      reason: `after the visit in its window ${windowsText(p, node)} (done ${hhmm(a.start + service)}), the ${Math.round(back)}-minute drive back ends at ${hhmm(a.finish)}, after the day's end ${hhmm(p.dayEnd)}; end the day later (--day-end) or ask for an earlier window`,
    };
  }
  return {
    kind: 'window-lunch',
    reason: `its window ${windowsText(p, node)} and lunch ${lunch} together leave no room for the ${Math.round(service)}-minute visit with ${Math.round(out)} min out and ${Math.round(back)} min back; move lunch or ask for another window`,
  };
}

const TIER = ['', 'A', 'B', 'C'];

function names(p: DayProblem, nodes: number[], label: (node: number) => string): string {
  const shown = nodes.slice(0, 3).map((x) => `${label(x)} (Tier ${TIER[p.priority[x]!] ?? 'C'})`);
  return nodes.length > 3 ? `${shown.join(', ')} and ${nodes.length - 3} more` : shown.join(', ');
}

/**
 * A lower bound on the working time any order of `nodes` needs: every visit, plus for each visit
 * and the end the cheapest leg into it from the start or another of the nodes (valid without the
 * triangle inequality), plus lunch when the work cannot be over before lunch starts.
 */
export function timeLowerBound(p: DayProblem, nodes: number[]): number {
  const size = p.size;
  let lb = 0;
  for (const x of [...nodes, p.n + 1]) {
    let minIn = p.minutes[x]!;
    for (const y of nodes) if (y !== x) minIn = Math.min(minIn, p.minutes[y * size + x]!);
    lb += minIn + (x <= p.n ? p.service[x]! : 0);
  }
  if (p.dayStart + lb > p.lunchStart) lb += p.lunchEnd - p.lunchStart;
  return lb;
}

/** True when no order serves all of `nodes` (a time bound, else the exact solver up to 10). */
function provenInfeasible(p: DayProblem, nodes: number[]): boolean | null {
  if (p.dayStart + timeLowerBound(p, nodes) > p.dayEnd + EPS) return true;
  if (nodes.length > 10) return null;
  return solveExact(p, nodes) === null;
}

/**
 * Why `node`, which fits the day alone, is not in `order` (the day's kept visits). The caller has
 * already checked it cannot be inserted into `order` at any position.
 */
export function capacityBlock(
  p: DayProblem,
  node: number,
  order: number[],
  label: (node: number) => string,
): Block {
  const prio = p.priority[node]!;
  const higher = order
    .filter((x) => p.priority[x]! < prio)
    .sort((a, b) => p.priority[a]! - p.priority[b]! || a - b);
  const day = `${hhmm(p.dayStart)}–${hhmm(p.dayEnd)}`;
  if (higher.length > 0) {
    const blocked = provenInfeasible(p, [...higher, node]);
    if (blocked === true) {
      return {
        kind: 'capacity',
        blockers: higher,
        proven: true,
        reason: `the day ${day} is full with higher-tier visits: no order fits it beside ${names(p, higher, label)}; move one of them to another day, lengthen the day or plan more days`,
      };
    }
  }
  const kept = [...order].sort((a, b) => p.priority[a]! - p.priority[b]! || a - b);
  const same = kept.filter((x) => p.priority[x]! === prio).length;
  // Its own tier and higher (for Tier A: the day's Tier A visits, the planner's guarantee).
  const atLeast = kept.filter((x) => p.priority[x]! <= prio);
  if (
    same > 0 &&
    atLeast.length < kept.length + 1 &&
    provenInfeasible(p, [...atLeast, node]) === true
  ) {
    return {
      kind: 'capacity',
      blockers: atLeast,
      proven: true,
      reason: `the day ${day} is full with visits of its tier or higher: no order fits it beside ${names(p, atLeast, label)}; move one of them to another day, lengthen the day or plan more days`,
    };
  }
  return {
    kind: 'capacity',
    blockers: kept,
    proven: false,
    reason: `the day ${day} is full: there is no room for it at any point of the route of its ${kept.length} visits (${names(p, kept, label)})${same > 0 ? `; ${same} of them are of its tier and together make more visits or a shorter drive` : ''}; plan more days, lengthen the day, or raise its tier if it matters more`,
  };
}

export function legsFor(p: DayProblem, nodes: number[]): Legs {
  return shortestLegs(p, nodes);
}
