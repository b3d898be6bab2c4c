import { describe, expect, it } from 'vitest';
import { readVolumes } from '../../workers/data/volumeStore';
import { count, freshWorkspace, importInto, tmpDir, writeFile } from './importHelpers';

describe('plain CSV imports', () => {
  it('affiliations, roster (ZIP or lat/lon), alignment (ZIP and NPI), access list, time windows, with rejects', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    const r = await importInto(ws, {
      files: [
        writeFile(
          dir,
          'aff.csv',
          'npi,system_id,system_name\n1234567893,S1,"Mercy Health, Inc."\n1234567901,S2,Baptist\nabc,S3,Bad\n',
        ),
        writeFile(
          dir,
          'reps.csv',
          'rep_id,name,home_zip,lat,lon,level\nR1,Ann,10001,,,rep\nR2,Bob,,41.88,-87.63,rep\nR3,Cy,99999,,,rep\nR1,Dup,10001,,,rep\n',
        ),
        writeFile(
          dir,
          'align.csv',
          'zip,npi,territory_id,district,region,rep_id\n10001,,T1,D1,East,R1\n60601,,T2,D1,East,R2\n,1234567893,T2,D1,East,R2\n10001,,T9,D1,East,R1\n',
        ),
        writeFile(
          dir,
          'access.csv',
          'npi,access_score,no_see\n1234567893,0.4,N\n1234567901,1,Y\n1234567919,1.7,N\n',
        ),
        writeFile(
          dir,
          'hours.csv',
          'npi,weekday,open,close\n1234567893,Mon,08:00,17:00\n1234567893,,9:00 AM,1:30 PM\n1234567893,7,10:00,09:00\n1234567893,Funday,08:00,12:00\n',
        ),
      ],
    });
    expect(r.files.map((f) => [f.format, f.imported, f.rejected])).toEqual([
      ['affiliations', 2, 1],
      ['roster', 2, 2],
      ['alignment', 3, 1],
      ['access', 2, 1],
      ['time-windows', 2, 2],
    ]);
    expect(
      ws.db.prepare(`SELECT system_name AS s FROM affiliations WHERE npi = 1234567893`).get(),
    ).toEqual({ s: 'Mercy Health, Inc.' });
    const reps = ws.db.prepare(`SELECT rep_id, lat FROM reps ORDER BY rep_id`).all() as {
      rep_id: string;
      lat: number;
    }[];
    expect(reps.map((x) => x.rep_id)).toEqual(['R1', 'R2']);
    expect(reps[0]!.lat).toBeCloseTo(40.75, 0);
    expect(count(ws, `SELECT count(*) AS n FROM alignment_import WHERE unit_kind = 'zip'`)).toBe(2);
    expect(
      ws.db.prepare(`SELECT territory_id AS t FROM alignment_import WHERE unit_kind = 'npi'`).get(),
    ).toEqual({ t: 'T2' });
    expect(
      ws.db.prepare(`SELECT access_score AS a, no_see AS n FROM access_scores ORDER BY npi`).all(),
    ).toEqual([
      { a: 0.4, n: 0 },
      { a: 1, n: 1 },
    ]);
    expect(
      ws.db.prepare(`SELECT weekday, open_min, close_min FROM time_windows ORDER BY weekday`).all(),
    ).toEqual([
      { weekday: 0, open_min: 540, close_min: 810 },
      { weekday: 1, open_min: 480, close_min: 1020 },
    ]);
    const reasons = (
      ws.db.prepare(`SELECT reason FROM rejects ORDER BY import_id, line`).all() as {
        reason: string;
      }[]
    ).map((x) => x.reason);
    expect(reasons.join('\n')).toMatch(/99999 is not a known ZIP/);
    expect(reasons.join('\n')).toMatch(/already aligned to territory T1 on line 2/);
    expect(reasons.join('\n')).toMatch(/Funday/);

    // importing an affiliations file again replaces the list
    await importInto(ws, {
      files: [writeFile(dir, 'aff2.csv', 'npi,system_id,system_name\n1234567919,S9,Nine\n')],
    });
    expect(count(ws, `SELECT count(*) AS n FROM affiliations`)).toBe(1);
    ws.close();
  });

  it('diagnosis volumes: ICD-10 shape validated and normalised, patients → beneficiaries, claims → services, per-row years', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    const r = await importInto(ws, {
      files: [
        writeFile(
          dir,
          'dx.csv',
          'npi,icd10,patients,claims,year\n1234567893,E119,40,90,2023\n1234567893,e11.65,5,7,2022\n1234567901,XYZ,1,1,2023\n1234567901,M17.11,abc,1,2023\n',
        ),
      ],
    });
    expect(r.files[0]).toMatchObject({ format: 'diagnosis', imported: 2, rejected: 2 });
    expect(ws.db.prepare(`SELECT code, system FROM codes ORDER BY code`).all()).toEqual([
      { code: 'E11.65', system: 'ICD10' },
      { code: 'E11.9', system: 'ICD10' },
    ]);
    const v = readVolumes(ws.db);
    const byYear = Array.from({ length: v.count }, (_, i) => [
      v.year[i],
      v.benes[i],
      v.services[i],
    ]).sort();
    expect(byYear).toEqual([
      [2022, 5, 7],
      [2023, 40, 90],
    ]);
    ws.close();
  });

  it('Open Payments: aggregated per provider, manufacturer and program year; rows without an NPI are skipped and counted', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    const header =
      'Change_Type,Covered_Recipient_Type,Covered_Recipient_NPI,Applicable_Manufacturer_or_Applicable_GPO_Making_Payment_Name,Total_Amount_of_Payment_USDollars,Date_of_Payment,Program_Year';
    const rows = [
      'NEW,Covered Recipient Physician,1234567893,"Medtronic, Inc.",100.50,01/15/2023,2023',
      'NEW,Covered Recipient Physician,1234567893,"Medtronic, Inc.",20,03/02/2023,2023',
      'NEW,Covered Recipient Teaching Hospital,,"Medtronic, Inc.",5000,03/02/2023,2023',
      'NEW,Covered Recipient Physician,1234567893,Stryker,abc,03/02/2023,2023',
    ];
    const r = await importInto(ws, {
      files: [writeFile(dir, 'OP_DTL_GNRL_PGYR2023.csv', [header, ...rows].join('\n'))],
    });
    expect(r.files[0]).toMatchObject({
      format: 'open-payments',
      imported: 2,
      rejected: 1,
      skipped: 1,
    });
    expect(
      ws.db.prepare(`SELECT npi, manufacturer, year, amount, payments FROM payments`).all(),
    ).toEqual([
      { npi: 1234567893, manufacturer: 'Medtronic, Inc.', year: 2023, amount: 120.5, payments: 2 },
    ]);
    ws.close();
  });
});
