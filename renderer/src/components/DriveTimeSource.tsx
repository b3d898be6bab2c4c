// Where a result's drive times came from (routing server or the offline model), and the routing
// warning when some pairs fell back: shown under the week plan and the radius list.
import type { TravelSource } from '../../../workers/common/contract';

export const LABELS: Record<TravelSource, string> = {
  osrm: 'OSRM road times',
  valhalla: 'Valhalla road times',
  offline: 'offline drive-time model',
};

export function DriveTimeSource(p: {
  source?: TravelSource;
  warning?: string | null;
  otherwise?: string;
  testId: string;
}) {
  const label =
    p.source && p.source !== 'offline' ? LABELS[p.source] : (p.otherwise ?? LABELS.offline);
  return (
    <>
      <p className="muted small" data-testid={p.testId}>
        Drive times: {label}
      </p>
      {p.warning && <p className="small warn">{p.warning}</p>}
    </>
  );
}
