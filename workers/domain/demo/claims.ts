// Writes the synthetic universe as a CMS "Medicare Physician & Other Practitioners — by Provider and
// Service" file in the current 28-column CSV layout, one line per NPI × HCPCS × place of service.
// Like the real file, lines with fewer than 11 beneficiaries are suppressed, Tot_Benes ≤
// Tot_Bene_Day_Srvcs ≤ Tot_Srvcs, and amounts are per-service averages.
import { demoCode, type DemoCode } from './codes';
import { ByteWriter, csvField, utf8, type Sink } from './csv';
import type { DemoZips } from './geography';
import { FIRST_NAMES, LAST_NAMES, MIDDLE_INITIALS, STREET_NAMES, STREET_SUFFIXES } from './names';
import { paymentFactor, RUCA_DESCRIPTIONS, rucaCode, stateFips } from './places';
import type { ProviderUniverse } from './providers';
import { Rng } from './random';
import { SPECIALTIES } from './specialties';

export const CMS_HEADER = [
  'Rndrng_NPI',
  'Rndrng_Prvdr_Last_Org_Name',
  'Rndrng_Prvdr_First_Name',
  'Rndrng_Prvdr_MI',
  'Rndrng_Prvdr_Crdntls',
  'Rndrng_Prvdr_Ent_Cd',
  'Rndrng_Prvdr_St1',
  'Rndrng_Prvdr_St2',
  'Rndrng_Prvdr_City',
  'Rndrng_Prvdr_State_Abrvtn',
  'Rndrng_Prvdr_State_FIPS',
  'Rndrng_Prvdr_Zip5',
  'Rndrng_Prvdr_RUCA',
  'Rndrng_Prvdr_RUCA_Desc',
  'Rndrng_Prvdr_Cntry',
  'Rndrng_Prvdr_Type',
  'Rndrng_Prvdr_Mdcr_Prtcptg_Ind',
  'HCPCS_Cd',
  'HCPCS_Desc',
  'HCPCS_Drug_Ind',
  'Place_Of_Srvc',
  'Tot_Benes',
  'Tot_Srvcs',
  'Tot_Bene_Day_Srvcs',
  'Avg_Sbmtd_Chrg',
  'Avg_Mdcr_Alowd_Amt',
  'Avg_Mdcr_Pymt_Amt',
  'Avg_Mdcr_Stdzd_Amt',
] as const;

/** CMS suppresses lines with fewer than 11 beneficiaries. */
export const MIN_BENES = 11;
/** Medicare pays 80 % of the allowed amount, less the 2 % sequestration. */
const PAID_SHARE = 0.8 * 0.98;

export type ClaimsSummary = {
  rows: number;
  /** Services per provider summed over all lines (used to size affiliations and payments). */
  services: Float64Array;
};

/** A menu item with its pre-encoded `HCPCS_Cd,HCPCS_Desc,HCPCS_Drug_Ind,` bytes. */
type MenuEntry = { code: DemoCode; p: number; median: number; bytes: Uint8Array };

const MENUS: MenuEntry[][] = SPECIALTIES.map((s) =>
  s.menu.map((item) => {
    const code = demoCode(item.code);
    return {
      code,
      p: item.p,
      median: item.median,
      bytes: utf8(`${code.code},${csvField(code.description)},${code.drug ? 'Y' : 'N'},`),
    };
  }),
);

const COMMA = 44;
const NEWLINE = 10;

// Pre-encoded pieces of the provider columns (measured: building the prefix as a string and
// encoding it per provider was the largest cost after the lines themselves).
const withComma = (x: string) => utf8(`${csvField(x)},`);
const LAST_BYTES = LAST_NAMES.map(withComma);
const FIRST_BYTES = FIRST_NAMES.map(withComma);
const MI_BYTES = [...MIDDLE_INITIALS.split('').map(withComma), utf8(','), utf8(','), utf8(',')];
const CREDENTIAL_BYTES = SPECIALTIES.map((s) =>
  s.credentials.map((c) => utf8(`${c} (SYNTHETIC),I,`)),
);
const STREET_BYTES = STREET_NAMES.map((n) => utf8(` ${n} `));
const SUFFIX_BYTES = STREET_SUFFIXES.map(withComma);
const TYPE_BYTES = SPECIALTIES.map((s) => utf8(`${csvField(s.providerType)},Y,`));
const ORG_BYTES = utf8('Synthetic Surgery Center ');
const ORG_TAIL_BYTES = utf8(' LLC,,,,O,');
const SUITE_BYTES = utf8('Suite ');

