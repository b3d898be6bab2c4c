// The smaller demo files around the claims: access list, Open Payments–style competitor payments,
// office hours (time windows) and ICD-10 diagnosis volumes. Each is derived from the provider
// columns with its own seeded stream.
import { ChunkWriter, csvField, money, type Sink } from './csv';
import { SYNTHETIC_MANUFACTURERS } from './names';
import type { ProviderUniverse } from './providers';
import { Rng } from './random';
import { SPECIALTIES } from './specialties';

const typeIndex = (t: string) => SPECIALTIES.findIndex((s) => s.providerType === t);

/** Access list: most providers see reps; system-employed ones less so; a few are no-see. */
export function writeAccessList(
  u: ProviderUniverse,
  system: Int32Array,
  seed: number,
  sink: Sink,
): number {
  const rng = new Rng(seed, 'access');
  const out = new ChunkWriter(sink, 'npi,access_score,no_see');
  for (let i = 0; i < u.count; i++) {
    const affiliated = system[i]! >= 0;
    const noSee = rng.chance(affiliated ? 0.12 : 0.05);
    const base = noSee
      ? rng.uniform(0, 0.15)
      : Math.min(1, Math.max(0.05, 0.72 - (affiliated ? 0.12 : 0) + 0.17 * rng.normal()));
    out.line(`${u.npi[i]},${money(base)},${noSee ? 1 : 0}`);
  }
  out.flush();
  return out.lines;
}

/** Which synthetic manufacturer courts which specialty (index into SYNTHETIC_MANUFACTURERS). */
const MANUFACTURER_OF: Record<string, number> = {
  'Orthopedic Surgery': 0,
  'Interventional Cardiology': 1,
  'Cardiac Surgery': 1,
  Cardiology: 1,
  Neurosurgery: 2,
  'Interventional Pain Management': 2,
  Endocrinology: 3,
  Ophthalmology: 4,
};
const PRODUCT_OF = [
  'Synthetic Knee System',
  'Synthetic TAVR Valve',
  'Synthetic Fusion Cage',
  'Synthetic CGM Sensor',
  'Synthetic Anti-VEGF',
];
const NATURES: [nature: string, median: number, share: number][] = [
  ['Food and Beverage', 28, 0.78],
  ['Travel and Lodging', 420, 0.08],
  ['Education', 150, 0.06],
  ['Consulting Fee', 2600, 0.06],
  [
    'Compensation for services other than consulting, including serving as faculty or as a speaker at a venue other than a continuing education program',
    3800,
    0.02,
  ],
];

export const OPEN_PAYMENTS_HEADER = [
  'Change_Type',
  'Covered_Recipient_Type',
  'Covered_Recipient_NPI',
  'Covered_Recipient_First_Name',
  'Covered_Recipient_Last_Name',
  'Recipient_State',
  'Recipient_Zip_Code',
  'Applicable_Manufacturer_or_Applicable_GPO_Making_Payment_Name',
  'Total_Amount_of_Payment_USDollars',
  'Date_of_Payment',
  'Number_of_Payments_Included_in_Total_Amount',
  'Form_of_Payment_or_Transfer_of_Value',
  'Nature_of_Payment_or_Transfer_of_Value',
  'Name_of_Drug_or_Biological_or_Device_or_Medical_Supply_1',
  'Program_Year',
].join(',');

export type PaymentsInput = {
  u: ProviderUniverse;
  /** Annual services per provider (from the claims writer): busier proceduralists are courted more. */
  services: Float64Array;
  zipOf: (zipIndex: number) => { zip: string; state: string };
  names: (i: number) => { first: string; last: string };
  year: number;
  seed: number;
};

/** Open Payments general-payments lines (a subset of the real columns) from synthetic manufacturers. */
export function writeOpenPayments(p: PaymentsInput, sink: Sink): number {
  const rng = new Rng(p.seed, 'payments');
  const out = new ChunkWriter(sink, OPEN_PAYMENTS_HEADER);
  const maker = SPECIALTIES.map((s) => MANUFACTURER_OF[s.providerType] ?? -1);
  const natureWeights = NATURES.map((n) => n[2]);
  for (let i = 0; i < p.u.count; i++) {
    const m = maker[p.u.specialty[i]!]!;
    if (m < 0) continue;
    const busy = Math.min(1, Math.log1p(p.services[i]!) / 8);
    if (!rng.chance(0.15 + 0.35 * busy)) continue;
    const { zip, state } = p.zipOf(p.u.zip[i]!);
    const { first, last } = p.names(i);
    const n = 1 + rng.int(4);
    for (let k = 0; k < n; k++) {
      let r = rng.next() * natureWeights.reduce((a, b) => a + b, 0);
      let j = 0;
      while (j < NATURES.length - 1 && (r -= natureWeights[j]!) >= 0) j++;
      const [nature, median] = NATURES[j]!;
      const month = 1 + rng.int(12);
      const day = 1 + rng.int(28);
      const date = `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/${p.year}`;
      out.line(
        `NEW,Covered Recipient Physician,${p.u.npi[i]},${first},${last},${state},${zip},${csvField(SYNTHETIC_MANUFACTURERS[m]!)},` +
          `${money(rng.logNormal(median, 0.5))},${date},1,In-kind items and services,${csvField(nature)},${PRODUCT_OF[m]},${p.year}`,
      );
    }
  }
  out.flush();
  return out.lines;
}

