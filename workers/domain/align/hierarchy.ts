// Region → district → territory hierarchy: territories are grouped geographically by recursive
// coordinate bisection of their centres, so groups are compact, nest properly, and have counts
// that differ by at most one at each level.

import { recursiveBisection } from './bisect';
import type { AlignHierarchy } from './types';

export function buildHierarchy(
  centersLat: Float64Array,
  centersLon: Float64Array,
  districts: number,
  regions: number,
): AlignHierarchy {
  const k = centersLat.length;
  const d = Math.max(1, Math.min(Math.floor(districts), k));
  const r = Math.max(1, Math.min(Math.floor(regions), d));
  const districtsPerRegion = evenSplit(d, r);
  const territoriesPerRegion = proportionalSplit(k, districtsPerRegion);
  const all = Array.from({ length: k }, (_, i) => i);
  const regionOf = recursiveBisection({
    idx: all,
    lat: centersLat,
    lon: centersLon,
    weight: () => 1,
    shares: territoriesPerRegion,
    byCount: true,
  });
  const territoryDistrict = new Int32Array(k);
  const territoryRegion = Int32Array.from(regionOf);
  const districtRegion = new Int32Array(d);
  let offset = 0;
  for (let g = 0; g < r; g++) {
    const members = all.filter((t) => regionOf[t] === g);
    const parts = districtsPerRegion[g]!;
    const part = recursiveBisection({
      idx: members,
      lat: centersLat,
      lon: centersLon,
      weight: () => 1,
      shares: evenSplit(members.length, parts),
      byCount: true,
    });
    members.forEach((t, i) => (territoryDistrict[t] = offset + part[i]!));
    for (let j = 0; j < parts; j++) districtRegion[offset + j] = g;
    offset += parts;
  }
  return { territoryDistrict, districtRegion, territoryRegion };
}

/** `total` split into `parts` integers differing by at most one (larger ones first). */
function evenSplit(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** `total` split in proportion to `weights` (largest-remainder rounding). */
function proportionalSplit(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i]!++;
  }
  return out;
}