/** `City,ST,FIPS,ZIP5,RUCA,RUCA description,US,` of each ZIP, encoded on first use. */
function zipColumns(zips: DemoZips, seed: number): (z: number) => Uint8Array {
  const cache: (Uint8Array | undefined)[] = new Array(zips.count);
  return (z) => {
    let b = cache[z];
    if (!b) {
      const ruca = rucaCode(zips, z, seed);
      b = utf8(
        `${csvField(zips.city[z]!)},${zips.state[z]},${stateFips(zips, z)},${zips.zip[z]},${ruca},${csvField(RUCA_DESCRIPTIONS[ruca]!)},US,`,
      );
      cache[z] = b;
    }
    return b;
  };
}

/** Writes the 17 provider columns (with the trailing comma) into the scratch writer. */
function providerPrefix(
  p: ByteWriter,
  u: ProviderUniverse,
  i: number,
  zipBytes: Uint8Array,
  rng: Rng,
): Uint8Array {
  const s = u.specialty[i]!;
  p.reset();
  p.int(u.npi[i]!);
  p.byte(COMMA);
  if (SPECIALTIES[s]!.organization) {
    p.bytes(ORG_BYTES);
    p.int(i);
    p.bytes(ORG_TAIL_BYTES);
  } else {
    p.bytes(LAST_BYTES[u.lastName[i]!]!);
    p.bytes(FIRST_BYTES[u.firstName[i]!]!);
    p.bytes(MI_BYTES[u.middleInitial[i]!]!);
    p.bytes(CREDENTIAL_BYTES[s]![u.credential[i]!]!);
  }
  p.int(100 + rng.int(9800));
  p.bytes(STREET_BYTES[rng.int(STREET_BYTES.length)]!);
  p.bytes(SUFFIX_BYTES[rng.int(SUFFIX_BYTES.length)]!);
  if (rng.chance(0.35)) {
    p.bytes(SUITE_BYTES);
    p.int(100 * (1 + rng.int(9)) + rng.int(20));
  }
  p.byte(COMMA);
  p.bytes(zipBytes);
  p.bytes(TYPE_BYTES[s]!);
  return p.view();
}

type LineInput = {
  entry: MenuEntry;
  pos: 'F' | 'O';
  services: number;
  benes: number;
  factor: number;
};

function claimLine(w: ByteWriter, prefix: Uint8Array, x: LineInput, rng: Rng): void {
  const c = x.entry.code;
  const base = x.pos === 'F' ? c.allowedFacility : c.allowedOffice;
  const geo = c.drug ? 1 : x.factor;
  const allowed = base * geo * rng.logNormal(1, 0.06);
  const paid = allowed * PAID_SHARE * rng.uniform(0.97, 1);
  const submitted = allowed * (c.drug ? rng.uniform(1.15, 1.7) : rng.uniform(1.8, 4.2));
  const beneDays = Math.min(
    x.services,
    Math.max(x.benes, Math.round(x.benes + (x.services - x.benes) * rng.uniform(0.55, 1))),
  );
  w.reserve(prefix.length + x.entry.bytes.length + 128);
  w.bytes(prefix);
  w.bytes(x.entry.bytes);
  w.byte(x.pos === 'F' ? 70 : 79);
  w.byte(COMMA);
  w.int(x.benes);
  w.byte(COMMA);
  w.count1(x.services);
  w.byte(COMMA);
  w.count1(beneDays);
  for (const amount of [submitted, allowed, paid, paid / geo]) {
    w.byte(COMMA);
    w.fixed2(amount);
  }
  w.byte(NEWLINE);
}

