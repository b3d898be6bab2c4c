// Diagnosis volumes as commercial claims vendors export them: npi, icd10, patients and/or claims,
// optional year. Stored as volume records with code system ICD10: patients → beneficiaries,
// claims → services (when a file has only patients, services = patients so market sizing by services
// still counts them).
import { EngineFailure } from '../../../common/result';
import { createChunkWriter, type ChunkWriter } from '../../volumeStore';
import { dupeIndex, duplicateReason, type DupeIndex } from '../dupes';
import { amountProblem, fieldNum, fieldStr, isDataYear, maxDataYear } from '../fields';
import type { ImportEnv, RowMapper } from '../mapper';
import { plainRow } from './plain';

const ICD10 = /^([A-Z][0-9][0-9A-Z])\.?([0-9A-Z]{1,4})?$/;

/** Canonical ICD-10-CM code ("E119" → "E11.9", "e11.9" → "E11.9"); null when not ICD-10 shaped. */
export function normalizeIcd10(text: string): string | null {
  const m = ICD10.exec(text.trim().toUpperCase());
  if (!m) return null;
  return m[2] ? `${m[1]}.${m[2]}` : m[1]!;
}

export function diagnosisMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const c = {
    npi: h.col('npi'),
    code: h.col('icd10', 'icd10_code', 'icd_10', 'icd_10_code', 'diagnosis_code'),
    patients: h.col('patients', 'patient_count'),
    claims: h.col('claims', 'claim_count'),
    year: h.col('year', 'data_year'),
  };
  if (c.year < 0 && env.year === null) {
    throw new EngineFailure(
      'BAD_INPUT',
      `${env.path}: diagnosis volumes need a data year: add a 'year' column or re-run with --year YYYY.`,
      { path: env.path },
    );
  }
  const writers = new Map<number, ChunkWriter>();
  const ensureProvider = env.db.prepare(
    `INSERT INTO providers (npi, source) VALUES (?, 'diagnosis') ON CONFLICT(npi) DO NOTHING`,
  );
  const seen = new Set<number>();
  const dupes = new Map<number, DupeIndex>();
  let created = 0;
  return {
    row(f) {
      const r = plainRow(env, f, c.npi);
      if (typeof r === 'string') return r;
      const raw = fieldStr(f, c.code, env.decode);
      const code = normalizeIcd10(raw);
      if (!code)
        return raw
          ? `'${raw}' is not an ICD-10 code (expected a letter, two characters, optional dot and up to 4 more)`
          : 'missing ICD-10 code';
      const patients = c.patients >= 0 ? fieldNum(f, c.patients) : NaN;
      const claims = c.claims >= 0 ? fieldNum(f, c.claims) : NaN;
      if (c.patients >= 0) {
        const bad = amountProblem('patients', patients, fieldStr(f, c.patients, env.decode));
        if (bad) return bad;
      }
      if (c.claims >= 0) {
        const bad = amountProblem('claims', claims, fieldStr(f, c.claims, env.decode));
        if (bad) return bad;
      }
      let year = env.year;
      if (c.year >= 0 && fieldStr(f, c.year) !== '') {
        const y = fieldNum(f, c.year);
        if (!isDataYear(y))
          return `year '${fieldStr(f, c.year, env.decode)}' is not a data year (1990–${maxDataYear()})`;
        year = y;
      }
      if (year === null) return 'no year in this row and no --year given';
      const codeId = env.codes.idFor(code, 'ICD10', '', false);
      let d = dupes.get(year);
      if (!d) dupes.set(year, (d = dupeIndex()));
      const prev =
        codeId < 524288
          ? d.check(r.npi * 524288 + codeId, env.parts.current, f.line)
          : d.checkText(`${r.npi}|${codeId}`, env.parts.current, f.line);
      if (prev) return duplicateReason('NPI, ICD-10 code and year', prev, env.parts.names);
      let w = writers.get(year);
      if (!w) writers.set(year, (w = createChunkWriter(env.db, env.importId, year)));
      if (!seen.has(r.npi)) {
        seen.add(r.npi);
        created += ensureProvider.run(r.npi).changes;
      }
      w.append(
        r.npi,
        codeId,
        0,
        Number.isNaN(patients) ? 0 : patients,
        Number.isNaN(claims) ? patients : claims,
        0,
      );
      return undefined;
    },
    finish() {
      for (const w of writers.values()) w.flush();
      return {
        providers: created,
        years: [...writers.keys()].sort(),
        replaces: { kind: 'volumes', family: 'diagnosis' },
      };
    },
  };
}
