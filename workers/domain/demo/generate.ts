// The whole synthetic demo dataset, written file by file to caller-supplied sinks (the data layer
// streams them to disk). Pure and deterministic: the same ZIP table, options and seed give the same
// bytes. Order: ZIP weights → providers → health systems → claims → affiliations → access →
// payments → office hours → diagnoses → legacy alignment and roster.
import { buildLegacyAlignment } from './alignment';
import { writeClaims } from './claims';
import { ChunkWriter, type Sink } from './csv';
import { writeAccessList, writeDiagnoses, writeOpenPayments, writeTimeWindows } from './extras';
import type { ZipGraph } from './exclaves';
import { zipWeights, type DemoZips } from './geography';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { buildProviders, providersPerZip } from './providers';
import { assignAffiliations, buildHealthSystems, systemCount, type HealthSystems } from './systems';

export type DemoOptions = {
  providers: number;
  seed: number;
  /** Territories (one rep each) in the legacy alignment. */
  reps: number;
  /** Data year of the claims, payments and diagnoses. */
  year: number;
  /** ZIP adjacency in ZIP table order: lets the legacy alignment be mostly contiguous. */
  zipGraph?: ZipGraph;
};

export const DEMO_FILES = [
  'claims',
  'affiliations',
  'access',
  'payments',
  'windows',
  'diagnoses',
  'roster',
  'alignment',
] as const;
export type DemoFile = (typeof DEMO_FILES)[number];
export type DemoSinks = Record<DemoFile, Sink>;

/** Progress between steps; it may throw to stop generation (cancellation). */
export type DemoProgress = (p: { phase: string; done: number; total: number }) => void;

export type DemoSummary = {
  providers: number;
  volumeRows: number;
  healthSystems: number;
  affiliated: number;
  territories: number;
  reps: number;
  /** Data lines written per file (header excluded). */
  lines: Record<DemoFile, number>;
};

export function defaultReps(providers: number): number {
  return Math.max(4, Math.min(200, Math.round(providers / 1500)));
}

function writeAffiliations(
  u: { count: number; npi: Uint32Array },
  system: Int32Array,
  s: HealthSystems,
  sink: Sink,
): number {
  const out = new ChunkWriter(sink, 'npi,system_id,system_name');
  for (let i = 0; i < u.count; i++) {
    const k = system[i]!;
    if (k >= 0) out.line(`${u.npi[i]},${s.id[k]},${s.name[k]}`);
  }
  out.flush();
  return out.lines;
}

export function generateDemo(
  zips: DemoZips,
  o: DemoOptions,
  sinks: DemoSinks,
  progress: DemoProgress = () => {},
): DemoSummary {
  if (!Number.isInteger(o.providers) || o.providers < 1)
    throw new RangeError(`providers must be a positive integer, got ${o.providers}`);
  const total = o.providers;
  const weights = zipWeights(zips);
  progress({ phase: 'providers', done: 0, total });
  const u = buildProviders(total, weights, o.seed);
  const systems = buildHealthSystems(systemCount(total), weights, o.seed);
  const system = assignAffiliations(u, systems, zips, o.seed);
  const claims = writeClaims(u, zips, o.seed, sinks.claims, (done) =>
    progress({ phase: 'claims', done, total }),
  );
  const lines = { claims: claims.rows } as Record<DemoFile, number>;
  progress({ phase: 'accounts', done: total, total });
  lines.affiliations = writeAffiliations(u, system, systems, sinks.affiliations);
  lines.access = writeAccessList(u, system, o.seed, sinks.access);
  lines.payments = writeOpenPayments(
    {
      u,
      services: claims.services,
      zipOf: (z) => ({ zip: zips.zip[z]!, state: zips.state[z]! }),
      names: (i) => ({ first: FIRST_NAMES[u.firstName[i]!]!, last: LAST_NAMES[u.lastName[i]!]! }),
      year: o.year,
      seed: o.seed,
    },
    sinks.payments,
  );
  lines.windows = writeTimeWindows(u, o.seed, sinks.windows);
  lines.diagnoses = writeDiagnoses(u, claims.services, o.year, o.seed, sinks.diagnoses);
  const alignment = buildLegacyAlignment({
    zips,
    counts: providersPerZip(u, zips.count),
    territories: o.reps,
    seed: o.seed,
    graph: o.zipGraph,
  });
  const roster = new ChunkWriter(sinks.roster, 'rep_id,name,home_zip,level');
  for (const t of alignment.territories)
    roster.line(`${t.repId},${t.repName},${zips.zip[t.homeZip]},territory`);
  roster.flush();
  lines.roster = roster.lines;
  const align = new ChunkWriter(sinks.alignment, 'zip,territory_id,district,region,rep_id');
  for (let j = 0; j < alignment.zips.length; j++) {
    const t = alignment.territories[alignment.territoryOf[j]!]!;
    align.line(`${zips.zip[alignment.zips[j]!]},${t.id},${t.district},${t.region},${t.repId}`);
  }
  align.flush();
  lines.alignment = align.lines;
  return {
    providers: total,
    volumeRows: claims.rows,
    healthSystems: systems.count,
    affiliated: lines.affiliations,
    territories: alignment.territories.length,
    reps: alignment.territories.length,
    lines,
  };
}
