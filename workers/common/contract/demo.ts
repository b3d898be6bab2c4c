import type { CallOptions } from '../progress';
import type { Result } from '../result';
import type { ImportResult } from './workspace';

export type DemoRequest = {
  /** Number of providers to synthesise (default a few hundred thousand). */
  providers?: number;
  seed?: number;
  /** Number of reps / territories in the generated roster and current alignment. */
  reps?: number;
};

export type DemoResult = {
  synthetic: true;
  providers: number;
  volumeRows: number;
  reps: number;
  territories: number;
  healthSystems: number;
  import: ImportResult;
  seconds: number;
};

export type DemoApi = {
  /** Builds the synthetic demo dataset (real CMS layout) and imports it through the real importer. */
  createDemo(req: DemoRequest, opts?: CallOptions): Promise<Result<DemoResult>>;
};
