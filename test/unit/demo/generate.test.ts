import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CMS_HEADER, MIN_BENES } from '../../../workers/domain/demo/claims';
import { DEMO_CODES } from '../../../workers/domain/demo/codes';
import { DEMO_FILES } from '../../../workers/domain/demo/generate';
import { isValidNpi } from '../../../workers/domain/demo/npi';
import { csvRows, generateInMemory, splitCsvLine, testZips, type GeneratedDemo } from './fixtures';

const zips = testZips();
const options = { providers: 6000, seed: 11, reps: 12, year: 2022 };
let demo: GeneratedDemo;
let claims: Record<string, string>[];

const num = (s: string | undefined) => Number(s);

beforeAll(() => {
  demo = generateInMemory(zips, options);
  claims = csvRows(demo.files.claims);
});

function digest(d: GeneratedDemo): Record<string, string> {
  return Object.fromEntries(
    DEMO_FILES.map((f) => [f, createHash('sha256').update(d.files[f]).digest('hex')]),
  );
}

describe('demo generator: determinism', () => {
  it('writes the same bytes for the same seed and different data for another seed', () => {
    const again = generateInMemory(zips, options);
    expect(digest(again)).toEqual(digest(demo));
    const other = generateInMemory(zips, { ...options, seed: 12 });
    expect(other.files.claims).not.toBe(demo.files.claims);
  });
});

