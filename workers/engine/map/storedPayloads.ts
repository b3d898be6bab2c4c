// The first map frame's data (a scenario's provider points and layer) stored in the workspace, so a
// later engine sends it without loading provider columns, scores and the scenario model. A payload
// built here is stored a moment after it was last asked for (a burst of what-if edits writes once)
// and only when nothing was written to the workspace since it was built; the triggers of map_cache
// drop stored rows on any later write to their sources. Wire frames (common/wire.ts) are the format.
import { createHash } from 'node:crypto';
import type { MarketDefinition } from '../../common/contract/scoring';
import { EngineFailure } from '../../common/result';
import { decodeFrame, encodeFrame } from '../../common/wire';
import { writeIfFree } from '../../data/bestEffortWrite';
import { geoFingerprint } from '../../data/geoLoader';
import { readMapPayload, writeGeneration, writeMapPayloads } from '../../data/repos/mapCache';
import type { ScenarioRow } from '../../data/repos/scenarioRepo';
import type { EngineContext } from '../runtime/context';
import { SCORING_VERSION, resolveMarket } from '../scoring/scores';

/** Bump when a payload's content changes for the same data (older rows are then ignored). */
const MAP_PAYLOAD_VERSION = 'map-v1';
/** Quiet time after the last payload build before the pending ones are written. */
const STORE_AFTER_MS = 1500;

export type MapPayloadKind = 'points' | 'layer';

/** A market reference's definition; a market that no longer resolves means the workspace default. */
export function definitionOrDefault(
  ctx: EngineContext,
  market: string | null | undefined,
): MarketDefinition {
  try {
    return resolveMarket(ctx, market ?? undefined);
  } catch (e) {
    if (e instanceof EngineFailure && e.error.code === 'NOT_FOUND') return resolveMarket(ctx);
    throw e;
  }
}

/** What a payload is built from, as a key: kind, scenario state position, market, geography, versions. */
export function mapPayloadKey(o: {
  kind: MapPayloadKind;
  row: ScenarioRow;
  market: MarketDefinition;
}): string {
  const { kind, row, market } = o;
  const source = [
    MAP_PAYLOAD_VERSION,
    SCORING_VERSION,
    geoFingerprint(),
    kind,
    row.id,
    row.historyPos,
    row.historyLength,
    JSON.stringify(market),
  ];
  return `${kind}:${row.id}:${createHash('sha256').update(source.join('\u0000')).digest('base64url')}`;
}

type Pending = { scenarioId: number; value: unknown; generation: string };
type Store = { pending: Map<string, Pending>; timer: ReturnType<typeof setTimeout> | null };

const storeOf = (ctx: EngineContext): Store =>
  ctx.cached('mapPayloads', (): Store => ({ pending: new Map(), timer: null }));

/**
 * The payload under `key`: built when `built` says the engine holds what it is made from (cheap), else
 * read from the workspace when stored, else built and queued for storing.
 */
export function mapPayload<T>(
  ctx: EngineContext,
  o: { key: string; scenarioId: number; warm: boolean; build: () => T },
): T {
  if (!o.warm) {
    const stored = readMapPayload(ctx.ws.db, o.key);
    if (stored) return decodeFrame<T>(stored);
  }
  const value = o.build();
  const store = storeOf(ctx);
  store.pending.set(o.key, {
    scenarioId: o.scenarioId,
    value,
    generation: writeGeneration(ctx.ws.db),
  });
  if (store.timer) clearTimeout(store.timer);
  store.timer = setTimeout(() => storeMapPayloads(ctx), STORE_AFTER_MS);
  store.timer.unref?.();
  return value;
}

/**
 * Writes the queued payloads that are still current (no write to the workspace since they were
 * built) unless another writer holds the workspace; drops the queue. Runs on a timer and at close;
 * never throws.
 */
export function storeMapPayloads(ctx: EngineContext): void {
  const store = storeOf(ctx);
  if (store.timer) clearTimeout(store.timer);
  store.timer = null;
  if (store.pending.size === 0) return;
  try {
    const now = writeGeneration(ctx.ws.db);
    const rows = [...store.pending]
      .filter(([, p]) => p.generation === now)
      .map(([key, p]) => ({ key, scenarioId: p.scenarioId, frame: encodeFrame(p.value) }));
    if (rows.length > 0) writeIfFree(ctx.ws.db, () => writeMapPayloads(ctx.ws.db, rows));
  } catch (e) {
    // a copy for the next open: failing to store it (a full disk) must not fail the session or its close
    console.error(
      `[tessera] the map data was not stored for the next open: ${(e as Error)?.message ?? String(e)}`,
    );
  } finally {
    store.pending.clear();
  }
}
