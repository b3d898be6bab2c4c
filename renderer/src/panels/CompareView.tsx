// The compare main area: two or three synchronised maps and the index distribution chart.
import type { ScenarioMetrics } from '../../../workers/common/contract';
import { MapView } from '../map/MapView';
import { useStore } from '../state/store';

export function CompareView() {
  const names = useStore((s) => s.compareScenarios);
  const layers = useStore((s) => s.compareLayers);
  const result = useStore((s) => s.compareResult);
  if (names.length < 2) return <div className="empty center">Pick two or three scenarios in the panel to compare.</div>;
  return (
    <div className="compare-view">
      <div className={`compare-maps n${names.length}`}>
        {names.map((n) => (
          <MapView key={n} id={`cmp-${n.replace(/\W+/g, '_')}`} layer={layers[n] ?? null} editable={false} syncGroup="compare" label={n} />
        ))}
      </div>
      {result && <IndexDistribution names={result.scenarios} metrics={result.metrics} />}
    </div>
  );
}

const COLORS = ['#0072B2', '#D55E00', '#009E73'];
const LO = 0.6;
const HI = 1.4;
const BINS = 32;

/** Histogram of index ÷ mean per scenario, with the 0.85–1.15 band and the ±5 % core shaded. */
export function IndexDistribution({ names, metrics }: { names: string[]; metrics: ScenarioMetrics[] }) {
  const width = 640;
  const height = 150;
  const pad = { l: 34, r: 10, t: 10, b: 24 };
  const x = (v: number) => pad.l + ((Math.min(HI, Math.max(LO, v)) - LO) / (HI - LO)) * (width - pad.l - pad.r);
  const counts = metrics.map((m) => {
    const c = new Array<number>(BINS).fill(0);
    for (const t of m.perTerritory) {
      const b = Math.min(BINS - 1, Math.max(0, Math.floor(((t.indexRatio - LO) / (HI - LO)) * BINS)));
      c[b]!++;
    }
    return c;
  });
  const max = Math.max(1, ...counts.flat());
  const y = (v: number) => height - pad.b - (v / max) * (height - pad.t - pad.b);
  const bw = (width - pad.l - pad.r) / BINS;
  return (
    <div className="chart" data-testid="index-chart">
      <div className="chart-title">
        Index ÷ mean per territory
        {names.map((n, i) => (
          <span key={n} className="legend-dot">
            <i style={{ background: COLORS[i] }} />
            {n}
          </span>
        ))}
      </div>
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label="Index distribution">
        <rect x={x(0.85)} y={pad.t} width={x(1.15) - x(0.85)} height={height - pad.t - pad.b} fill="#fde68a" opacity={0.35} />
        <rect x={x(0.95)} y={pad.t} width={x(1.05) - x(0.95)} height={height - pad.t - pad.b} fill="#bbf7d0" opacity={0.6} />
        {counts.map((c, s) =>
          c.map((v, b) =>
            v > 0 ? (
              <rect key={`${s}-${b}`} x={pad.l + b * bw + (s * bw) / counts.length} y={y(v)} width={bw / counts.length - 1} height={height - pad.b - y(v)} fill={COLORS[s]} />
            ) : null,
          ),
        )}
        {[0.6, 0.85, 1, 1.15, 1.4].map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={height - pad.b} y2={height - pad.b + 4} stroke="#6b7280" />
            <text x={x(v)} y={height - 6} textAnchor="middle" fontSize="10" fill="#4b5563">
              {v.toFixed(2)}
            </text>
          </g>
        ))}
        <line x1={pad.l} x2={width - pad.r} y1={height - pad.b} y2={height - pad.b} stroke="#9ca3af" />
        <text x={4} y={pad.t + 8} fontSize="10" fill="#4b5563">
          {max}
        </text>
      </svg>
    </div>
  );
}
