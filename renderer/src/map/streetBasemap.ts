// The optional street basemap: a PMTiles archive the user picked, read in byte ranges through the
// pmtiles protocol for maplibre. Two ways in, neither reaching outside the app's own origin (the
// strict CSP stays as it is):
// - a file chosen in the browser's file dialog (both hosts; read from the File, for this session);
// - a path on the local server (`tessera serve` reads it at /basemap.pmtiles with the launch token;
//   remembered across reloads).
import { addProtocol, type Map as MapLibreMap } from 'maplibre-gl';
import { FileSource, PMTiles, Protocol, TileType } from 'pmtiles';
import {
  STREET_SOURCE,
  streetLayers,
  streetSchema,
  type StreetArchive,
  type StreetSchema,
} from './streetStyle';
import { fileName } from '../components/format';

export type StreetBasemap = StreetArchive & {
  /** pmtiles:// key of the archive (its URL or file name). */
  key: string;
  label: string;
  schema: StreetSchema | null;
  /** Set when it came from a path (remembered across reloads). */
  path: string | null;
};

const SAVED_PATH = 'tessera.streetBasemapPath';
let protocol: Protocol | null = null;

function ensureProtocol(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

/** The launch token of `tessera serve` (from the page URL); null in Electron. */
function serverToken(): string | null {
  return new URLSearchParams(window.location.search).get('token');
}

export function canServePaths(): boolean {
  return serverToken() !== null;
}

async function describe(
  archive: PMTiles,
  label: string,
  path: string | null,
): Promise<StreetBasemap> {
  const header = await archive.getHeader();
  const raster =
    header.tileType === TileType.Png ||
    header.tileType === TileType.Jpeg ||
    header.tileType === TileType.Webp ||
    header.tileType === TileType.Avif;
  if (!raster && header.tileType !== TileType.Mvt)
    throw new Error(
      `${label}: unsupported tile type ${header.tileType} (raster PNG/JPEG/WebP or vector MVT tiles expected).`,
    );
  let vectorLayers: string[] = [];
  if (!raster) {
    const meta = (await archive.getMetadata()) as { vector_layers?: { id?: unknown }[] } | null;
    vectorLayers = (meta?.vector_layers ?? []).map((l) => String(l.id ?? '')).filter(Boolean);
    if (vectorLayers.length === 0)
      throw new Error(`${label}: a vector archive must list its vector_layers in the metadata.`);
  }
  ensureProtocol().add(archive);
  return {
    key: archive.source.getKey(),
    label,
    path,
    kind: raster ? 'raster' : 'vector',
    vectorLayers,
    schema: raster ? null : streetSchema(vectorLayers),
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
  };
}

export async function openStreetFile(file: File): Promise<StreetBasemap> {
  return describe(new PMTiles(new FileSource(file)), file.name, null);
}

export async function openStreetPath(path: string): Promise<StreetBasemap> {
  const token = serverToken();
  if (!token) throw new Error('Paths are read by the local server only; choose the file instead.');
  const url = `${window.location.origin}/basemap.pmtiles?token=${encodeURIComponent(token)}&path=${encodeURIComponent(path)}`;
  const probe = await fetch(url, { headers: { Range: 'bytes=0-7' } });
  if (!probe.ok)
    throw new Error(
      (await probe.text()).replace(/^Refused: /, '').trim() || `HTTP ${probe.status}`,
    );
  const basemap = await describe(new PMTiles(url), fileName(path), path);
  localStorage.setItem(SAVED_PATH, path);
  return basemap;
}

export function savedStreetPath(): string | null {
  return canServePaths() ? localStorage.getItem(SAVED_PATH) : null;
}

export function forgetStreetPath(): void {
  localStorage.removeItem(SAVED_PATH);
}

/** Puts the basemap's source and layers on a map (replacing any earlier one), under the state lines. */
export function showStreets(
  map: MapLibreMap,
  basemap: StreetBasemap | null,
  visible: boolean,
): void {
  const style = map.getStyle();
  for (const l of style.layers ?? []) if (l.id.startsWith('streets-')) map.removeLayer(l.id);
  if (map.getSource(STREET_SOURCE)) map.removeSource(STREET_SOURCE);
  if (!basemap || !visible) return;
  const url = `pmtiles://${basemap.key}`;
  map.addSource(
    STREET_SOURCE,
    basemap.kind === 'raster' ? { type: 'raster', url, tileSize: 256 } : { type: 'vector', url },
  );
  const before = map.getLayer('county-lines')
    ? 'county-lines'
    : map.getLayer('state-lines')
      ? 'state-lines'
      : undefined;
  for (const layer of streetLayers(basemap)) map.addLayer(layer, before);
}
