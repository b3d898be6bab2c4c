// The compare main area: two or three synchronised maps and the index distribution chart.
import type { ScenarioMetrics } from '../../../workers/common/contract';
import { MapView } from '../map/MapView';
import { useStore } from '../state/store';

export function CompareView() {
  const names = useStore((s) => s.compareScenarios);
  const layers = useStore((s) => s.compareLayers);
  const result = useStore((s) => s.compareResult);
  if (names.length < 2)
    return <div className="empty center">Pick two or three scenarios in the panel to compare.</div>;
  return (
    <div className="compare-view">
      <div className={`compare-maps n${names.length}`}>
        {names.map((n) => (
          <MapView
            key={n}
            id={`cmp-${n.replace(/\W+/g, '_')}`}
            layer={layers[n] ?? null}
            editable={false}
            syncGroup="compare"
            label={n}
            colourReference={layers[names[0]!] ?? null}
          />
        ))}
      </div>
      {result && <IndexDistribution names={result.scenarios} metrics={result.metrics} />}
    </div>
  );
}

const COLORS = ['#0072B2', '#D55E00', '#009E73'];
/** The axis spans the data, at least 0.60–1.40 and at most 0.20–2.50 (beyond: labelled overflow bins). */
const MIN_LO = 0.6;
const MIN_HI = 1.4;
const FLOOR = 0.2;
const CEIL = 2.5;
const BIN = 0.025;

export function indexRange(metrics: ScenarioMetrics[]): {
  lo: number;
  hi: number;
  under: boolean;
  over: boolean;
} {
  const ratios = metrics.flatMap((m) => m.perTerritory.map((t) => t.indexRatio));
  const min = Math.min(MIN_LO, ...ratios);
  const max = Math.max(MIN_HI, ...ratios);
  const lo = Math.max(FLOOR, Math.floor(min * 10) / 10);
  const hi = Math.min(CEIL, Math.ceil(max * 10 + 1e-9) / 10);
  return { lo, hi, under: min < lo, over: max >= hi && max > CEIL };
}

/** Histogram of index ÷ mean per scenario, with the 0.85–1.15 band and the ±5 % core shaded. */
export function IndexDistribution({
  names,
  metrics,
}: {
  names: string[];
  metrics: ScenarioMetrics[];
}) {
  const width = 640;
  const height = 150;
  const pad = { l: 34, r: 14, t: 14, b: 24 };
  const { lo, hi, under, over } = indexRange(metrics);
  const bins = Math.round((hi - lo) / BIN);
  const x = (v: number) =>
    pad.l + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (width - pad.l - pad.r);
  const counts = metrics.map((m) => {
    const c = new Array<number>(bins).fill(0);
    for (const t of m.perTerritory)
      c[Math.min(bins - 1, Math.max(0, Math.floor((t.indexRatio - lo) / BIN)))]!++;
    return c;
  });
  const max = Math.max(1, ...counts.flat());
  const y = (v: number) => height - pad.b - (v / max) * (height - pad.t - pad.b);
  const bw = (width - pad.l - pad.r) / bins;
  /** A shaded band of the index axis, the full height of the plot. */
  const band = (from: number, to: number, fill: string, opacity: number) => (
    <rect
      x={x(from)}
      y={pad.t}
      width={x(to) - x(from)}
      height={height - pad.t - pad.b}
      fill={fill}
      opacity={opacity}
    />
  );
  const ticks = [
    ...new Set([
      lo,
      0.85,
      1,
      1.15,
      hi,
      ...[0.5, 1.5, 2].filter((v) => v - lo > 0.2 && hi - v > 0.2),
    ]),
  ];
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
      <svg
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label="Index distribution"
      >
        {band(0.85, 1.15, '#fde68a', 0.35)}
        {band(0.95, 1.05, '#bbf7d0', 0.6)}
        {counts.map((c, s) =>
          c.map((v, b) =>
            v > 0 ? (
              <rect
                key={`${s}-${b}`}
                x={pad.l + b * bw + (s * bw) / counts.length}
                y={y(v)}
                width={Math.max(1, bw / counts.length - 0.5)}
                height={height - pad.b - y(v)}
                fill={COLORS[s]}
              >
                <title>{`${names[s]}: ${v} ${v === 1 ? 'territory' : 'territories'} at ${(lo + b * BIN).toFixed(3)}–${(lo + (b + 1) * BIN).toFixed(3)}`}</title>
              </rect>
            ) : null,
          ),
        )}
        {under && (
          <text x={x(lo)} y={pad.t - 3} fontSize="10" fill="#4b5563">
            {`< ${lo.toFixed(2)}`}
          </text>
        )}
        {over && (
          <text x={x(hi)} y={pad.t - 3} fontSize="10" fill="#4b5563" textAnchor="end">
            {`> ${hi.toFixed(2)}`}
          </text>
        )}
        {ticks.map((v) => (
          <g key={v}>
            <line
              x1={x(v)}
              x2={x(v)}
              y1={height - pad.b}
              y2={height - pad.b + 4}
              stroke="#6b7280"
            />
            <text x={x(v)} y={height - 6} textAnchor="middle" fontSize="10" fill="#4b5563">
              {v.toFixed(2)}
            </text>
          </g>
        ))}
        <line
          x1={pad.l}
          x2={width - pad.r}
          y1={height - pad.b}
          y2={height - pad.b}
          stroke="#9ca3af"
        />
        <text x={4} y={pad.t + 8} fontSize="10" fill="#4b5563">
          {max}
        </text>
      </svg>
    </div>
  );
}
