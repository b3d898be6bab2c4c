// A legacy "ZIP arithmetic" alignment, the kind most sales forces inherit: ZIPs sorted by code and
// cut into consecutive blocks of whole 3-digit ZIP prefixes (sectional centre areas; dense metro
// prefixes are split into wedges), with block sizes that drifted over the years (targets between
// 0.6 and 1.7 times the mean account count). Consecutive territories roll up into districts of
// about eight, districts into regions named after the ZIP area they mostly cover. One rep per
// territory, living in a ZIP of the territory.
import { mergeExclaves, type ZipGraph } from './exclaves';
import type { DemoZips } from './geography';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { Rng, WeightedSampler } from './random';

export type LegacyAlignment = {
  /** ZIP indices with providers, in alignment order (by ZIP prefix). */
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
  'New England',
  'Mid-Atlantic',
  'Capital',
  'Southeast',
  'Great Lakes',
  'Upper Midwest',
  'Heartland',
  'South Central',
  'Mountain',
  'Pacific',
];

type LegacyOrder = {
  order: Int32Array;
  /** 1 where a territory may end after this position. */ cuttable: Uint8Array;
};

/**
 * Orders ZIPs with accounts by 3-digit prefix (sectional centre areas, which USPS numbered roughly
 * geographically). A prefix too big for one territory is split the way legacy alignments split dense
 * metros: into wedges around its centre, each a contiguous slice of about 0.8 territories.
 */
function legacyOrder(zips: DemoZips, counts: Uint32Array, k: number): LegacyOrder {
  const withProviders: number[] = [];
  let total = 0;
  for (let z = 0; z < zips.count; z++) {
    if (counts[z]! === 0) continue;
    withProviders.push(z);
    total += counts[z]!;
  }
  withProviders.sort((a, b) =>
    zips.zip[a]! < zips.zip[b]! ? -1 : zips.zip[a]! > zips.zip[b]! ? 1 : 0,
  );
  const atomSize = (0.8 * total) / k;
  const order: number[] = [];
  const cuttable: number[] = [];
  for (let start = 0; start < withProviders.length;) {
    const prefix = zips.zip[withProviders[start]!]!.slice(0, 3);
    let end = start;
    let n = 0;
    while (end < withProviders.length && zips.zip[withProviders[end]!]!.startsWith(prefix))
      n += counts[withProviders[end++]!]!;
    let group = withProviders.slice(start, end);
    const pieces = Math.ceil(n / atomSize);
    if (pieces > 1) group = byAngle(group, zips, counts);
    let acc = 0;
    let piece = 1;
    group.forEach((z, idx) => {
      acc += counts[z]!;
      order.push(z);
      const last = idx === group.length - 1;
      const cut = last || (pieces > 1 && acc >= (piece * n) / pieces);
      if (cut && !last) piece += 1;
      cuttable.push(cut ? 1 : 0);
    });
    start = end;
  }
  return { order: Int32Array.from(order), cuttable: Uint8Array.from(cuttable) };
}

/** ZIPs sorted by their bearing from the account-weighted centre of the group. */
function byAngle(group: number[], zips: DemoZips, counts: Uint32Array): number[] {
  let w = 0;
  let lat = 0;
  let lon = 0;
  for (const z of group) {
    w += counts[z]!;
    lat += zips.lat[z]! * counts[z]!;
    lon += zips.lon[z]! * counts[z]!;
  }
  lat /= w;
  lon /= w;
  const cos = Math.cos((lat * Math.PI) / 180);
  const angle = new Map(
    group.map((z) => [z, Math.atan2(zips.lat[z]! - lat, (zips.lon[z]! - lon) * cos)]),
  );
  return [...group].sort((a, b) => angle.get(a)! - angle.get(b)! || a - b);
}

/**
 * Cuts the ordered units into K consecutive blocks with deliberately uneven targets: territory t
 * ends at the first allowed cut after the running account count passes the sum of the first t
 * drifted shares (and after at least 60 % of its own share).
 */
function cutBlocks(
  { order, cuttable }: LegacyOrder,
  counts: Uint32Array,
  k: number,
  rng: Rng,
): Int32Array {
  const territoryOf = new Int32Array(order.length);
  let total = 0;
  for (let j = 0; j < order.length; j++) total += counts[order[j]!]!;
  const share = Array.from({ length: k }, () =>
    Math.min(1.7, Math.max(0.6, rng.logNormal(1, 0.3))),
  );
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
    const mustCut = order.length - j - 1 <= territoriesLeft; // leave at least one ZIP for every later territory
    const target = (total * share[t]!) / shareSum;
    if (mustCut || (cuttable[j] === 1 && cumulative >= boundary && own >= 0.6 * target)) {
      t += 1;
      own = 0;
      boundary += (total * share[t]!) / shareSum;
    }
  }
  return territoryOf;
}

