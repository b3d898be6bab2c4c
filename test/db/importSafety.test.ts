// A file that would replace earlier data but has no usable row must not wipe the workspace.
import { describe, expect, it } from 'vitest';
import { EngineFailure } from '../../workers/common/result';
import { freshWorkspace, importInto, snapshot, tmpDir, writeFile } from './importHelpers';

describe('imports never replace data with nothing', () => {
  it('refuses an affiliations file whose every row is rejected, leaving the previous list', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    const good = writeFile(
      dir,
      'aff.csv',
      'npi,system_id,system_name\n1234567893,S1,Mercy Health\n1245319599,S2,Baptist Health\n',
    );
    await importInto(ws, { files: [good] });
    const before = snapshot(ws);
    expect(before.affiliations).toBe(2);
    const bad = writeFile(
      dir,
      'aff2.csv',
      'npi,system_id,system_name\n123,S1,Too short\nabc,S2,Not a number\n',
    );
    const failure = await importInto(ws, { files: [bad] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EngineFailure);
    expect((failure as EngineFailure).error.code).toBe('BAD_FILE');
    expect((failure as EngineFailure).error.message).toMatch(/None of the 2 rows.*line 2: .*NPI/s);
    expect(snapshot(ws)).toEqual(before);
    ws.close();
  });

  it('refuses a header-only roster that would empty the roster', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, {
      files: [writeFile(dir, 'r.csv', 'rep_id,name,home_zip\nR1,Ann Lee,60611\n')],
    });
    const before = snapshot(ws);
    const empty = writeFile(dir, 'r2.csv', 'rep_id,name,home_zip\n');
    await expect(importInto(ws, { files: [empty] })).rejects.toThrow(/no data rows/);
    expect(snapshot(ws)).toEqual(before);
    ws.close();
  });

  it('refuses an alignment file most of whose rows are rejected, keeping the stored alignment', async () => {
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    const good = writeFile(
      dir,
      'align.csv',
      'zip,territory_id,district,region\n60611,T1,D1,R1\n60612,T1,D1,R1\n10001,T2,D1,R1\n10002,T2,D1,R1\n',
    );
    await importInto(ws, { files: [good] });
    const before = snapshot(ws);
    expect(before.alignment_import).toBe(4);
    const bad = writeFile(
      dir,
      'align2.csv',
      'zip,territory_id,district,region\n60611,T9,D1,R1\n60612\nABCDE,T9,D1,R1\n',
    );
    await expect(importInto(ws, { files: [bad] })).rejects.toThrow(
      /2 of the 3 data lines of .*align2\.csv could not be imported.*line 3/s,
    );
    expect(snapshot(ws)).toEqual(before);
    ws.close();
  });
});
