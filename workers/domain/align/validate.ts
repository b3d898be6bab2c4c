// Input checks shared by every entry point: wrong shapes are caller bugs or bad data and fail
// with a message saying which array is wrong and what was expected.

import { EngineFailure } from '../../common/result';
import type { AlignProblem } from './types';

export function validateProblem(p: AlignProblem, what: string): void {
  const n = p.count;
  const bad = (msg: string): never => {
    throw new EngineFailure('BAD_INPUT', `${what}: ${msg}`);
  };
  if (!Number.isInteger(n) || n < 1)
    bad(`there are no units to align (count = ${n}); import data or choose another unit level.`);
  if (!Number.isInteger(p.k) || p.k < 1)
    bad(`the number of territories must be a whole number ≥ 1 (got ${p.k}).`);
  if (p.k > n)
    bad(
      `${p.k} territories were asked for but there are only ${n} units; use at most ${n} territories.`,
    );
  const perUnit: [string, { length: number }][] = [
    ['ids', p.ids],
    ['lat', p.lat],
    ['lon', p.lon],
    ['value', p.value],
    ['weightForTravel', p.weightForTravel],
    ['floating', p.floating],
    ['density', p.density],
    ['fixed', p.fixed],
  ];
  for (const [name, arr] of perUnit)
    if (arr.length !== n) bad(`${name} has ${arr.length} entries for ${n} units.`);
  if (p.adjStart.length !== n + 1)
    bad(`adjStart has ${p.adjStart.length} entries, expected ${n + 1} (CSR offsets).`);
  if (p.adjStart[n] !== p.adjList.length)
    bad(`adjStart[${n}] = ${p.adjStart[n]} but adjList has ${p.adjList.length} entries.`);
  for (let i = 0; i < p.adjList.length; i++) {
    const v = p.adjList[i]!;
    if (v < 0 || v >= n) bad(`adjList[${i}] = ${v} is not a unit index (0..${n - 1}).`);
  }
  for (let u = 0; u < n; u++) {
    const v = p.value[u]!;
    if (!Number.isFinite(v) || v < 0)
      bad(`unit ${p.ids[u]} has value ${v}; values must be finite and ≥ 0.`);
    if (!Number.isFinite(p.lat[u]!) || !Number.isFinite(p.lon[u]!))
      bad(`unit ${p.ids[u]} has no valid centroid.`);
  }
  if (p.homes && (p.homes.lat.length < p.k || p.homes.lon.length < p.k)) {
    bad(`${p.k} territories need ${p.k} home bases, got ${p.homes.lat.length}.`);
  }
  if (p.initial && p.initial.length !== n)
    bad(`the current alignment covers ${p.initial.length} units, expected ${n}.`);
}
