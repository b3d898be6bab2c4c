// Atomicity against the worst case: the importing process is killed (SIGKILL) midway.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCmsFile } from '../../bench/import/cmsFile.mjs';
import { openWorkspace } from '../../workers/data/workspace';
import { freshWorkspace, importInto, REAL, snapshot, tmpDir } from './importHelpers';

describe('import killed midway', () => {
  it('leaves the workspace exactly as it was (SIGKILL during a large import)', async () => {
    const big = join(tmpdir(), 'tessera-test-cms-400k_D22_.csv');
    await writeCmsFile(big, { rows: 400_000, seed: 11 });
    const dir = tmpDir();
    const ws = freshWorkspace(dir);
    await importInto(ws, { files: [join(REAL, 'cms-provider-service-cy2012-excerpt.txt')] });
    const before = snapshot(ws);
    ws.close();
    const wsPath = join(dir, 'w.tessera');
    const child = spawn(process.execPath, ['dist/engine/cli.js', 'import', wsPath, big, '--json'], {
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    let finished = false;
    void exited.then(() => (finished = true));
    // wait until the importer has read a good part of the file (Linux /proc/<pid>/io rchar), then kill it
    const size = statSync(big).size;
    const readSoFar = (): number => {
      try {
        return Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${child.pid}/io`, 'utf8'))?.[1] ?? 0);
      } catch {
        return 0;
      }
    };
    for (let i = 0; i < 6000 && !finished; i++) {
      if (readSoFar() > size * 0.4) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(finished).toBe(false); // the kill must land mid-import for this test to mean anything
    child.kill('SIGKILL');
    await exited;
    const after = openWorkspace(wsPath);
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot(after)).toEqual(before);
    after.close();
  }, 180_000);
});
