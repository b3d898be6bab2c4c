// Index ÷ mean against the 0.85–1.15 band (and the ±5 % core), as a small bar.
const MIN = 0.5;
const MAX = 1.5;
const pos = (v: number) => `${(100 * (Math.min(MAX, Math.max(MIN, v)) - MIN)) / (MAX - MIN)}%`;

export function bandClass(band: string): string {
  return band === 'within5' ? 'ok' : band === 'withinBand' ? 'warn' : 'bad';
}

export function IndexBar({ ratio, band }: { ratio: number; band: string }) {
  return (
    <div className="index-cell">
      <IndexTrack ratio={ratio} band={band} />
      <span className={`value ${bandClass(band)}`}>{ratio.toFixed(2)}</span>
    </div>
  );
}

function IndexTrack({ ratio, band }: { ratio: number; band: string }) {
  return (
    <div
      className="index-bar"
      title={`index ÷ mean = ${ratio.toFixed(3)} (band 0.85–1.15, core ±5 %)`}
    >
      <div
        className="band"
        style={{ left: pos(0.85), width: `calc(${pos(1.15)} - ${pos(0.85)})` }}
      />
      <div
        className="core"
        style={{ left: pos(0.95), width: `calc(${pos(1.05)} - ${pos(0.95)})` }}
      />
      <div className="mean" style={{ left: pos(1) }} />
      <div
        className={`fill ${bandClass(band)}`}
        style={{
          left: ratio < 1 ? pos(ratio) : pos(1),
          width: `calc(${pos(Math.max(ratio, 1))} - ${pos(Math.min(ratio, 1))})`,
        }}
      />
    </div>
  );
}

export function LoadBar({ used, capacity }: { used: number; capacity: number }) {
  const share = capacity > 0 ? used / capacity : 0;
  const cls = share > 1.05 ? 'bad' : share < 0.7 ? 'warn' : 'ok';
  return (
    <div className="load-bar" title={`${Math.round(used)} h of ${Math.round(capacity)} h capacity`}>
      <div className={`fill ${cls}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
      <span>{Math.round(share * 100)}%</span>
    </div>
  );
}