describe('demo generator: CMS claims file', () => {
  it('has the 28-column header and 28 fields on every line', () => {
    const lines = demo.files.claims.split('\n').filter(Boolean);
    expect(splitCsvLine(lines[0]!)).toEqual([...CMS_HEADER]);
    expect(lines.every((l) => splitCsvLine(l).length === 28)).toBe(true);
    expect(lines.length - 1).toBe(demo.summary.volumeRows);
  });

  it('has exactly the requested providers, with valid synthetic NPIs, clearly labelled', () => {
    const npis = new Set(claims.map((r) => r.Rndrng_NPI!));
    expect(npis.size).toBe(options.providers);
    expect([...npis].every((n) => isValidNpi(Number(n)) && n.startsWith('3'))).toBe(true);
    const unlabelled = claims.filter((r) =>
      r.Rndrng_Prvdr_Ent_Cd === 'I'
        ? !r.Rndrng_Prvdr_Crdntls!.includes('SYNTHETIC')
        : !r.Rndrng_Prvdr_Last_Org_Name!.startsWith('Synthetic'),
    );
    expect(unlabelled).toEqual([]);
  });

  it('keeps Tot_Benes >= 11 and Tot_Benes <= Tot_Bene_Day_Srvcs <= Tot_Srvcs', () => {
    const bad = claims.filter((r) => {
      const b = num(r.Tot_Benes);
      const d = num(r.Tot_Bene_Day_Srvcs);
      const s = num(r.Tot_Srvcs);
      return !(b >= MIN_BENES && b <= d && d <= s && Number.isInteger(b));
    });
    expect(bad).toEqual([]);
  });

  it('prices plausibly: submitted > allowed > paid > 0, paid about 78 % of allowed', () => {
    const bad = claims.filter((r) => {
      const sub = num(r.Avg_Sbmtd_Chrg);
      const al = num(r.Avg_Mdcr_Alowd_Amt);
      const paid = num(r.Avg_Mdcr_Pymt_Amt);
      return !(
        sub > al &&
        al > paid &&
        paid > 0 &&
        paid / al > 0.74 &&
        paid / al < 0.8 &&
        num(r.Avg_Mdcr_Stdzd_Amt) > 0
      );
    });
    expect(bad).toEqual([]);
  });

  it('uses the right place of service and drug flag per code', () => {
    const byCode = new Map(DEMO_CODES.map((c) => [c.code, c]));
    const bad = claims.filter((r) => {
      const c = byCode.get(r.HCPCS_Cd!);
      if (!c || r.HCPCS_Desc !== c.description) return true;
      if ((r.HCPCS_Drug_Ind === 'Y') !== c.drug) return true;
      if (c.facilityShare === 1 && r.Place_Of_Srvc !== 'F') return true;
      if (c.facilityShare === 0 && r.Place_Of_Srvc !== 'O') return true;
      return r.Place_Of_Srvc !== 'F' && r.Place_Of_Srvc !== 'O';
    });
    expect(bad).toEqual([]);
    expect(claims.some((r) => r.HCPCS_Cd === 'J0178' && r.HCPCS_Drug_Ind === 'Y')).toBe(true);
    expect(claims.some((r) => r.Tot_Srvcs!.includes('.'))).toBe(true); // fractional drug units
  });

  it('gives procedures to the specialties that perform them', () => {
    const typesBilling = (code: string) =>
      new Set(claims.filter((r) => r.HCPCS_Cd === code).map((r) => r.Rndrng_Prvdr_Type));
    expect([...typesBilling('27447')]).toEqual(['Orthopedic Surgery']);
    expect([...typesBilling('33361')].sort()).toEqual([
      'Cardiac Surgery',
      'Interventional Cardiology',
    ]);
    expect([...typesBilling('J0178')]).toEqual(['Ophthalmology']);
    expect([...typesBilling('22633')]).toEqual(['Neurosurgery']);
    expect(typesBilling('95251').has('Endocrinology')).toBe(true);
    expect(typesBilling('99214').size).toBeGreaterThan(8);
  });

  it('has heavy-tailed volumes: the busiest 10 % of E/M billers hold over a third of the visits', () => {
    const perProvider = claims
      .filter((r) => r.HCPCS_Cd === '99214')
      .map((r) => num(r.Tot_Srvcs))
      .sort((a, b) => b - a);
    const total = perProvider.reduce((a, b) => a + b, 0);
    const top = perProvider.slice(0, Math.ceil(perProvider.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.33);
    expect(perProvider[0]! / perProvider[Math.floor(perProvider.length / 2)]!).toBeGreaterThan(8);
  });

  it('clusters providers in metros: dense urban ZIPs hold far more providers than their share of ZIPs', () => {
    const zipIndex = new Map(zips.zip.map((z, i) => [z, i]));
    const providerZip = new Map(
      claims.map((r) => [r.Rndrng_NPI!, zipIndex.get(r.Rndrng_Prvdr_Zip5!)!]),
    );
    const dense =
      [...providerZip.values()].filter((i) => zips.density[i]! >= 2).length / providerZip.size;
    const denseZipShare = Array.from(zips.density).filter((d) => d >= 2).length / zips.count;
    expect(dense).toBeGreaterThan(3 * denseZipShare);
    const rural = [...providerZip.values()].filter(
      (i) => zips.state[i] === 'MT' || zips.state[i] === 'KS',
    ).length;
    expect(rural).toBeGreaterThan(0); // a rural tail exists
    expect(rural / providerZip.size).toBeLessThan(0.3);
  });
});

describe('demo generator: accounts, roster and alignment', () => {
  it('affiliates providers once each with synthetic health systems', () => {
    const rows = csvRows(demo.files.affiliations);
    const npis = new Set(claims.map((r) => r.Rndrng_NPI));
    expect(rows.length).toBeGreaterThan(options.providers * 0.2);
    expect(new Set(rows.map((r) => r.npi)).size).toBe(rows.length);
    expect(
      rows.every(
        (r) =>
          npis.has(r.npi) &&
          /^SHS\d{4}$/.test(r.system_id!) &&
          r.system_name!.startsWith('Synthetic '),
      ),
    ).toBe(true);
  });

  it('writes an access list for every provider with scores in [0, 1]', () => {
    const rows = csvRows(demo.files.access);
    expect(rows.length).toBe(options.providers);
    expect(
      rows.every(
        (r) =>
          num(r.access_score) >= 0 &&
          num(r.access_score) <= 1 &&
          (r.no_see === '0' || r.no_see === '1'),
      ),
    ).toBe(true);
    const noSee = rows.filter((r) => r.no_see === '1').length / rows.length;
    expect(noSee).toBeGreaterThan(0.02);
    expect(noSee).toBeLessThan(0.2);
  });

  it('writes payments, office hours and diagnoses for known providers', () => {
    const npis = new Set(claims.map((r) => r.Rndrng_NPI));
    const payments = csvRows(demo.files.payments);
    expect(payments.length).toBeGreaterThan(0);
    expect(
      payments.every(
        (r) =>
          npis.has(r.Covered_Recipient_NPI) &&
          r.Applicable_Manufacturer_or_Applicable_GPO_Making_Payment_Name!.startsWith(
            'Synthetic ',
          ) &&
          num(r.Total_Amount_of_Payment_USDollars) > 0,
      ),
    ).toBe(true);
    const windows = csvRows(demo.files.windows);
    expect(
      windows.every(
        (r) => npis.has(r.npi) && /^(Mon|Tue|Wed|Thu|Fri)$/.test(r.weekday!) && r.close! > r.open!,
      ),
    ).toBe(true);
    const dx = csvRows(demo.files.diagnoses);
    expect(
      dx.every(
        (r) =>
          npis.has(r.npi) &&
          /^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/.test(r.icd10!) &&
          num(r.patients) >= 11 &&
          num(r.claims) >= num(r.patients),
      ),
    ).toBe(true);
  });

  it('aligns exactly the ZIPs that have providers, in the requested number of territories', () => {
    const align = csvRows(demo.files.alignment);
    const providerZips = new Set(claims.map((r) => r.Rndrng_Prvdr_Zip5));
    expect(new Set(align.map((r) => r.zip))).toEqual(providerZips);
    expect(align.length).toBe(providerZips.size);
    const territories = new Set(align.map((r) => r.territory_id));
    expect(territories.size).toBe(options.reps);
    expect(demo.summary.territories).toBe(options.reps);
  });

  it('staffs each territory with one rep living inside it, in districts and regions', () => {
    const align = csvRows(demo.files.alignment);
    const roster = csvRows(demo.files.roster);
    expect(roster.length).toBe(options.reps);
    const territoryOfZip = new Map(align.map((r) => [r.zip, r.territory_id]));
    const repOfTerritory = new Map(align.map((r) => [r.territory_id, r.rep_id]));
    for (const rep of roster) {
      expect(rep.name).toMatch(/\(synthetic\)$/);
      expect(repOfTerritory.get(territoryOfZip.get(rep.home_zip!)!)).toBe(rep.rep_id);
    }
    expect(align.every((r) => r.district!.startsWith('D') && r.region!.length > 0)).toBe(true);
  });

  it('is a legacy alignment: contiguous ZIP blocks with visibly unbalanced territories', () => {
    const align = csvRows(demo.files.alignment);
    const order = align.map((r) => r.territory_id!);
    // ZIP-sorted blocks: each territory appears as one run in ZIP order.
    const runs = order.filter((t, i) => i === 0 || t !== order[i - 1]).length;
    expect(runs).toBe(options.reps);
    // Whole 3-digit prefixes, except dense ones split into a few wedges.
    const prefixes = new Set(align.map((r) => r.zip!.slice(0, 3)));
    const prefixTerritoryPairs = new Set(
      align.map((r) => `${r.zip!.slice(0, 3)}|${r.territory_id}`),
    );
    expect(prefixTerritoryPairs.size).toBeLessThanOrEqual(prefixes.size + 2 * options.reps);
    const providersPerZip = new Map<string, number>();
    for (const r of claims) providersPerZip.set(r.Rndrng_Prvdr_Zip5!, 0);
    const seen = new Set<string>();
    for (const r of claims) {
      if (seen.has(r.Rndrng_NPI!)) continue;
      seen.add(r.Rndrng_NPI!);
      providersPerZip.set(r.Rndrng_Prvdr_Zip5!, providersPerZip.get(r.Rndrng_Prvdr_Zip5!)! + 1);
    }
    const perTerritory = new Map<string, number>();
    for (const r of align)
      perTerritory.set(
        r.territory_id!,
        (perTerritory.get(r.territory_id!) ?? 0) + providersPerZip.get(r.zip!)!,
      );
    const sizes = [...perTerritory.values()];
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeGreaterThan(1.3);
  });
});

describe('demo generator: legacy alignment with a ZIP graph', () => {
  /** Symmetric 4-nearest-neighbour graph of the test ZIPs. */
  function knnGraph(): { start: Int32Array; list: Int32Array } {
    const n = zips.count;
    const adj: Set<number>[] = Array.from({ length: n }, () => new Set());
    for (let i = 0; i < n; i++) {
      const d = Array.from(
        { length: n },
        (_, j) =>
          [j, (zips.lat[i]! - zips.lat[j]!) ** 2 + (zips.lon[i]! - zips.lon[j]!) ** 2] as const,
      )
        .filter(([j]) => j !== i)
        .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      for (const [j] of d.slice(0, 4)) {
        adj[i]!.add(j);
        adj[j]!.add(i);
      }
    }
    const start = new Int32Array(n + 1);
    adj.forEach((s, i) => (start[i + 1] = start[i]! + s.size));
    return { start, list: Int32Array.from(adj.flatMap((s) => [...s].sort((a, b) => a - b))) };
  }

  /** Territories whose provider ZIPs form more than one piece in the graph restricted to them. */
  function splitTerritories(alignment: string, g: { start: Int32Array; list: Int32Array }): number {
    const index = new Map(zips.zip.map((z, i) => [z, i]));
    const territory = new Map(csvRows(alignment).map((r) => [index.get(r.zip!)!, r.territory_id!]));
    const seen = new Set<number>();
    const piecesOf = new Map<string, number>();
    for (const [s, t] of territory) {
      if (seen.has(s)) continue;
      piecesOf.set(t, (piecesOf.get(t) ?? 0) + 1);
      const stack = [s];
      seen.add(s);
      while (stack.length) {
        const u = stack.pop()!;
        for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
          const v = g.list[e]!;
          if (!seen.has(v) && territory.get(v) === t) {
            seen.add(v);
            stack.push(v);
          }
        }
      }
    }
    return [...piecesOf.values()].filter((p) => p > 1).length;
  }

  it('merges detached pieces into neighbours while still covering every provider ZIP', () => {
    const g = knnGraph();
    const tidy = generateInMemory(zips, { ...options, zipGraph: g });
    expect(tidy.files.claims).toBe(demo.files.claims);
    const align = csvRows(tidy.files.alignment);
    expect(new Set(align.map((r) => r.zip))).toEqual(
      new Set(claims.map((r) => r.Rndrng_Prvdr_Zip5)),
    );
    expect(new Set(align.map((r) => r.territory_id)).size).toBe(options.reps);
    expect(splitTerritories(tidy.files.alignment, g)).toBeLessThanOrEqual(
      splitTerritories(demo.files.alignment, g),
    );
  });
});
