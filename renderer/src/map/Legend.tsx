// Layer switches with a legend for every visible layer.
import { useState } from 'react';
import { setState, useStore, type LayerKey } from '../state/store';
import { DENSITY_RAMP, hex, TERRITORY_PALETTE, TIER_COLORS, TIER_LABELS } from './palette';

const LAYERS: { key: LayerKey; label: string }[] = [
  { key: 'territories', label: 'Territories' },
  { key: 'hexbin', label: 'Density (hexbin)' },
  { key: 'heatmap', label: 'Density (heatmap)' },
  { key: 'providers', label: 'Providers by tier' },
  { key: 'homes', label: 'Rep home bases' },
  { key: 'systems', label: 'Health-system sites' },
  { key: 'routes', label: 'Week routes' },
];

export function Legend() {
  const visible = useStore((s) => s.layers);
  const market = useStore((s) => s.market);
  const hasWeek = useStore((s) => s.week !== null);
  // On a 768-px-high laptop the legend starts folded so the map stays visible.
  const [open, setOpen] = useState(() => window.innerHeight >= 820);
  const toggle = (key: LayerKey) =>
    setState((s) => ({ layers: { ...s.layers, [key]: !s.layers[key] } }));
  const shown = LAYERS.filter(({ key }) => key !== 'routes' || hasWeek);
  return (
    <div className={`legend ${open ? '' : 'closed'}`} data-testid="legend">
      <button className="legend-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        Layers and legend <span aria-hidden>{open ? '▾' : '▸'}</span>
      </button>
      {open &&
        shown.map(({ key, label }) => (
          <div key={key} className="legend-item">
            <label>
              <input
                type="checkbox"
                data-testid={`layer-${key}`}
                checked={visible[key]}
                onChange={() => toggle(key)}
              />
              {label}
            </label>
            {visible[key] && <LegendBody layer={key} market={market} />}
          </div>
        ))}
    </div>
  );
}

const compact = (v: number) =>
  v >= 1e6
    ? `${(v / 1e6).toFixed(1)} M`
    : v >= 1e3
      ? `${(v / 1e3).toFixed(v >= 1e4 ? 0 : 1)} k`
      : v.toFixed(v < 10 ? 1 : 0);

function DensityScale() {
  const domain = useStore((s) => s.densityDomain);
  if (!domain) return null;
  return (
    <span className="ramp-values small" data-testid="density-values">
      <span>{compact(domain[0])}</span>
      <span className="muted">potential per hexagon (quantiles)</span>
      <span>{compact(domain[1])}</span>
    </span>
  );
}

function LegendBody({ layer, market }: { layer: LayerKey; market: string | null }) {
  const marketLabel = useStore((s) => s.markets.find((m) => m.key === market)?.def.name ?? market);
  switch (layer) {
    case 'territories':
      return (
        <div className="legend-body">
          <span className="swatches">
            {TERRITORY_PALETTE.slice(0, 6).map((c, i) => (
              <i key={i} style={{ background: hex(c) }} />
            ))}
          </span>
          <span className="muted">● locked · bold outline = selected</span>
        </div>
      );
    case 'hexbin':
    case 'heatmap':
      return (
        <div className="legend-body">
          <span
            className="ramp"
            style={{ background: `linear-gradient(90deg, ${DENSITY_RAMP.map(hex).join(',')})` }}
          />
          {layer === 'hexbin' && <DensityScale />}
          <span className="muted">
            potential{marketLabel ? ` · ${marketLabel}` : ''}
            {layer === 'heatmap' ? ' · relative (the densest place = darkest)' : ''}
          </span>
        </div>
      );
    case 'providers':
      return (
        <div className="legend-body">
          {[1, 2, 3, 0].map((t) => (
            <span key={t} className="legend-dot">
              <i style={{ background: hex(TIER_COLORS[t]!) }} />
              {TIER_LABELS[t]}
            </span>
          ))}
          <span className="muted">size = potential · zoom in</span>
        </div>
      );
    case 'homes':
      return (
        <div className="legend-body">
          <span className="legend-dot">
            <i className="ring" />
            rep home base
          </span>
        </div>
      );
    case 'systems':
      return (
        <div className="legend-body">
          <span className="legend-dot">
            <i style={{ background: '#cc79a7' }} />
            IDN centre (size = affiliated providers)
          </span>
        </div>
      );
    case 'routes':
      return <div className="legend-body muted">one colour per day, numbered stops (Week tab)</div>;
  }
}
