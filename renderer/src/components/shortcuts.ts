// Global keyboard shortcuts (ignored while typing in a field, except the palette and undo/redo).
import { useEffect } from 'react';
import { TOOLS } from '../map/MapToolbar';
import { redo, undo } from '../state/actions';
import { getState, setState } from '../state/store';
import { openExport } from './commands';
import { PANELS } from './Sidebar';

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'k') {
        e.preventDefault();
        setState((s) => ({ paletteOpen: !s.paletteOpen }));
        return;
      }
      // Escape in the export dialog's fields closes the dialog; in other fields it stays the field's
      // (the palette's input closes the palette itself)
      if (key === 'escape' && !mod && (!typing || getState().exportOpen)) return closeTopmost();
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
        openExport();
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
      const tool = TOOLS.find((t) => t.key1.toLowerCase() === key);
      if (tool) return setState({ tool: tool.key });
      if (key === 'h') setState((s) => ({ layers: { ...s.layers, hexbin: !s.layers.hexbin } }));
      if (key === 't')
        setState((s) => ({ layers: { ...s.layers, territories: !s.layers.territories } }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Escape closes the topmost thing open — palette, export dialog, provider card, radius list — one
 * per press, and clears the selected territory only when nothing else was open.
 */
export function closeTopmost(): void {
  const s = getState();
  if (s.paletteOpen) return setState({ paletteOpen: false });
  if (s.exportOpen) return setState({ exportOpen: false });
  if (s.cardIndex !== null) return setState({ cardIndex: null });
  if (s.tool === 'radius' && (s.radius || s.radiusCenter))
    return setState({ radius: null, radiusCenter: null });
  if (s.selectedTerritory) setState({ selectedTerritory: null });
}
