// Data panel section: the optional street basemap (a local PMTiles file), chosen as a file (both
// hosts) or, on the local server, as a path that is remembered. Shown under every data layer.
import { useRef, useState } from 'react';
import {
  canServePaths,
  forgetStreetPath,
  openStreetFile,
  openStreetPath,
  savedStreetPath,
  type StreetBasemap,
} from '../map/streetBasemap';
import { setState, toast, useStore } from '../state/store';

function describeBasemap(b: StreetBasemap): string {
  const what =
    b.kind === 'raster'
      ? 'raster tiles'
      : `vector tiles, ${b.schema === 'generic' ? `${b.vectorLayers.length} layers (generic style)` : `${b.schema === 'protomaps' ? 'Protomaps' : 'OpenMapTiles'} schema`}`;
  return `${what}, zoom ${b.minZoom}–${b.maxZoom}`;
}

async function use(open: () => Promise<StreetBasemap>): Promise<void> {
  try {
    const streets = await open();
    setState({ streets, streetsVisible: true });
    toast('success', `Street basemap: ${streets.label} (${describeBasemap(streets)})`);
  } catch (e) {
    toast('error', `Street basemap not opened: ${(e as Error).message}`);
  }
}

/** Re-opens the remembered basemap path (local server) at start-up; quiet when there is none. */
export async function restoreStreetBasemap(): Promise<void> {
  const path = savedStreetPath();
  if (!path) return;
  try {
    setState({ streets: await openStreetPath(path), streetsVisible: true });
  } catch (e) {
    toast('error', `The street basemap ${path} could not be reopened: ${(e as Error).message}`);
  }
}

export function StreetBasemapSection() {
  const streets = useStore((s) => s.streets);
  const visible = useStore((s) => s.streetsVisible);
  const [path, setPath] = useState(streets?.path ?? '');
  const input = useRef<HTMLInputElement>(null);
  return (
    <section data-testid="street-basemap">
      <h3>Street basemap</h3>
      <p className="muted small">
        Optional: a PMTiles file on this computer, drawn under the data layers — raster tiles as
        they are, vector tiles in the Protomaps or OpenMapTiles schema with a street style (other
        schemas: lines and areas in grey). No street labels.
      </p>
      <div className="row wrap">
        <button onClick={() => input.current?.click()}>Choose .pmtiles file…</button>
        <input
          ref={input}
          type="file"
          accept=".pmtiles"
          hidden
          data-testid="street-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void use(() => openStreetFile(file));
            e.target.value = '';
          }}
        />
        {streets && (
          <>
            <label className="check">
              <input
                type="checkbox"
                data-testid="street-visible"
                checked={visible}
                onChange={() => setState({ streetsVisible: !visible })}
              />{' '}
              show
            </label>
            <button
              data-testid="street-remove"
              onClick={() => {
                forgetStreetPath();
                setState({ streets: null });
              }}
            >
              Remove
            </button>
          </>
        )}
      </div>
      {canServePaths() && (
        <div className="row">
          <input
            data-testid="street-path"
            value={path}
            placeholder="/path/to/streets.pmtiles (remembered)"
            onChange={(e) => setPath(e.target.value)}
            style={{ flex: 1 }}
          />
          <button
            data-testid="street-use-path"
            disabled={!path.trim()}
            onClick={() => void use(() => openStreetPath(path.trim()))}
          >
            Use
          </button>
        </div>
      )}
      {streets && (
        <p className="small" data-testid="street-status">
          <b>{streets.label}</b> — {describeBasemap(streets)}
        </p>
      )}
    </section>
  );
}
