// The synthetic provider universe, as columns: NPI, specialty, practice ZIP, practice size (a
// heavy-tailed volume multiplier) and the indices of the name parts. Everything else (claims lines,
// affiliations, access) is derived from these columns with its own seeded stream.
import { syntheticNpi } from './npi';
import { FIRST_NAMES, LAST_NAMES, MIDDLE_INITIALS } from './names';
import { Rng, WeightedSampler } from './random';
import { SPECIALTIES } from './specialties';
import { specialtyZipWeights, type ZipWeights } from './geography';

export type ProviderUniverse = {
  count: number;
  npi: Uint32Array;
  /** Index into SPECIALTIES. */
  specialty: Uint8Array;
  /** Index into the ZIP table. */
  zip: Int32Array;
  /** Practice-size multiplier of every code's volume: log-normal body with a Pareto tail. */
  scale: Float32Array;
  lastName: Uint8Array;
  firstName: Uint8Array;
  middleInitial: Uint8Array;
  credential: Uint8Array;
};

/** Practice size: log-normal (median 1, sigma 0.55); one provider in 25 is a high-volume outlier. */
export function practiceScale(rng: Rng): number {
  const body = rng.logNormal(1, 0.55);
  return rng.chance(0.04) ? body * Math.min(rng.pareto(1.5, 1.4), 30) : body;
}

export function buildProviders(count: number, weights: ZipWeights, seed: number): ProviderUniverse {
  const rng = new Rng(seed, 'providers');
  const specialtySampler = new WeightedSampler(SPECIALTIES.map((s) => s.share));
  const zipSamplers = SPECIALTIES.map(
    (s) => new WeightedSampler(specialtyZipWeights(weights, s.metroPull)),
  );
  const u: ProviderUniverse = {
    count,
    npi: new Uint32Array(count),
    specialty: new Uint8Array(count),
    zip: new Int32Array(count),
    scale: new Float32Array(count),
    lastName: new Uint8Array(count),
    firstName: new Uint8Array(count),
    middleInitial: new Uint8Array(count),
    credential: new Uint8Array(count),
  };
  for (let i = 0; i < count; i++) {
    const s = specialtySampler.draw(rng);
    const spec = SPECIALTIES[s]!;
    u.npi[i] = syntheticNpi(i + 1);
    u.specialty[i] = s;
    u.zip[i] = zipSamplers[s]!.draw(rng);
    u.scale[i] = practiceScale(rng) * (spec.organization ? 2 : 1);
    u.lastName[i] = rng.int(LAST_NAMES.length);
    u.firstName[i] = rng.int(FIRST_NAMES.length);
    u.middleInitial[i] = rng.int(MIDDLE_INITIALS.length + 3); // a few have no middle initial
    u.credential[i] = spec.credentials.length ? rng.int(spec.credentials.length) : 0;
  }
  return u;
}

/** Providers per ZIP (index into the ZIP table). */
export function providersPerZip(u: ProviderUniverse, zipCount: number): Uint32Array {
  const counts = new Uint32Array(zipCount);
  for (let i = 0; i < u.count; i++) counts[u.zip[i]!]! += 1;
  return counts;
}
