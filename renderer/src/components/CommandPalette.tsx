// Ctrl+K command palette: type to filter, Enter to run.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PlaceHit } from '../../../workers/common/contract';
import { getState, setState, useStore } from '../state/store';
import { commands, placeCommand } from './commands';

export function CommandPalette() {
  const open = useStore((s) => s.paletteOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const [hits, setHits] = useState<PlaceHit[]>([]);
  // providers (NPI, name), ZIPs and cities come from the engine, asked once typing pauses
  useEffect(() => {
    setHits([]);
    const q = query.trim();
    if (!open || q.length < 2) return;
    const timer = setTimeout(() => {
      void getState()
        .engine?.searchPlaces({ query: q, limit: 6 })
        .then((r) => r.ok && setHits(r.value));
    }, 180);
    return () => clearTimeout(timer);
  }, [open, query]);
  const list = useMemo(() => {
    if (!open) return [];
    const q = query.toLowerCase().split(/\s+/).filter(Boolean);
    const found = commands()
      .filter((c) => q.every((w) => c.label.toLowerCase().includes(w)))
      .slice(0, 12);
    // a ZIP of the map's geometry is found even with no provider in it (centroid of its shape)
    const { layer, geometry } = getState();
    const geo = layer ? geometry[layer.unitKind] : undefined;
    const z = query.trim();
    const u = /^\d{5}$/.test(z) && geo ? geo.ids.indexOf(z) : -1;
    const local: PlaceHit[] =
      u >= 0 && geo && !hits.some((h) => h.kind === 'zip')
        ? [
            {
              kind: 'zip',
              label: `ZIP ${z}`,
              zip: z,
              lon: geo.centroids[2 * u]!,
              lat: geo.centroids[2 * u + 1]!,
            },
          ]
        : [];
    return [
      ...found.slice(0, 6),
      ...[...local, ...hits].map(placeCommand),
      ...found.slice(6),
    ].slice(0, 14);
  }, [open, query, hits]);
  useEffect(() => {
    if (open) {
      setQuery('');
      setActive(0);
      setTimeout(() => input.current?.focus(), 0);
    }
  }, [open]);
  if (!open) return null;
  const close = () => setState({ paletteOpen: false });
  const run = (i: number) => {
    const c = list[i];
    close();
    c?.run();
  };
  return (
    <div className="modal-backdrop" onClick={close}>
      <div className="palette" data-testid="command-palette" onClick={(e) => e.stopPropagation()}>
        <input
          ref={input}
          value={query}
          placeholder="Type a command, or search a provider, NPI, ZIP, city or territory…"
          data-testid="palette-input"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') setActive((a) => Math.min(list.length - 1, a + 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            else if (e.key === 'Enter') run(active);
          }}
        />
        <ul>
          {list.map((c, i) => (
            <li
              key={c.id}
              data-testid={`palette-${c.id}`}
              className={i === active ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(i)}
            >
              {c.label}
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </li>
          ))}
          {list.length === 0 && <li className="muted">No matching command</li>}
        </ul>
      </div>
    </div>
  );
}
