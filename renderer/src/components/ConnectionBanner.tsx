// A banner while the engine connection is lost: calls fail at once (never a silent wait), and the
// page reconnects by itself when the server is back.
import { useStore } from '../state/store';
import { safeText } from './safeText';

export function ConnectionBanner() {
  const connection = useStore((s) => s.connection);
  const message = useStore((s) => s.connectionMessage);
  if (connection === 'open') return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      <b>Lost the connection to the Tessera engine</b> (
      {safeText(message ?? 'no reason given', 200)}). Actions fail until it is back; reconnecting
      every few seconds… If the server was restarted, open the new address it printed.
    </div>
  );
}
