// Hover tooltip: what is under the cursor, in the users' words.
import type { ScenarioLayer, UnitGeometry } from '../../../workers/common/contract';
import { fmtNum, fmtRatio } from '../components/format';
import { useStore } from '../state/store';
import type { HoverInfo } from './interactions';
import { TIER_LABELS } from './palette';

const CARD_WIDTH = 360;
const TOOLTIP_WIDTH = 240;

export function Tooltip({
  hover,
  layer,
  geometry,
}: {
  hover: HoverInfo;
  layer: ScenarioLayer | null;
  geometry: UnitGeometry | null;
}) {
  const points = useStore((s) => s.points);
  const metrics = useStore((s) => s.metrics);
  const systems = useStore((s) => s.systems);
  const cardOpen = useStore((s) => s.cardIndex !== null);
  const pinning = useStore((s) => s.tool === 'pin');
  const { info, layerId } = hover;
  const lines: [string, string][] = [];
  let title = '';
  if (layerId.endsWith('-providers') && points) {
    const i = info.index;
    const t = points.territory[i] ?? 0xffff;
    title = TIER_LABELS[points.tier[i] ?? 0] ?? 'Provider';
    lines.push(['Potential', fmtNum(points.potential[i] ?? 0)]);
    lines.push(['Territory', t === 0xffff ? '—' : (points.territoryIds[t] ?? '—')]);
    lines.push([
      '',
      pinning ? 'Click to pin to the target territory' : 'Click for the provider card',
    ]);
  } else if (layerId.includes('-territory-fill') && layer && geometry) {
    const unit = geometry.ringUnit[info.index] ?? 0;
    const t = layer.unitTerritory[unit] ?? 0xffff;
    const tid = layer.territoryIds[t];
    const m = metrics?.perTerritory.find((p) => p.territoryId === tid);
    title = `${layer.unitKind === 'zip' ? 'ZIP' : 'County'} ${geometry.ids[unit] ?? ''}${layer.locked[unit] ? ' (locked)' : ''}`;
    lines.push(['Territory', tid ? `${layer.territoryNames[t] ?? tid}` : 'Unassigned']);
    if (t !== 0xffff) lines.push(['Rep', layer.repNames[t] ?? 'vacant']);
    if (m) lines.push(['Index ÷ mean', fmtRatio(m.indexRatio)]);
  } else if (layerId.endsWith('-density-hex')) {
    const o = info.object as { colorValue?: number; count?: number } | undefined;
    title = 'Market density';
    lines.push(['Potential', fmtNum(o?.colorValue ?? 0)]);
    if (o?.count !== undefined) lines.push(['Providers', fmtNum(o.count)]);
  } else if (layerId.endsWith('-homes') && layer) {
    title = layer.repNames[info.index] ?? 'Home base';
    lines.push(['Territory', layer.territoryNames[info.index] ?? '']);
  } else if (layerId.endsWith('-systems') && systems) {
    title = systems.names[info.index] ?? 'Health system';
    lines.push(['Affiliated providers', fmtNum(systems.providers[info.index] ?? 0)]);
  } else if (layerId.endsWith('-route-stops')) {
    const o = info.object as
      { s?: { name: string; arrive: string; tier: string | null } } | undefined;
    title = o?.s?.name ?? 'Stop';
    lines.push(['Arrive', o?.s?.arrive ?? '']);
    lines.push(['Tier', o?.s?.tier ?? '—']);
  } else return null;
  // the provider card covers the right 360 px of the map while it is open
  const room = (info.viewport?.width ?? Infinity) - (cardOpen ? CARD_WIDTH : 0);
  const flipX = info.x + 14 + TOOLTIP_WIDTH > room || info.x > room * 0.55;
  const flipY = info.y > (info.viewport?.height ?? Infinity) * 0.7;
  return (
    // flipped to the left / upwards in the right and bottom parts of the map (left of the provider
    // card when it is open), so it is never cut off by the map's edge or the card
    <div
      className="tooltip"
      style={{
        left: info.x + (flipX ? -14 : 14),
        top: info.y + (flipY ? -14 : 14),
        transform: `translate(${flipX ? '-100%' : '0'}, ${flipY ? '-100%' : '0'})`,
      }}
    >
      <div className="tooltip-title">{title}</div>
      {lines.map(([k, v], i) => (
        <div key={i} className="tooltip-row">
          {k && <span>{k}</span>}
          <b>{v}</b>
        </div>
      ))}
    </div>
  );
}
