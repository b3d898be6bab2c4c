// A legacy "ZIP arithmetic" alignment, the kind most sales forces inherit: ZIPs sorted by code and
// cut into consecutive blocks, preferably at 3-digit ZIP prefix (sectional center) boundaries, with
// block sizes that drifted over the years (targets drift between 0.6 and 1.7 times the mean account count).
// Consecutive territories roll up into districts of about eight, districts into regions named after
// the ZIP area they mostly cover. One rep per territory, living in a ZIP of the territory.
import type { DemoZips } from './geography';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { Rng, WeightedSampler } from './random';

export type LegacyAlignment = {
  /** ZIP indices with providers, in ZIP order. */
  zips: Int32Array;
  /** Territory index of each entry of `zips`. */
  territoryOf: Int32Array;
  territories: Territory[];
};

export type Territory = {
  id: string;
  district: string;
  region: string;
  repId: string;
  repName: string;
  /** ZIP index of the rep's home. */
  homeZip: number;
  providers: number;
};

const TERRITORIES_PER_DISTRICT = 8;
const DISTRICTS_PER_REGION = 5;
const AREA_NAMES = [
  'New England', 'Mid-Atlantic', 'Capital', 'Southeast', 'Great Lakes',
  'Upper Midwest', 'Heartland', 'South Central', 'Mountain', 'Pacific',
];

/**
 * Cuts ZIP-ordered units into K consecutive blocks with deliberately uneven targets: territory t
 * ends where the running account count passes the sum of the first t drifted shares, preferably at
 * a 3-digit prefix boundary (at most 35 % of a share past it).
 */
function cutBlocks(order: Int32Array, zips: DemoZips, counts: Uint32Array, k: number, rng: Rng): Int32Array {
  const territoryOf = new Int32Array(order.length);
  let total = 0;
  for (let j = 0; j < order.length; j++) total += counts[order[j]!]!;
  const share = Array.from({ length: k }, () => Math.min(1.7, Math.max(0.6, rng.logNormal(1, 0.3))));
  const shareSum = share.reduce((a, b) => a + b, 0);
  let t = 0;
  let cumulative = 0;
  let own = 0; // accounts of the current territory
  let boundary = (total * share[0]!) / shareSum;
  for (let j = 0; j < order.length; j++) {
    territoryOf[j] = t;
    cumulative += counts[order[j]!]!;
    own += counts[order[j]!]!;
    const territoriesLeft = k - t - 1;
    if (territoriesLeft === 0) continue;
    const next = order[j + 1];
    const prefixBoundary = next === undefined || zips.zip[next]!.slice(0, 3) !== zips.zip[order[j]!]!.slice(0, 3);
    const mustCut = order.length - j - 1 <= territoriesLeft; // leave at least one ZIP for every later territory
    const target = (total * share[t]!) / shareSum;
    const ready = cumulative >= boundary && own >= 0.6 * target;
    if (mustCut || (ready && (prefixBoundary || cumulative >= boundary + 0.35 * target))) {
      t += 1;
      own = 0;
      boundary += (total * share[t]!) / shareSum;
    }
  }
  return territoryOf;
}

function regionName(zipsOfRegion: number[], zips: DemoZips, counts: Uint32Array, used: Map<string, number>): string {
  const byDigit = new Float64Array(10);
  for (const z of zipsOfRegion) byDigit[Number(zips.zip[z]![0])]! += counts[z]!;
  let best = 0;
  for (let d = 1; d < 10; d++) if (byDigit[d]! > byDigit[best]!) best = d;
  const base = AREA_NAMES[best]!;
  const n = (used.get(base) ?? 0) + 1;
  used.set(base, n);
  return n === 1 ? base : `${base} ${n}`;
}

export function buildLegacyAlignment(zips: DemoZips, counts: Uint32Array, territories: number, seed: number): LegacyAlignment {
  const rng = new Rng(seed, 'alignment');
  const withProviders: number[] = [];
  for (let z = 0; z < zips.count; z++) if (counts[z]! > 0) withProviders.push(z);
  withProviders.sort((a, b) => (zips.zip[a]! < zips.zip[b]! ? -1 : zips.zip[a]! > zips.zip[b]! ? 1 : 0));
  const order = Int32Array.from(withProviders);
  const k = Math.max(1, Math.min(territories, order.length));
  const territoryOf = cutBlocks(order, zips, counts, k, rng);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let j = 0; j < order.length; j++) members[territoryOf[j]!]!.push(order[j]!);
  const districtCount = Math.ceil(k / TERRITORIES_PER_DISTRICT);
  const regionCount = Math.max(1, Math.round(districtCount / DISTRICTS_PER_REGION));
  const regionOfDistrict = (d: number) => Math.min(regionCount - 1, Math.floor((d * regionCount) / districtCount));
  const regionZips: number[][] = Array.from({ length: regionCount }, () => []);
  for (let t = 0; t < k; t++) regionZips[regionOfDistrict(Math.floor(t / TERRITORIES_PER_DISTRICT))]!.push(...members[t]!);
  const used = new Map<string, number>();
  const regionNames = regionCount === 1 ? ['National'] : regionZips.map((zs) => regionName(zs, zips, counts, used));
  const width = String(k).length < 3 ? 3 : String(k).length;
  const list: Territory[] = members.map((zs, t) => {
    const home = zs[new WeightedSampler(zs.map((z) => counts[z]!)).draw(rng)]!;
    const d = Math.floor(t / TERRITORIES_PER_DISTRICT);
    const n = String(t + 1).padStart(width, '0');
    return {
      id: `T${n}`,
      district: `D${String(d + 1).padStart(2, '0')}`,
      region: regionNames[regionOfDistrict(d)]!,
      repId: `R${n}`,
      repName: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)} (synthetic)`,
      homeZip: home,
      providers: zs.reduce((a, z) => a + counts[z]!, 0),
    };
  });
  return { zips: order, territoryOf, territories: list };
}
