// Keeps the maps of one group (the compare view) on the same camera.
export type Camera = { center: [number, number]; zoom: number; bearing: number; pitch: number };
type Listener = (camera: Camera, from: string) => void;

const groups = new Map<string, Set<Listener>>();

export function joinSync(group: string, listener: Listener): () => void {
  const set = groups.get(group) ?? new Set<Listener>();
  groups.set(group, set);
  set.add(listener);
  return () => set.delete(listener);
}

export function broadcast(group: string, camera: Camera, from: string): void {
  for (const l of groups.get(group) ?? []) l(camera, from);
}

/** The last camera of the main map, so a compare view opens where the user was looking. */
export let lastCamera: Camera = { center: [-96.5, 38.5], zoom: 3.6, bearing: 0, pitch: 0 };
export function rememberCamera(camera: Camera): void {
  lastCamera = camera;
}

/** Maps by id, so panels can frame what they show (e.g. a week of routes). */
type Padding = number | { top: number; bottom: number; left: number; right: number };
type Framable = {
  fitBounds(
    b: [[number, number], [number, number]],
    o?: { padding?: Padding; maxZoom?: number; duration?: number },
  ): unknown;
  getBounds(): { getWest(): number; getEast(): number; getSouth(): number; getNorth(): number };
};
const maps = new Map<string, Framable>();
export function registerMap(id: string, map: Framable | null): void {
  if (map) maps.set(id, map);
  else maps.delete(id);
  // Read by the end-to-end tests to move the camera and wait for map idle.
  (window as unknown as { tesseraMaps?: Map<string, Framable> }).tesseraMaps = maps;
}
export function mapById(id: string): Framable | null {
  return maps.get(id) ?? null;
}
export function frame(id: string, points: [number, number][]): void {
  const map = maps.get(id);
  if (!map || points.length === 0) return;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  map.fitBounds(
    [
      [x0, y0],
      [x1, y1],
    ],
    { padding: 60, maxZoom: 11, duration: 600 },
  );
}
