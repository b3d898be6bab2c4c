// Ctrl+K command palette: type to filter, Enter to run.
import { useEffect, useMemo, useRef, useState } from 'react';
import { setState, useStore } from '../state/store';
import { commands } from './commands';

export function CommandPalette() {
  const open = useStore((s) => s.paletteOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useMemo(() => {
    if (!open) return [];
    const q = query.toLowerCase().split(/\s+/).filter(Boolean);
    return commands().filter((c) => q.every((w) => c.label.toLowerCase().includes(w))).slice(0, 12);
  }, [open, query]);
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
          placeholder="Type a command…"
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
            <li key={c.id} className={i === active ? 'active' : ''} onMouseEnter={() => setActive(i)} onClick={() => run(i)}>
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