const SURGICAL = new Set(
  ['Orthopedic Surgery', 'Cardiac Surgery', 'Neurosurgery', 'Interventional Cardiology'].map(
    typeIndex,
  ),
);
const CLINIC_HALF_DAYS = new Set(
  ['Ophthalmology', 'Endocrinology', 'Interventional Pain Management', 'Cardiology'].map(typeIndex),
);
const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

/**
 * Office hours when reps can be seen: surgeons only on their two or three clinic days (they are in
 * the OR otherwise), some office specialists on a few half days. Primary care has no window.
 */
export function writeTimeWindows(u: ProviderUniverse, seed: number, sink: Sink): number {
  const rng = new Rng(seed, 'windows');
  const out = new ChunkWriter(sink, 'npi,weekday,open,close');
  for (let i = 0; i < u.count; i++) {
    const s = u.specialty[i]!;
    const surgical = SURGICAL.has(s);
    if (!surgical && !(CLINIC_HALF_DAYS.has(s) && rng.chance(0.5))) continue;
    const days = surgical ? 2 + rng.int(2) : 2 + rng.int(3);
    const first = rng.int(5);
    for (let d = 0; d < days; d++) {
      const weekday = WEEKDAY_NAMES[(first + d * 2) % 5]!;
      const morning = surgical || rng.chance(0.5);
      out.line(
        `${u.npi[i]},${weekday},${morning ? '08:00' : '13:00'},${morning ? (surgical ? '16:30' : '12:00') : '17:00'}`,
      );
    }
  }
  out.flush();
  return out.lines;
}

const DIAGNOSES: Record<string, [code: string, perThousandServices: number][]> = {
  'Orthopedic Surgery': [
    ['M17.11', 90],
    ['M17.12', 85],
    ['M16.11', 45],
    ['M16.12', 42],
  ],
  Cardiology: [
    ['I35.0', 40],
    ['I25.10', 180],
    ['I48.91', 120],
  ],
  'Interventional Cardiology': [
    ['I35.0', 120],
    ['I25.10', 260],
  ],
  'Cardiac Surgery': [
    ['I35.0', 300],
    ['I25.10', 200],
  ],
  Neurosurgery: [
    ['M48.062', 160],
    ['M51.16', 120],
    ['M47.816', 80],
  ],
  'Interventional Pain Management': [
    ['M48.062', 60],
    ['M51.16', 70],
    ['M47.816', 90],
  ],
  Endocrinology: [
    ['E11.65', 170],
    ['E11.9', 130],
    ['E10.9', 70],
    ['E03.9', 60],
  ],
  'Internal Medicine': [
    ['E11.9', 60],
    ['E11.65', 25],
  ],
  'Family Practice': [['E11.9', 55]],
  Ophthalmology: [
    ['H35.3211', 30],
    ['H25.13', 120],
    ['H40.1131', 40],
  ],
};

/** Diagnosed patients per provider and ICD-10 code, as a commercial claims vendor would export them. */
export function writeDiagnoses(
  u: ProviderUniverse,
  services: Float64Array,
  year: number,
  seed: number,
  sink: Sink,
): number {
  const rng = new Rng(seed, 'diagnoses');
  const out = new ChunkWriter(sink, 'npi,icd10,patients,claims,year');
  const table = SPECIALTIES.map((s) => DIAGNOSES[s.providerType] ?? []);
  for (let i = 0; i < u.count; i++) {
    for (const [code, rate] of table[u.specialty[i]!]!) {
      const patients = Math.round((services[i]! * rate * rng.logNormal(1, 0.35)) / 1000);
      if (patients < 11) continue; // the same small-cell suppression vendors apply
      out.line(
        `${u.npi[i]},${code},${patients},${Math.round(patients * rng.uniform(1.4, 4))},${year}`,
      );
    }
  }
  out.flush();
  return out.lines;
}
