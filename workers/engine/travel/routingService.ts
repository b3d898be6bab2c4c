// Routing area of the contract: the workspace's optional OSRM/Valhalla server (show, set, clear,
// test). The setting lives in the workspace's meta table; runs read it through engine/travel/travelSource.ts.
import type {
  RoutingApi,
  RoutingSetting,
  RoutingStatus,
  RoutingTestRequest,
  RoutingTestResult,
} from '../../common/contract';
import { EngineFailure } from '../../common/result';
import { travel } from '../../domain/driveTime';
import { greatCircleMiles } from '../../domain/geo/distance';
import {
  clearRoutingSetting,
  routingSettingSchema,
  writeRoutingSetting,
} from '../../data/repos/routingSetting';
import { checkRoutingUrl, createRoutingClient } from '../../data/routingClient';
import { resolveRoutingUrl } from '../../data/routingUrlPolicy';
import { getGeo, getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { densityAt, zipIndex } from '../routes/inputs';
import {
  forgetRoutingFailures,
  KIND_LABEL,
  ROUTING_CACHE_KEY,
  routingSettingOf,
  serverConfigOf,
} from './travelSource';

function describe(setting: RoutingSetting | null): string {
  if (!setting) return 'Offline drive-time model (no routing server set).';
  const profile = setting.profile ?? (setting.kind === 'osrm' ? 'driving' : 'auto');
  const policy =
    setting.onFailure === 'fail'
      ? 'runs fail if it cannot answer'
      : 'falls back to the offline model with a warning';
  return `${KIND_LABEL[setting.kind]} at ${setting.url} (${setting.kind === 'osrm' ? 'profile' : 'costing'} ${profile}, timeout ${(setting.timeoutMs ?? 20_000) / 1000} s; ${policy}).`;
}

function status(
  setting: RoutingSetting | null,
  resolved?: RoutingStatus['resolved'],
): RoutingStatus {
  const out: RoutingStatus = {
    setting,
    travelSource: setting ? setting.kind : 'offline',
    description: describe(setting),
  };
  if (resolved !== undefined) {
    out.resolved = resolved;
    if (resolved && setting)
      out.description += ` Host ${resolved.host} resolves to ${resolved.address} (${resolved.rule}).`;
  }
  return out;
}

/** Where the setting's URL points now: the checked address and the rule that allowed it (throws when refused). */
async function resolvedOf(
  setting: RoutingSetting,
): Promise<NonNullable<RoutingStatus['resolved']>> {
  const c = await resolveRoutingUrl(setting.url);
  return { host: c.host, address: c.address, rule: c.rule };
}

/** Validates a setting from a host: shape, URL scheme and a loopback/private host. */
export function validSetting(input: unknown): RoutingSetting {
  const parsed = routingSettingSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'setting';
    throw new EngineFailure(
      'BAD_INPUT',
      `Routing setting: ${where}: ${issue?.message ?? 'invalid'}. Expected {kind: 'osrm'|'valhalla', url, profile?, timeoutMs? (500–300000), onFailure? ('fallback'|'fail')}.`,
    );
  }
  const s = parsed.data;
  checkRoutingUrl(s.url);
  const clean: RoutingSetting = { kind: s.kind, url: s.url.trim().replace(/\/+$/, '') };
  if (s.profile !== undefined) clean.profile = s.profile;
  if (s.timeoutMs !== undefined) clean.timeoutMs = s.timeoutMs;
  if (s.onFailure !== undefined) clean.onFailure = s.onFailure;
  return clean;
}

type Probe = { lat: number; lon: number; label: string };

/** Two real ZIP centroids 3–40 miles apart near `near` (default: the providers' median point). */
function probePoints(
  ctx: EngineContext,
  near: { lat: number; lon: number } | undefined,
): [Probe, Probe] {
  const zips = getGeo(ctx).zips;
  let centre = near;
  if (!centre) {
    const p = getProviderColumns(ctx);
    const lat: number[] = [];
    const lon: number[] = [];
    for (let i = 0; i < p.count; i += Math.max(1, Math.floor(p.count / 20_000))) {
      if (Number.isFinite(p.lat[i]!) && Number.isFinite(p.lon[i]!)) {
        lat.push(p.lat[i]!);
        lon.push(p.lon[i]!);
      }
    }
    const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    centre =
      lat.length > 0 ? { lat: median(lat), lon: median(lon) } : { lat: 41.8947, lon: -87.6206 };
  }
  const c = centre;
  const ids = zipIndex(ctx)
    .within(c.lon, c.lat, 0.8)
    .filter((id) => id < zips.count);
  const miles = (id: number) => greatCircleMiles(c.lat, c.lon, zips.lat[id]!, zips.lon[id]!);
  ids.sort((a, b) => miles(a) - miles(b));
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  const zipPoint = (id: number): Probe => ({
    lat: round(zips.lat[id]!),
    lon: round(zips.lon[id]!),
    label: `ZIP ${zips.zip[id]} (${zips.city[id]}, ${zips.state[id]})`,
  });
  const fromId = ids[0];
  const from: Probe =
    near || fromId === undefined
      ? { lat: c.lat, lon: c.lon, label: `${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}` }
      : zipPoint(fromId);
  const toId = ids.find((id) => {
    const d = greatCircleMiles(from.lat, from.lon, zips.lat[id]!, zips.lon[id]!);
    return d >= 3 && d <= 40;
  });
  const to: Probe =
    toId !== undefined
      ? zipPoint(toId)
      : { lat: from.lat + 0.1, lon: from.lon, label: 'a point 7 miles north' };
  return [from, to];
}

