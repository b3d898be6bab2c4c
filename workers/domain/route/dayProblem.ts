// One day's sequencing problem, in a flat form the solvers can evaluate without allocating.
// Nodes: 0 = the day's start point, 1..n = candidate stops, n + 1 = the day's end point.
// Times are minutes after midnight. A time window means the whole visit fits inside it
// (service start >= open and service start + visit length <= close).

export type TimeWindow = { open: number; close: number };

export type DayStopInput = {
  /** Visit length in minutes. */
  service: number;
  /** Windows on this day, sorted by open; null or [] = no constraint. */
  windows: TimeWindow[] | null;
  /** 1 = keep first (Tier A) .. 3 = drop first (Tier C). */
  priority: number;
};

export type DaySettings = {
  /** Departure from the start point, minutes after midnight (default 8:00). */
  dayStart: number;
  /** Latest arrival at the end point (default 17:30). */
  dayEnd: number;
  /** Fixed lunch break; no driving or visiting happens inside it. lunchMinutes 0 = none. */
  lunchStart: number;
  lunchMinutes: number;
};

export const DEFAULT_DAY: DaySettings = {
  dayStart: 8 * 60,
  dayEnd: 17 * 60 + 30,
  lunchStart: 12 * 60,
  lunchMinutes: 30,
};

export type DayProblem = {
  n: number;
  size: number;
  /** Row-major size x size drive minutes and miles. */
  minutes: Float64Array;
  miles: Float64Array;
  service: Float64Array;
  priority: Uint8Array;
  /** Windows of node i are entries winOffset[i] .. winOffset[i+1]-1. */
  winOffset: Int32Array;
  winOpen: Float64Array;
  winClose: Float64Array;
  /** Latest service start in the window: close - service. */
  winLatest: Float64Array;
  dayStart: number;
  dayEnd: number;
  lunchStart: number;
  lunchEnd: number;
};

export type LegCost = { minutes: number; miles: number };

/**
 * Builds a day problem. `leg(i, j)` gives the drive between nodes i and j (0 start, 1..n stops,
 * n + 1 end). With `openEnd` the day finishes wherever the last visit is (no return leg).
 */
export function createDayProblem(args: {
  stops: DayStopInput[];
  settings: DaySettings;
  /** Drive between nodes, or `fromMatrix` (a bigger row-major matrix and the point of each node). */
  leg?: (i: number, j: number) => LegCost;
  fromMatrix?: {
    minutes: ArrayLike<number>;
    miles: ArrayLike<number>;
    size: number;
    pointOfNode: number[];
  };
  /** Node matrices already built for the same nodes (shared by days with the same start and end). */
  shared?: { minutes: Float64Array; miles: Float64Array };
  openEnd?: boolean;
}): DayProblem {
  const { stops, settings } = args;
  const n = stops.length;
  const size = n + 2;
  const minutes = args.shared?.minutes ?? new Float64Array(size * size);
  const miles = args.shared?.miles ?? new Float64Array(size * size);
  const src = args.fromMatrix;
  for (let i = 0; i < size && !args.shared; i++) {
    if (i === n + 1) continue;
    const row = src ? src.pointOfNode[i]! * src.size : 0;
    for (let j = 1; j < size; j++) {
      if (i === j || (args.openEnd && j === n + 1)) continue;
      if (src) {
        const k = row + src.pointOfNode[j]!;
        minutes[i * size + j] = src.minutes[k]!;
        miles[i * size + j] = src.miles[k]!;
      } else {
        const c = args.leg!(i, j);
        minutes[i * size + j] = c.minutes;
        miles[i * size + j] = c.miles;
      }
    }
  }
  const service = new Float64Array(size);
  const priority = new Uint8Array(size);
  const winOffset = new Int32Array(size + 1);
  const open: number[] = [];
  const close: number[] = [];
  const latest: number[] = [];
  for (let i = 0; i < size; i++) {
    winOffset[i] = open.length;
    const s = i >= 1 && i <= n ? stops[i - 1]! : null;
    if (!s) continue;
    service[i] = s.service;
    priority[i] = s.priority;
    const wins = [...(s.windows ?? [])].sort((a, b) => a.open - b.open);
    for (const w of wins) {
      open.push(w.open);
      close.push(w.close);
      latest.push(w.close - s.service);
    }
  }
  winOffset[size] = open.length;
  return {
    n,
    size,
    minutes,
    miles,
    service,
    priority,
    winOffset,
    winOpen: Float64Array.from(open),
    winClose: Float64Array.from(close),
    winLatest: Float64Array.from(latest),
    dayStart: settings.dayStart,
    dayEnd: settings.dayEnd,
    lunchStart: settings.lunchStart,
    lunchEnd: settings.lunchStart + Math.max(0, settings.lunchMinutes),
  };
}

export function hhmm(minutes: number): string {
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  return `${String(h).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Parses 'HH:MM' (or 'H:MM', 'HHMM') into minutes after midnight; NaN when malformed. */
export function parseHhmm(text: string): number {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(text.trim());
  if (!m) return Number.NaN;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59) return Number.NaN;
  return h * 60 + min;
}
