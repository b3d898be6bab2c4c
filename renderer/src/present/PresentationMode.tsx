// Presentation mode (F5 or the command palette): the analyst's workstation becomes a room display —
// full screen, no panels or editing tools, large type; one scenario or two side by side on the same
// view; arrow keys step through scenarios (←/→) and regions (↑/↓); a click spotlights a territory
// with its metrics card; a pointer highlight follows the mouse. The maps are the offline renderer's
// (engine `presentationMap`, the same drawing as the deck and the rep packs). Nothing in the app's
// store changes while presenting, so Esc returns exactly where the analyst was.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type {
  PresentationMap,
  ScenarioMetrics,
  TerritoryMetrics,
} from '../../../workers/common/contract';
import { getState, useStore } from '../state/store';
import './presentation.css';

let presenting = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function openPresentation(): void {
  presenting = true;
  emit();
}

function closePresentation(): void {
  presenting = false;
  emit();
}

type Pane = { map: PresentationMap; url: string } | null;

function fmt(x: number, d = 0): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
}

/** PNG of what is on screen: the panes side by side (one canvas). */
async function viewPng(panes: Pane[]): Promise<Blob | null> {
  const shown = panes.filter((p): p is NonNullable<Pane> => p !== null);
  if (!shown.length) return null;
  const imgs = await Promise.all(
    shown.map(
      (p) =>
        new Promise<HTMLImageElement>((res, rej) => {
          const i = new Image();
          i.onload = () => res(i);
          i.onerror = rej;
          i.src = p.url;
        }),
    ),
  );
  const canvas = document.createElement('canvas');
  canvas.width = imgs.reduce((s, i) => s + i.naturalWidth, 0) + 8 * (imgs.length - 1);
  canvas.height = Math.max(...imgs.map((i) => i.naturalHeight));
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  let x = 0;
  for (const i of imgs) {
    g.drawImage(i, x, 0);
    x += i.naturalWidth + 8;
  }
  return new Promise((res) => canvas.toBlob((b) => res(b), 'image/png'));
}

