// Offline geocoding of providers to their ZIP5 centroid (bundled ZIP table); ungeocodable ZIPs are
// counted and sampled for the import report.
import type { GeoData } from '../geo';

export type Located = { lat: number; lon: number; county: string } | null;

export type Geocoder = {
  locate(zip5: string): Located;
  /** Distinct ZIPs not found (count and first few) and how many providers they affect. */
  ungeocoded(): { count: number; sample: string[]; providers: number };
};

const SAMPLE = 20;

/**
 * `countyOverride`: ZIP → county FIPS from a crosswalk the user imported into the workspace (see
 * formats/zipCounty.ts); it wins over the bundled table's county.
 */
export function createGeocoder(geo: GeoData, countyOverride?: Map<string, string>): Geocoder {
  const missing = new Set<string>();
  let providers = 0;
  return {
    locate(zip5) {
      const i = zip5 === '' ? -1 : geo.zips.indexOf(zip5);
      if (i < 0) {
        providers += 1;
        if (missing.size < 200_000) missing.add(zip5 === '' ? '(blank)' : zip5);
        return null;
      }
      return {
        lat: geo.zips.lat[i]!,
        lon: geo.zips.lon[i]!,
        county: countyOverride?.get(zip5) ?? geo.zips.county[i] ?? '',
      };
    },
    ungeocoded: () => ({ count: missing.size, sample: [...missing].slice(0, SAMPLE), providers }),
  };
}