function withoutExclaves(
  order: Int32Array,
  territoryOf: Int32Array,
  zipCount: number,
  counts: Uint32Array,
  graph: ZipGraph,
): Int32Array {
  const assign = new Int32Array(zipCount).fill(-1);
  for (let j = 0; j < order.length; j++) assign[order[j]!] = territoryOf[j]!;
  const tidy = mergeExclaves(assign, graph, counts);
  return order.map((z) => tidy[z]!);
}

function regionName(
  zipsOfRegion: number[],
  zips: DemoZips,
  counts: Uint32Array,
  used: Map<string, number>,
): string {
  const byDigit = new Float64Array(10);
  for (const z of zipsOfRegion) byDigit[Number(zips.zip[z]![0])]! += counts[z]!;
  let best = 0;
  for (let d = 1; d < 10; d++) if (byDigit[d]! > byDigit[best]!) best = d;
  const base = AREA_NAMES[best]!;
  const n = (used.get(base) ?? 0) + 1;
  used.set(base, n);
  return n === 1 ? base : `${base} ${n}`;
}

/** ZIP prefixes off the contiguous road network: Puerto Rico / Virgin Islands, Hawaii / Pacific, Alaska. */
const OFFSHORE = /^(00[6-9]|96[7-9]|99[5-9])/;

/**
 * The rep lives in one of the territory's ZIPs (drawn by accounts), on the side of the water that
 * holds most of its accounts: a ZIP-block territory that runs from Puerto Rico into Massachusetts
 * is served from Massachusetts, not by a rep "driving" across the sea.
 */
function drawHome(zs: number[], zips: DemoZips, counts: Uint32Array, rng: Rng): number {
  let offshore = 0;
  let total = 0;
  for (const z of zs) {
    total += counts[z]!;
    if (OFFSHORE.test(zips.zip[z]!)) offshore += counts[z]!;
  }
  const wantOffshore = offshore * 2 > total;
  const side = zs.filter((z) => OFFSHORE.test(zips.zip[z]!) === wantOffshore);
  const pool = side.length > 0 ? side : zs;
  return pool[new WeightedSampler(pool.map((z) => counts[z]!)).draw(rng)]!;
}

export type LegacyAlignmentInput = {
  zips: DemoZips;
  /** Accounts per ZIP index. */
  counts: Uint32Array;
  territories: number;
  seed: number;
  /** ZIP adjacency (ZIP table order); when given, detached pieces are merged into neighbours. */
  graph?: ZipGraph;
};

export function buildLegacyAlignment({
  zips,
  counts,
  territories,
  seed,
  graph,
}: LegacyAlignmentInput): LegacyAlignment {
  const rng = new Rng(seed, 'alignment');
  let zipsWithProviders = 0;
  for (let z = 0; z < zips.count; z++) if (counts[z]! > 0) zipsWithProviders += 1;
  const k = Math.max(1, Math.min(territories, zipsWithProviders));
  const legacy = legacyOrder(zips, counts, k);
  const order = legacy.order;
  let territoryOf = cutBlocks(legacy, counts, k, rng);
  if (graph) territoryOf = withoutExclaves(order, territoryOf, zips.count, counts, graph);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let j = 0; j < order.length; j++) members[territoryOf[j]!]!.push(order[j]!);
  const districtCount = Math.ceil(k / TERRITORIES_PER_DISTRICT);
  const regionCount = Math.max(1, Math.round(districtCount / DISTRICTS_PER_REGION));
  const regionOfDistrict = (d: number) =>
    Math.min(regionCount - 1, Math.floor((d * regionCount) / districtCount));
  const regionZips: number[][] = Array.from({ length: regionCount }, () => []);
  for (let t = 0; t < k; t++)
    regionZips[regionOfDistrict(Math.floor(t / TERRITORIES_PER_DISTRICT))]!.push(...members[t]!);
  const used = new Map<string, number>();
  const regionNames =
    regionCount === 1 ? ['National'] : regionZips.map((zs) => regionName(zs, zips, counts, used));
  const width = String(k).length < 3 ? 3 : String(k).length;
  const list: Territory[] = members.map((zs, t) => {
    const home = drawHome(zs, zips, counts, rng);
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
