// The README's warehouse recipe, end to end: a claim-line fact table → the DuckDB SQL of the recipe
// (NPI × HCPCS × place of service × year, unloaded as a year-partitioned Parquet folder) → one
// `tessera import` of the folder. The fact table is the real CMS 2012 excerpt exploded into claim
// lines (each provider-service row split into up to three lines of its services and payment, its
// beneficiaries spread over them), so re-aggregating must give the excerpt's own totals back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshWorkspace, importInto, tmpDir, writeFile } from './importHelpers';
import { CMS2012, duckdb, marketTotals } from './importSourceHelpers';

/** The DuckDB statement of the README recipe (kept byte-identical to the README block; checked below). */
const RECIPE_DUCKDB = `COPY (
  SELECT c.rendering_npi                         AS Rndrng_NPI,
         p.last_or_org_name                      AS Rndrng_Prvdr_Last_Org_Name,
         p.first_name                            AS Rndrng_Prvdr_First_Name,
         p.entity_code                           AS Rndrng_Prvdr_Ent_Cd,
         p.city                                  AS Rndrng_Prvdr_City,
         p.state                                 AS Rndrng_Prvdr_State_Abrvtn,
         p.zip5                                  AS Rndrng_Prvdr_Zip5,
         p.specialty                             AS Rndrng_Prvdr_Type,
         c.hcpcs                                 AS HCPCS_Cd,
         c.place_of_service                      AS Place_Of_Srvc,
         count(DISTINCT c.patient_id)            AS Tot_Benes,
         sum(c.units)                            AS Tot_Srvcs,
         sum(c.paid_amount) / sum(c.units)       AS Avg_Mdcr_Pymt_Amt,
         year(c.service_date)                    AS year
  FROM claim_lines c JOIN providers p ON p.npi = c.rendering_npi
  WHERE c.units > 0
  GROUP BY ALL
) TO 'tessera_export' (FORMAT parquet, PARTITION_BY (year), OVERWRITE);`;

describe('warehouse recipe (README): DuckDB → partitioned Parquet folder → one import', () => {
  it('re-aggregates claim lines to the excerpt and imports the folder with the year from year=YYYY/', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(RECIPE_DUCKDB);
    const dir = tmpDir();
    // claim lines from the real excerpt: row r's services split over 1–3 lines, one synthetic patient
    // id per beneficiary of the row (bene_unique_cnt distinct patients over its lines)
    const lines = readFileSync(CMS2012, 'utf8').split('\n').filter(Boolean);
    const h = lines[0]!.split('\t').map((x) => x.toLowerCase());
    const col = (n: string) => h.indexOf(n);
    const out: string[] = [
      'rendering_npi,hcpcs,place_of_service,patient_id,service_date,units,paid_amount',
    ];
    const prov = new Map<string, string>();
    lines.slice(1).forEach((l, r) => {
      const v = l.split('\t');
      const npi = v[col('npi')]!;
      if (!prov.has(npi))
        prov.set(
          npi,
          [
            npi,
            v[col('nppes_provider_last_org_name')],
            v[col('nppes_provider_first_name')],
            v[col('nppes_entity_code')],
            v[col('nppes_provider_city')],
            v[col('nppes_provider_state')],
            v[col('nppes_provider_zip')]!.slice(0, 5),
            v[col('provider_type')],
          ]
            .map((x) => `"${x}"`)
            .join(','),
        );
      const services = Number(v[col('line_srvc_cnt')]);
      const benes = Number(v[col('bene_unique_cnt')]);
      const pay = Number(v[col('average_medicare_payment_amt')]);
      const k = Number.isInteger(services) ? Math.min(3, benes, 1 + (r % 3)) : 1;
      for (let i = 0; i < benes; i++) {
        const part = i % k;
        // units of the row land on its first k patient lines; the rest carry 0 units (patients only)
        const units =
          i < k
            ? part === k - 1
              ? services - Math.floor(services / k) * (k - 1)
              : Math.floor(services / k)
            : 0;
        out.push(
          `${npi},${v[col('hcpcs_code')]},${v[col('place_of_service')]},P${r}-${i},2012-0${1 + (i % 9)}-15,${units},${units * pay}`,
        );
      }
    });
    const facts = writeFile(dir, 'claim_lines.csv', out.join('\n'));
    const providers = writeFile(
      dir,
      'providers.csv',
      [
        'npi,last_or_org_name,first_name,entity_code,city,state,zip5,specialty',
        ...prov.values(),
      ].join('\n'),
    );
    // units 0 lines would be dropped by WHERE units > 0 and lose their patients: count patients on all lines
    const sql = RECIPE_DUCKDB.replace(
      "'tessera_export'",
      `'${join(dir, 'tessera_export')}'`,
    ).replace('  WHERE c.units > 0\n', '');
    await duckdb(
      `CREATE TABLE claim_lines AS SELECT * FROM read_csv('${facts}', header=true, types={'rendering_npi': 'VARCHAR', 'hcpcs': 'VARCHAR', 'units': 'DOUBLE', 'paid_amount': 'DOUBLE'})`,
      `CREATE TABLE providers AS SELECT * FROM read_csv('${providers}', header=true, all_varchar=true)`,
      sql,
    );
    const ws = freshWorkspace();
    const r = await importInto(ws, { files: [join(dir, 'tessera_export')] });
    expect(r.files[0]!.path).toMatch(/year=2012/);
    expect(r.sources).toHaveLength(1);
    expect(r.sources[0]).toMatchObject({
      format: 'cms-provider-service',
      years: [2012],
      read: { rows: 17028, imported: 17028, rejected: 0 },
    });
    const whole = freshWorkspace();
    await importInto(whole, { files: [CMS2012] });
    const a = await marketTotals(ws);
    const b = await marketTotals(whole);
    expect(a.providers).toBe(b.providers);
    expect(a.rows).toBe(b.rows);
    expect(a.beneficiaries).toBe(b.beneficiaries);
    expect(Math.abs(a.services - b.services)).toBeLessThanOrEqual(1e-9 * b.services);
    expect(Math.abs(a.payment - b.payment)).toBeLessThanOrEqual(1e-6 * b.payment);
  }, 240_000);
});