/** Splits a provider's annual services of one code into office/facility lines. */
function placeSplit(code: DemoCode, rng: Rng): { facility: number } {
  if (code.facilityShare >= 0.97 || code.allowedOffice === 0) return { facility: 1 };
  if (code.facilityShare <= 0.03 || code.allowedFacility === 0) return { facility: 0 };
  if (rng.chance(0.3))
    return { facility: Math.min(0.95, Math.max(0.05, code.facilityShare * rng.logNormal(1, 0.4))) };
  return { facility: rng.chance(code.facilityShare) ? 1 : 0 };
}

function servicesFor(code: DemoCode, amount: number, rng: Rng): number {
  // Drug units are sometimes billed in halves, as in the real file.
  if (code.drug && rng.chance(0.3)) return Math.floor(amount) + 0.5;
  return Math.round(amount);
}

type ProviderLines = { w: ByteWriter; prefix: Uint8Array; factor: number; rng: Rng };

/** Writes one provider's lines; returns the number of lines and services. */
function providerLines(
  u: ProviderUniverse,
  i: number,
  { w, prefix, factor, rng }: ProviderLines,
): { rows: number; services: number } {
  const menu = MENUS[u.specialty[i]!]!;
  let rows = 0;
  let services = 0;
  for (const item of menu) {
    if (!rng.chance(item.p)) continue;
    const total = item.median * u.scale[i]! * rng.logNormal(1, 0.5);
    const { facility } = placeSplit(item.code, rng);
    for (const pos of ['F', 'O'] as const) {
      const share = pos === 'F' ? facility : 1 - facility;
      if (share <= 0) continue;
      const srv = servicesFor(item.code, total * share, rng);
      const benes = Math.min(
        Math.floor(srv),
        Math.round(srv / (item.code.servicesPerBene * rng.logNormal(1, 0.15))),
      );
      if (benes < MIN_BENES) continue;
      claimLine(w, prefix, { entry: item, pos, services: srv, benes, factor }, rng);
      rows += 1;
      services += srv;
    }
  }
  if (rows === 0) {
    // Every provider in the file has at least one unsuppressed line: a small-volume line of its
    // most common code.
    const item = menu.reduce((a, b) => (b.p > a.p ? b : a));
    const benes = MIN_BENES + rng.int(15);
    const srv = Math.max(benes, Math.round(benes * item.code.servicesPerBene));
    const pos = item.code.facilityShare >= 0.5 ? 'F' : 'O';
    claimLine(w, prefix, { entry: item, pos, services: srv, benes, factor }, rng);
    rows = 1;
    services = srv;
  }
  return { rows, services };
}

/** Called between chunks with the providers written so far; it may throw to stop (cancellation). */
export type ClaimsProgress = (providersDone: number) => void;

/** Streams the CMS file to `sink` in chunks of a few MB. */
export function writeClaims(
  u: ProviderUniverse,
  zips: DemoZips,
  seed: number,
  sink: Sink,
  progress?: ClaimsProgress,
): ClaimsSummary {
  const rng = new Rng(seed, 'claims');
  const services = new Float64Array(u.count);
  let rows = 0;
  const w = new ByteWriter(sink);
  w.bytes(utf8(`${CMS_HEADER.join(',')}\n`));
  const scratch = new ByteWriter(() => {}, 4096);
  const zipBytes = zipColumns(zips, seed);
  for (let i = 0; i < u.count; i++) {
    const prefix = providerPrefix(scratch, u, i, zipBytes(u.zip[i]!), rng);
    const lines = providerLines(u, i, { w, prefix, factor: paymentFactor(zips, u.zip[i]!), rng });
    rows += lines.rows;
    services[i] = lines.services;
    if ((i & 4095) === 4095) progress?.(i + 1);
  }
  w.flush();
  progress?.(u.count);
  return { rows, services };
}
