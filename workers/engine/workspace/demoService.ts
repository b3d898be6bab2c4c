// createDemo: generates the synthetic dataset as real-format files (CMS by Provider and Service,
// affiliations, access list, Open Payments, office hours, diagnoses, roster, current alignment) and
// imports them through the workspace's own import pipeline, so the demo exercises exactly what users'
// files go through. The workspace is marked synthetic (meta `synthetic` = 1) for every screen to show.
import type { DemoApi, DemoRequest, DemoResult } from '../../common/contract';
import { isCancelled, type CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { writeDemoFiles } from '../../data/demoFiles';
import { loadZipAdjacency } from '../../data/geoShapes';
import { getMeta, setMeta } from '../../data/workspace';
import {
  DEMO_FILES,
  defaultReps,
  type DemoFile,
  type DemoProgress,
} from '../../domain/demo/generate';
import { getGeo } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { prepareFirstMapFrame } from '../map/mapService';
import { workspaceService } from './workspaceService';
import { saveMarketDefinition } from '../scoring/scoringService';
import { demoMarket } from '../../domain/demo/market';

export const DEMO_DEFAULT_PROVIDERS = 300_000;
export const DEMO_MAX_PROVIDERS = 5_000_000;
/** The claims data year of the demo (the file is named like CMS's 2022 release). */
export const DEMO_YEAR = 2022;

/** Import order: claims create the providers every other file refers to. */
const IMPORT_ORDER: readonly DemoFile[] = DEMO_FILES;

type ResolvedRequest = { providers: number; seed: number; reps: number };

function resolveRequest(req: DemoRequest): ResolvedRequest {
  const providers = req.providers ?? DEMO_DEFAULT_PROVIDERS;
  if (!Number.isInteger(providers) || providers < 100 || providers > DEMO_MAX_PROVIDERS) {
    throw new EngineFailure(
      'BAD_INPUT',
      `--providers ${providers} is out of range: give a whole number from 100 to ${DEMO_MAX_PROVIDERS.toLocaleString('en-US')}.`,
      { providers },
    );
  }
  const seed = req.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new EngineFailure(
      'BAD_INPUT',
      `--seed ${seed} is not valid: give a whole number from 0 to 4294967295.`,
      { seed },
    );
  }
  const reps = req.reps ?? defaultReps(providers);
  if (!Number.isInteger(reps) || reps < 1 || reps > 5000) {
    throw new EngineFailure(
      'BAD_INPUT',
      `--reps ${reps} is out of range: give a whole number from 1 to 5000.`,
      { reps },
    );
  }
  return { providers, seed, reps };
}

function refuseNonEmpty(ctx: EngineContext): void {
  const row = ctx.ws.db.prepare(`SELECT count(*) AS n FROM imports`).get() as { n: number };
  if (row.n > 0) {
    const synthetic = getMeta(ctx.ws.db, 'synthetic') === '1';
    throw new EngineFailure(
      'CONFLICT',
      `${ctx.ws.path} already holds ${synthetic ? 'demo' : 'imported'} data (${row.n} import${row.n === 1 ? '' : 's'}). ` +
        `The demo builds a workspace of its own so synthetic and real data never mix: name a new workspace file` +
        `${synthetic ? ', or delete this one and run the demo again' : ''}.`,
      { path: ctx.ws.path, imports: row.n },
    );
  }
}

function generationProgress(opts: CallOptions | undefined, started: number): DemoProgress {
  return ({ phase, done, total }) => {
    if (isCancelled(opts?.cancel))
      throw new EngineFailure(
        'CANCELLED',
        'Demo generation was cancelled; the workspace was not changed.',
      );
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : undefined;
    opts?.onProgress?.({
      phase: 'generate',
      done,
      total,
      unit: 'items',
      ratePerSec: rate,
      etaSeconds: rate ? (total - done) / rate : undefined,
      message: `synthesising ${phase}`,
    });
  };
}

export async function createDemo(
  ctx: EngineContext,
  req: DemoRequest,
  opts?: CallOptions,
): Promise<DemoResult> {
  const r = resolveRequest(req);
  refuseNonEmpty(ctx);
  const started = performance.now();
  const geo = getGeo(ctx);
  // The bundled ZIP adjacency as is (islands stay separate; bridging them, as the solver does, costs
  // over a second and changes nothing for merging exclaves).
  const adjacency = loadZipAdjacency();
  const zipGraph = {
    start: Int32Array.from(adjacency.offsets),
    list: Int32Array.from(adjacency.neighbors),
  };
  const files = writeDemoFiles(
    geo.zips,
    { ...r, year: DEMO_YEAR, zipGraph },
    generationProgress(opts, started),
  );
  try {
    const db = ctx.ws.db;
    setMeta(db, 'synthetic', '1');
    // No --year: the importer reads it from the CMS file name (…_D22_…), Program_Year and the year
    // column, exactly as for downloaded files; the roster and alignment have none.
    const imported = await workspaceService(ctx).importFiles(
      { files: IMPORT_ORDER.map((f) => files.paths[f]) },
      opts,
    );
    if (!imported.ok) {
      setMeta(db, 'synthetic', '0');
      throw new EngineFailure(imported.error.code, imported.error.message, imported.error.details);
    }
    setMeta(db, 'demo', JSON.stringify({ ...r, year: DEMO_YEAR, generator: 1 }));
    // a procedure market as the active one: every code overloads every territory (domain/demo/market.ts)
    saveMarketDefinition(ctx, demoMarket());
    ctx.invalidate();
    // the baseline and its first map frame, so opening the new workspace shows the map at once
    await prepareFirstMapFrame(ctx);
    const s = files.summary;
    return {
      synthetic: true,
      providers: s.providers,
      volumeRows: s.volumeRows,
      reps: s.reps,
      territories: s.territories,
      healthSystems: s.healthSystems,
      import: imported.value,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    files.remove();
  }
}

export function demoService(ctx: EngineContext): DemoApi {
  return {
    createDemo: (req, opts) => guard(() => createDemo(ctx, req ?? {}, opts)),
  };
}
