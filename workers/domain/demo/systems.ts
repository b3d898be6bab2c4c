// Synthetic health systems (IDNs) and provider affiliations. Systems sit where people are, their
// sizes are heavy-tailed (a few large regional IDNs, many community systems), and each reaches a
// radius that grows with its size. A provider joins one of the systems reaching its ZIP with a
// probability that depends on how hospital-bound its specialty is.
import { milesBetween, type DemoZips, type ZipWeights } from './geography';
import { SYSTEM_WORDS } from './names';
import type { ProviderUniverse } from './providers';
import { Rng, WeightedSampler } from './random';
import { SPECIALTIES } from './specialties';

export type HealthSystems = {
  count: number;
  id: string[];
  name: string[];
  /** ZIP index of the flagship hospital. */
  zip: Int32Array;
  size: Float64Array;
  reachMiles: Float64Array;
};

const AFFILIATION_RATE: Record<string, number> = {
  'Internal Medicine': 0.55,
  'Family Practice': 0.45,
  'Nurse Practitioner': 0.5,
  'Physician Assistant': 0.55,
  'Orthopedic Surgery': 0.5,
  Cardiology: 0.65,
  'Interventional Cardiology': 0.85,
  'Cardiac Surgery': 0.9,
  Neurosurgery: 0.75,
  'Interventional Pain Management': 0.3,
  'Physical Medicine and Rehabilitation': 0.55,
  Endocrinology: 0.6,
  Ophthalmology: 0.2,
  Optometry: 0.05,
  'Ambulatory Surgical Center': 0.15,
};

export function systemCount(providers: number): number {
  return Math.max(3, Math.min(600, Math.round(25 * Math.sqrt(providers / 1000))));
}

export function buildHealthSystems(
  count: number,
  weights: ZipWeights,
  seed: number,
): HealthSystems {
  const rng = new Rng(seed, 'systems');
  const sampler = new WeightedSampler(weights.metroCore);
  const s: HealthSystems = {
    count,
    id: [],
    name: [],
    zip: new Int32Array(count),
    size: new Float64Array(count),
    reachMiles: new Float64Array(count),
  };
  for (let k = 0; k < count; k++) {
    const n = String(k + 1).padStart(4, '0');
    s.id.push(`SHS${n}`);
    s.name.push(`Synthetic ${SYSTEM_WORDS[k % SYSTEM_WORDS.length]} Health System ${n}`);
    s.zip[k] = sampler.draw(rng);
    s.size[k] = Math.min(rng.pareto(1, 1.3), 40);
    s.reachMiles[k] = 20 + 18 * Math.sqrt(s.size[k]!);
  }
  return s;
}

type Candidates = { systems: number[]; sampler: WeightedSampler } | null;

/** Systems reaching each ZIP that has providers, weighted by size and closeness. */
function candidatesByZip(
  s: HealthSystems,
  zips: DemoZips,
  providerZips: Uint32Array,
): Candidates[] {
  const out: Candidates[] = new Array(zips.count).fill(null);
  for (let z = 0; z < zips.count; z++) {
    if (providerZips[z] === 0) continue;
    const systems: number[] = [];
    const w: number[] = [];
    for (let k = 0; k < s.count; k++) {
      const h = s.zip[k]!;
      const d = milesBetween(zips.lat[z]!, zips.lon[z]!, zips.lat[h]!, zips.lon[h]!);
      if (d > s.reachMiles[k]!) continue;
      systems.push(k);
      w.push(s.size[k]! / (1 + d / 8));
    }
    if (systems.length) out[z] = { systems, sampler: new WeightedSampler(w) };
  }
  return out;
}

/** System index per provider, -1 when unaffiliated. */
export function assignAffiliations(
  u: ProviderUniverse,
  s: HealthSystems,
  zips: DemoZips,
  seed: number,
): Int32Array {
  const rng = new Rng(seed, 'affiliations');
  const perZip = new Uint32Array(zips.count);
  for (let i = 0; i < u.count; i++) perZip[u.zip[i]!]! += 1;
  const candidates = candidatesByZip(s, zips, perZip);
  const rates = SPECIALTIES.map((sp) => AFFILIATION_RATE[sp.providerType] ?? 0.4);
  const system = new Int32Array(u.count).fill(-1);
  for (let i = 0; i < u.count; i++) {
    const c = candidates[u.zip[i]!];
    if (!c || !rng.chance(rates[u.specialty[i]!]!)) continue;
    system[i] = c.systems[c.sampler.draw(rng)]!;
  }
  return system;
}