function MetricsCard({ t, scenario }: { t: TerritoryMetrics; scenario: string }) {
  return (
    <div className="present-card" data-testid="present-card">
      <h2>{t.territoryId}</h2>
      <div className="sub">
        {(t.repName ?? 'Vacant').replace(/ \(synthetic\)$/, '')} · {t.district} · {t.region} ·{' '}
        {scenario}
      </div>
      <table>
        <tbody>
          <tr>
            <td>Index ÷ mean</td>
            <td className="v">{t.indexRatio.toFixed(2)}</td>
          </tr>
          <tr>
            <td>Accounts (A/B/C)</td>
            <td className="v">
              {fmt(t.accounts)} ({t.tierCounts.A}/{t.tierCounts.B}/{t.tierCounts.C})
            </td>
          </tr>
          <tr>
            <td>Potential</td>
            <td className="v">{fmt(t.potential)}</td>
          </tr>
          <tr>
            <td>Workload / capacity</td>
            <td className="v">
              {fmt(t.workloadHours)} / {fmt(t.capacityHours)} h
            </td>
          </tr>
          <tr>
            <td>Drive mean / P90</td>
            <td className="v">
              {fmt(t.travelMeanMin, 1)} / {fmt(t.travelP90Min, 1)} min
            </td>
          </tr>
          <tr>
            <td>Pieces</td>
            <td className="v">{t.pieces}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Presenter() {
  const engine = useStore((s) => s.engine);
  const stored = useStore((s) => s.scenarios);
  const [scenarios, setScenarios] = useState(stored);
  const synthetic = useStore((s) => s.info?.synthetic === true);
  const names = useMemo(() => scenarios.map((s) => s.name), [scenarios]);
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      stored.findIndex((x) => x.name === getState().scenario),
    ),
  );
  const [regionIndex, setRegionIndex] = useState(-1); // -1 = national
  const [regions, setRegions] = useState<string[]>([]);
  const [sideBySide, setSideBySide] = useState(false);
  const [spotlight, setSpotlight] = useState<string | null>(null);
  const [panes, setPanes] = useState<Pane[]>([null, null]);
  const [loading, setLoading] = useState(false);
  const [metrics, setMetrics] = useState<Record<string, ScenarioMetrics>>({});
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  const [pointerOn, setPointerOn] = useState(true);
  const [size, setSize] = useState({ w: window.innerWidth, h: window.innerHeight });
  const request = useRef(0);
  const scenario = names[index] ?? null;
  const partner = sideBySide && names.length > 1 ? names[(index + 1) % names.length]! : null;
  const region = regionIndex >= 0 ? (regions[regionIndex] ?? null) : null;

  useEffect(() => {
    // the list as of now (a scenario saved from the CLI or another window is presentable too)
    void engine?.listScenarios().then((r) => {
      if (r.ok && r.value.length) setScenarios(r.value);
    });
  }, [engine]);

  useEffect(() => {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
    const onResize = () => setSize({ w: window.innerWidth, h: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  // the maps: one per pane, same view (the left scenario's region fit) when side by side
  useEffect(() => {
    if (!engine || !scenario) return;
    const id = ++request.current;
    const shown = partner ? [scenario, partner] : [scenario];
    const paneW = Math.floor((size.w - 16 - (shown.length - 1) * 8) / shown.length);
    const paneH = Math.max(300, size.h - 64);
    setLoading(true);
    void Promise.all(
      shown.map((name) =>
        engine.presentationMap({
          scenario: name,
          region,
          fitScenario: scenario,
          width: Math.min(4096, Math.round(paneW * Math.min(2, window.devicePixelRatio || 1))),
          height: Math.min(4096, Math.round(paneH * Math.min(2, window.devicePixelRatio || 1))),
          spotlight,
        }),
      ),
    ).then((results) => {
      if (id !== request.current) return;
      setLoading(false);
      const next: Pane[] = results.map((r) =>
        r.ok
          ? {
              map: r.value,
              url: URL.createObjectURL(
                new Blob([r.value.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
              ),
            }
          : null,
      );
      const first = results[0];
      if (first?.ok) setRegions(first.value.regions);
      setPanes((old) => {
        old.forEach((p) => p && URL.revokeObjectURL(p.url));
        return [next[0] ?? null, next[1] ?? null];
      });
    });
  }, [engine, scenario, partner, region, spotlight, size.w, size.h]);

  useEffect(() => {
    for (const name of partner ? [scenario, partner] : [scenario]) {
      if (!engine || !name || metrics[name]) continue;
      void engine
        .scenarioMetrics({ scenario: name })
        .then((r) => r.ok && setMetrics((m) => ({ ...m, [name]: r.value })));
    }
  }, [engine, scenario, partner, metrics]);

  const step = useCallback(
    (d: number) => {
      setIndex((i) => (names.length ? (i + d + names.length) % names.length : 0));
    },
    [names.length],
  );
  const stepRegion = useCallback(
    (d: number) => {
      setRegionIndex((i) => {
        const n = regions.length + 1;
        return ((i + 1 + d + n) % n) - 1;
      });
      setSpotlight(null);
    },
    [regions.length],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // capture phase: the workstation's own shortcuts never see keys while presenting
      e.stopImmediatePropagation();
      if (e.key === 'Escape') {
        e.preventDefault();
        if (spotlight) setSpotlight(null);
        else closePresentation();
      } else if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') {
        e.preventDefault();
        step(1);
      } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
        e.preventDefault();
        step(-1);
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        stepRegion(1);
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        stepRegion(-1);
      } else if (e.key.toLowerCase() === 's') setSideBySide((v) => !v);
      else if (e.key.toLowerCase() === 'p') setPointerOn((v) => !v);
      else if (e.key === 'F5') e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [step, stepRegion, spotlight]);

  const onClick = (e: React.MouseEvent<HTMLImageElement>, pane: Pane) => {
    if (!pane) return;
    const img = e.currentTarget;
    const rect = img.getBoundingClientRect();
    // object-fit: contain — the drawn image's box inside the element
    const k = Math.min(rect.width / pane.map.width, rect.height / pane.map.height);
    const ox = rect.left + (rect.width - pane.map.width * k) / 2,
      oy = rect.top + (rect.height - pane.map.height * k) / 2;
    const px = (e.clientX - ox) / k,
      py = (e.clientY - oy) / k;
    const gx = Math.floor(px / 4),
      gy = Math.floor(py / 4);
    if (gx < 0 || gy < 0 || gx >= pane.map.gridWidth || gy >= pane.map.gridHeight) return;
    const t = pane.map.grid[gy * pane.map.gridWidth + gx]!;
    const id = t > 0 ? pane.map.territoryIds[t - 1]! : null;
    setSpotlight((cur) => (id === null || id === cur ? null : id));
  };

  const spotScenario = scenario;
  const spotMetrics =
    spotlight && spotScenario
      ? (metrics[spotScenario]?.perTerritory.find((t) => t.territoryId === spotlight) ?? null)
      : null;

  const save = async () => {
    const blob = await viewPng(panes);
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${[scenario, partner].filter(Boolean).join(' vs ')}${region ? ` - ${region}` : ''}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const copy = async () => {
    const blob = await viewPng(panes);
    if (blob)
      await navigator.clipboard
        .write([new ClipboardItem({ 'image/png': blob })])
        .catch(() => undefined);
  };

  return (
    <div
      className="present"
      data-testid="presentation"
      onMouseMove={(e) => setPointer({ x: e.clientX, y: e.clientY })}
      onMouseLeave={() => setPointer(null)}
    >
      <div className="present-bar">
        <span className="title" data-testid="present-title">
          {partner ? `${scenario}  |  ${partner}` : (scenario ?? 'No scenario')}
        </span>
        <span className="where" data-testid="present-region">
          {region ?? 'National'}
        </span>
        {synthetic && <span className="badge-synthetic">SYNTHETIC DEMO DATA</span>}
        <span className="spacer" />
        <span className="hint">
          ←/→ scenario · ↑/↓ region · S side by side · click a territory · Esc back
        </span>
        <button onClick={() => void save()} data-testid="present-save">
          Save view as PNG
        </button>
        <button onClick={() => void copy()}>Copy map as image</button>
        <button onClick={closePresentation}>Exit</button>
      </div>
      <div className="present-maps">
        {(partner ? [panes[0], panes[1]] : [panes[0]]).map((p, i) => (
          <div className="present-pane" key={i}>
            {p && (
              <img
                src={p.url}
                alt={`Map of ${i === 0 ? scenario : partner}`}
                data-testid={`present-map-${i}`}
                onClick={(e) => onClick(e, p)}
                draggable={false}
              />
            )}
            {loading && <span className="loading">drawing…</span>}
          </div>
        ))}
      </div>
      {spotMetrics && spotScenario && <MetricsCard t={spotMetrics} scenario={spotScenario} />}
      {pointerOn && pointer && (
        <div className="present-pointer" style={{ left: pointer.x, top: pointer.y }} />
      )}
    </div>
  );
}

/** Mount once in the app: listens for F5 and shows the presenter while presenting. */
export function PresentationMode() {
  const open = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => presenting,
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F5' && !presenting) {
        e.preventDefault();
        openPresentation();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return open ? <Presenter /> : null;
}
