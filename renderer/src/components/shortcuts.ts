// Global keyboard shortcuts (ignored while typing in a field, except the palette and undo/redo).
import { useEffect } from 'react';
import { TOOLS } from '../map/MapToolbar';
import { redo, undo } from '../state/actions';
import { getState, setState } from '../state/store';
import { PANELS } from './Sidebar';

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'k') {
        e.preventDefault();
        setState((s) => ({ paletteOpen: !s.paletteOpen }));
        return;
      }
      if (typing) return;
      if (mod && key === 'z') {
        e.preventDefault();
        void (e.shiftKey ? redo() : undo());
        return;
      }
      if (mod && key === 'y') {
        e.preventDefault();
        void redo();
        return;
      }
      if (mod && key === 'e') {
        e.preventDefault();
        if (getState().scenario) setState({ exportOpen: true });
        return;
      }
      if (e.altKey) {
        const panel = PANELS.find((p) => p.shortcut === e.key || `Digit${p.shortcut}` === e.code);
        if (panel) {
          e.preventDefault();
          setState({ panel: panel.key });
        }
        return;
      }
      if (mod) return;
      if (key === 'escape') return setState({ selectedTerritory: null, cardIndex: null, paletteOpen: false, exportOpen: false });
      const tool = TOOLS.find((t) => t.key1.toLowerCase() === key);
      if (tool) return setState({ tool: tool.key });
      if (key === 'h') setState((s) => ({ layers: { ...s.layers, hexbin: !s.layers.hexbin } }));
      if (key === 't') setState((s) => ({ layers: { ...s.layers, territories: !s.layers.territories } }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
