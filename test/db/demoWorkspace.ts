// A small synthetic demo workspace built through the engine (as `tessera demo` does), then opened
// directly for tests that look at what the engine stored in it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../workers/data/workspace';
import { openEngine } from '../../workers/engine/runtime/engine';

export async function buildDemoWorkspace(prefix: string): Promise<{ path: string; ws: Workspace }> {
  const path = join(mkdtempSync(join(tmpdir(), prefix)), 'demo.tessera');
  const engine = openEngine(path, { create: true });
  const r = await engine.createDemo({ providers: 3000, seed: 11, reps: 4 });
  if (!r.ok) throw new Error(r.error.message);
  await engine.close();
  return { path, ws: openWorkspace(path) };
}
