// HiGHS (WebAssembly, the `highs` npm package) as the LP solver of domain/align/transportLp.ts.
// Loaded once, lazily (the loader is asynchronous; solves are synchronous afterwards).
import type { LpSolution, LpSolve, SparseLp } from '../../domain/align/transportLp';

type HighsModule = typeof import('highs');
type Highs = Awaited<ReturnType<HighsModule['default']>>;

let loading: Promise<Highs> | null = null;

export async function loadHighs(): Promise<Highs> {
  loading ??= import('highs').then((m) =>
    (
      (m as unknown as { default: HighsModule['default'] }).default ??
      (m as unknown as HighsModule['default'])
    )(),
  );
  return loading;
}

/** A synchronous LP solve on a loaded HiGHS instance (dual simplex, no output). */
export function highsSolver(highs: Highs, timeLimitSeconds = 120): LpSolve {
  return (lp: SparseLp): LpSolution => {
    const model = highs.createModel({
      numCols: lp.numCols,
      numRows: lp.numRows,
      colCost: lp.colCost,
      colLower: lp.colLower,
      colUpper: lp.colUpper,
      rowLower: lp.rowLower,
      rowUpper: lp.rowUpper,
      matrix: {
        format: 'csc',
        numRows: lp.numRows,
        numCols: lp.numCols,
        starts: lp.starts,
        indices: lp.indices,
        values: lp.values,
      },
    });
    try {
      model.options.set({ output_flag: false, time_limit: timeLimitSeconds });
      model.run();
      const status =
        model.getModelStatus() === highs.constants.modelStatus.optimal
          ? 'Optimal'
          : `status ${model.getModelStatus()}`;
      const s = model.getSolution();
      return {
        status,
        objective: model.getObjectiveValue(),
        colValue: Float64Array.from(s.colValue),
        rowDual: Float64Array.from(s.rowDual),
      };
    } finally {
      model.dispose();
    }
  };
}
