// The workstation shell: top bar, side panel, map (or the compare view), overlays.
import { useEffect } from 'react';
import { CommandPalette } from './components/CommandPalette';
import { ExportDialog } from './components/ExportDialog';
import { Jobs, Toasts } from './components/Feedback';
import { ProviderCardDrawer } from './components/ProviderCard';
import { Sidebar } from './components/Sidebar';
import { TopBar } from './components/TopBar';
import { useMenuCommands } from './components/menuCommands';
import { useShortcuts } from './components/shortcuts';
import { connectEngine } from './engine/wsClient';
import { Legend } from './map/Legend';
import { MapToolbar } from './map/MapToolbar';
import { MapView } from './map/MapView';
import { CompareView } from './panels/CompareView';
import { PresentationMode } from './present/PresentationMode';
import { openWorkspace, refreshViews, watchDataVersion } from './state/actions';
import { setState, toast, useStore } from './state/store';
import { ConnectionBanner } from './components/ConnectionBanner';

export function App() {
  const connected = useStore((s) => s.engine !== null);
  const connectError = useStore((s) => s.connectError);
  const panel = useStore((s) => s.panel);
  const layer = useStore((s) => s.layer);
  const scenario = useStore((s) => s.scenario);
  useShortcuts();
  useMenuCommands();

  useEffect(() => {
    connectEngine({
      onLost: (reason) => setState({ connection: 'lost', connectionMessage: reason }),
      onBack: () => {
        setState({ connection: 'open', connectionMessage: null });
        toast('success', 'Reconnected to the engine; every view was refreshed.');
        void refreshViews();
      },
    })
      .then(async (api) => {
        await openWorkspace(api);
        watchDataVersion();
      })
      .catch((e: unknown) => setState({ connectError: (e as Error).message ?? String(e) }));
  }, []);

  if (connectError) {
    return (
      <div className="splash error">
        <h1>Tessera cannot reach its engine</h1>
        <p>{connectError}</p>
        <p>
          Open the exact address printed by <code>tessera serve</code> (it carries the access
          token), or restart the app.
        </p>
      </div>
    );
  }
  if (!connected) return <div className="splash">Connecting to the engine…</div>;

  return (
    <div className="app">
      <ConnectionBanner />
      <TopBar />
      <div className="body">
        <Sidebar />
        <main className="main">
          {panel === 'compare' ? (
            <CompareView />
          ) : (
            <div className="map-host">
              <MapView id="main" layer={layer} editable label={scenario ?? undefined} />
              <MapToolbar />
              <Legend />
            </div>
          )}
          <ProviderCardDrawer />
        </main>
      </div>
      <Jobs />
      <Toasts />
      <CommandPalette />
      <ExportDialog />
      <PresentationMode />
    </div>
  );
}