async function testRouting(
  ctx: EngineContext,
  req: RoutingTestRequest,
): Promise<RoutingTestResult> {
  const setting = req.setting ? validSetting(req.setting) : routingSettingOf(ctx);
  if (setting) await resolvedOf(setting); // refused before any probe is sent
  if (!setting) {
    throw new EngineFailure(
      'NOT_FOUND',
      'No routing server is set for this workspace, so there is nothing to test. Set one with `tessera routing set <ws> --osrm http://127.0.0.1:5000` (or --valhalla URL), or give the server to test.',
    );
  }
  if (req.near && !(Math.abs(req.near.lat) <= 90 && Math.abs(req.near.lon) <= 180)) {
    throw new EngineFailure(
      'BAD_INPUT',
      `Probe point must have a latitude in [-90, 90] and a longitude in [-180, 180], got ${req.near.lat}, ${req.near.lon}.`,
    );
  }
  const [from, to] = probePoints(ctx, req.near);
  const client = createRoutingClient(serverConfigOf(setting)); // fresh: no cached answers
  const pts = { lat: [from.lat], lon: [from.lon], density: [1] };
  const dst = { lat: [to.lat], lon: [to.lon], density: [1] };
  const t0 = performance.now();
  const m = await client.table(pts, dst);
  const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
  if (m.source === 'server') forgetRoutingFailures();
  const offline = travel(
    from.lat,
    from.lon,
    to.lat,
    to.lon,
    (densityAt(ctx, from.lat, from.lon) + densityAt(ctx, to.lat, to.lon)) / 2,
  );
  const reachable = m.source === 'server';
  const name = `${KIND_LABEL[setting.kind]} at ${setting.url}`;
  const message = reachable
    ? `${name} answered in ${latencyMs} ms: ${from.label} → ${to.label} is ${m.minutes[0]!.toFixed(1)} min / ${m.miles[0]!.toFixed(1)} mi by road (offline model: ${offline.minutes.toFixed(1)} min / ${offline.miles.toFixed(1)} mi).`
    : `${name} did not give a drive time for ${from.label} → ${to.label}: ${m.failure ?? 'the server found no road route between them'}. ` +
      `Check that the server is running and listening at ${setting.url}, that its ${setting.kind === 'osrm' ? 'profile' : 'costing'} exists, and that its map covers this area (or probe elsewhere with --near LAT,LON).`;
  return {
    kind: setting.kind,
    url: setting.url,
    reachable,
    latencyMs,
    from,
    to,
    minutes: reachable ? Math.round(m.minutes[0]! * 100) / 100 : null,
    miles: reachable ? Math.round(m.miles[0]! * 100) / 100 : null,
    offlineMinutes: Math.round(offline.minutes * 100) / 100,
    message,
  };
}

export function routingService(ctx: EngineContext): RoutingApi {
  return {
    routingSetting: () =>
      guard(async () => {
        const setting = routingSettingOf(ctx);
        if (!setting) return status(null);
        try {
          return status(setting, await resolvedOf(setting));
        } catch (e) {
          const s = status(setting, null);
          s.description += ` Now refused: ${(e as Error).message}`;
          return s;
        }
      }),
    setRoutingSetting: (setting) =>
      guard(async () => {
        const clean = validSetting(setting);
        const resolved = await resolvedOf(clean); // decided on the resolved address, before it is stored
        writeRoutingSetting(ctx.ws.db, clean);
        ctx.invalidate(ROUTING_CACHE_KEY);
        forgetRoutingFailures();
        return status(clean, resolved);
      }),
    clearRoutingSetting: () =>
      guard(() => {
        clearRoutingSetting(ctx.ws.db);
        ctx.invalidate(ROUTING_CACHE_KEY);
        return status(null);
      }),
    testRouting: (req) => guard(() => testRouting(ctx, req ?? {})),
  };
}
