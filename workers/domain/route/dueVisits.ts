// Which visits fall due in a plan of D working days. An account called f times a year over
// `daysPerYear` working days is due at the rate r = f / daysPerYear per working day; the plan
// covering working days [w0, w0 + D) gets floor((w0 + D)·r + φ) − floor(w0·r + φ) visits, with a
// stable per-account phase φ. Summed over consecutive plans this gives exactly f visits a year,
// spread evenly, and it needs no memory of past plans.
import { hash01 } from './rng';

export type DueVisit = { account: number; copy: number; copies: number };

export function dueCount(args: {
  id: string;
  callsPerYear: number;
  daysPerYear: number;
  firstWorkingDay: number;
  days: number;
}): number {
  const rate = args.callsPerYear / args.daysPerYear;
  if (!(rate > 0)) return 0;
  const phi = hash01(args.id);
  return (
    Math.floor((args.firstWorkingDay + args.days) * rate + phi) -
    Math.floor(args.firstWorkingDay * rate + phi)
  );
}

/**
 * Due visits for the plan, most important first: tier priority (A first), then the more
 * frequently called account, then id for determinism.
 */
export function dueVisits(args: {
  accounts: { id: string; priority: number; callsPerYear: number }[];
  daysPerYear: number;
  firstWorkingDay: number;
  days: number;
}): DueVisit[] {
  const out: DueVisit[] = [];
  args.accounts.forEach((a, account) => {
    const copies = dueCount({
      id: a.id,
      callsPerYear: a.callsPerYear,
      daysPerYear: args.daysPerYear,
      firstWorkingDay: args.firstWorkingDay,
      days: args.days,
    });
    for (let copy = 0; copy < copies; copy++) out.push({ account, copy, copies });
  });
  out.sort((x, y) => {
    const a = args.accounts[x.account]!;
    const b = args.accounts[y.account]!;
    return (
      a.priority - b.priority ||
      b.callsPerYear - a.callsPerYear ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
      x.copy - y.copy
    );
  });
  return out;
}
