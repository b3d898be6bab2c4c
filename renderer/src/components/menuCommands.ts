// Commands from the desktop app's menu (electron/menu.ts). The preload turns each into a
// `tessera-command` window event; here they become the same actions as the palette and shortcuts.
import { useEffect } from 'react';
import { redo, undo } from '../state/actions';
import { getState, setState, toast } from '../state/store';

export function runMenuCommand(command: string): void {
  const st = getState();
  switch (command) {
    case 'undo':
      return void undo();
    case 'redo':
      return void redo();
    case 'balance':
      return setState({ panel: 'balance' });
    case 'compare':
      return setState({ panel: 'compare' });
    case 'palette':
      return setState({ paletteOpen: !st.paletteOpen });
    case 'import':
      return setState({ panel: 'data', importRequest: st.importRequest + 1 });
    case 'export':
      if (st.scenario) setState({ exportOpen: true });
      else toast('info', 'There is no scenario to export yet: import an alignment or run a balance first.');
      return;
    case 'createDemo':
      // a new, empty workspace: the Data panel offers the demo sizes
      return setState({ panel: 'data' });
  }
}

export function useMenuCommands(): void {
  useEffect(() => {
    const onCommand = (e: Event) => {
      if (e instanceof CustomEvent && typeof e.detail === 'string') runMenuCommand(e.detail);
    };
    window.addEventListener('tessera-command', onCommand);
    return () => window.removeEventListener('tessera-command', onCommand);
  }, []);
}
