// Commands from the desktop app's menu (electron/menu.ts). The preload turns each into a
// `tessera-command` window event; here they become the same actions as the palette and shortcuts.
import { useEffect } from 'react';
import { setState } from '../state/store';
import { commands } from './commands';

/** Menu commands named after panels; the others carry the palette's command ids (commands.ts). */
const ALIAS: Record<string, string> = { balance: 'panel-balance', compare: 'panel-compare' };

export function runMenuCommand(command: string): void {
  switch (command) {
    case 'palette':
      return setState((s) => ({ paletteOpen: !s.paletteOpen }));
    case 'import':
      return setState({ panel: 'data', importRequested: true });
    case 'createDemo':
      // a new, empty workspace: the Data panel offers the demo sizes
      return setState({ panel: 'data' });
    default:
      commands()
        .find((c) => c.id === (ALIAS[command] ?? command))
        ?.run();
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
