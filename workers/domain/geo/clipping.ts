// polygon-clipping ships a default-export-only ESM build and a CommonJS build, while its types
// declare named exports: resolve whichever shape the runtime hands us.
import * as polygonClippingNs from 'polygon-clipping';
import type { MultiPolygon, Pair, Polygon, Ring } from 'polygon-clipping';

type ClippingApi = typeof polygonClippingNs;
const api: ClippingApi =
  (polygonClippingNs as unknown as { default?: ClippingApi }).default ?? polygonClippingNs;

export const intersection = api.intersection;
export const union = api.union;
export type { MultiPolygon, Pair, Polygon, Ring };
