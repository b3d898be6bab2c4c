// Names the market and index weights a set of metrics was computed with, next to the metrics, so a
// figure on screen is never read against a market the screen does not name.
import type { ScenarioMetrics } from '../../../workers/common/contract';
import { useStore } from '../state/store';

const pct = (x: number) => `${Math.round(100 * x)} %`;

export function weightsText(w: NonNullable<ScenarioMetrics['indexWeights']>): string {
  return `workload ${pct(w.workload)} · potential ${pct(w.potential)} · history ${pct(w.history)} · access ${pct(w.access)}`;
}

export function MetricsBasis({
  metrics,
  testId = 'metrics-basis',
}: {
  metrics: ScenarioMetrics;
  testId?: string;
}) {
  const recorded = useStore(
    (s) => s.scenarios.find((x) => x.name === metrics.scenario)?.market ?? null,
  );
  const recordedName = useStore((s) =>
    recorded
      ? (s.markets.find((m) => m.key === recorded || m.def.name === recorded)?.def.name ?? recorded)
      : null,
  );
  const other =
    recordedName !== null &&
    metrics.market !== undefined &&
    recordedName.toLowerCase() !== metrics.market.toLowerCase();
  return (
    <div className="metrics-basis small" data-testid={testId} data-market={metrics.market ?? ''}>
      Market <b>{metrics.market ?? 'unknown'}</b>
      {metrics.indexWeights && <> · index weights {weightsText(metrics.indexWeights)}</>}
      {other && (
        <div className="warn-text" data-testid={`${testId}-other`}>
          Scored here with the market in the top bar; “{metrics.scenario}” records {recordedName}.
        </div>
      )}
    </div>
  );
}
