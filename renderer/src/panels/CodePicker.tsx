// Code search by code or description, with volumes to judge relevance.
import { useEffect, useState } from 'react';
import type { CodeInfo } from '../../../workers/common/contract';
import { tryCall } from '../engine/calls';
import { plural } from '../components/format';
import { engine } from '../state/store';

export function CodePicker({
  selected,
  onAdd,
}: {
  selected: string[];
  onAdd: (c: CodeInfo) => void;
}) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CodeInfo[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setHits([]);
    const t = setTimeout(() => {
      void tryCall(engine().searchCodes({ query: q, limit: 12 }), 'Code search').then((r) =>
        setHits(r ?? []),
      );
    }, 150);
    return () => clearTimeout(t);
  }, [query]);
  return (
    <div className="code-picker">
      <input
        data-testid="code-search"
        className="search"
        placeholder="Search codes: 22630 or 'lumbar fusion'…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {hits.length > 0 && (
        <ul className="hits">
          {hits.map((h) => (
            <li key={h.code}>
              <button
                disabled={selected.includes(h.code)}
                onClick={() => onAdd(h)}
                data-testid={`code-hit-${h.code}`}
              >
                <b>{h.code}</b> <span className="desc">{h.description}</span>
                <span className="muted small">
                  {h.system} · {plural(h.services, 'service')} · {plural(h.providers, 'provider')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
