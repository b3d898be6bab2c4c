// The workspace's routing-server setting, stored as one JSON row of the meta table (no migration:
// meta exists since schema v1). Reading validates the stored JSON so a hand-edited or damaged row
// is reported, never used half-parsed.
import { z } from 'zod';
import type { RoutingSetting } from '../../common/contract';
import { EngineFailure } from '../../common/result';
import type { Db } from '../workspace';

export const ROUTING_META_KEY = 'routing.server';

export const routingSettingSchema = z
  .object({
    kind: z.enum(['osrm', 'valhalla']),
    url: z.string().min(1),
    profile: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'profile/costing: letters, digits, - and _ only')
      .optional(),
    timeoutMs: z.number().int().min(500).max(300_000).optional(),
    onFailure: z.enum(['fallback', 'fail']).optional(),
  })
  .strict();

export function readRoutingSetting(db: Db): RoutingSetting | null {
  const row = db.prepare(`SELECT value FROM meta WHERE key = ?`).get(ROUTING_META_KEY) as
    { value: string } | undefined;
  if (!row) return null;
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch {
    json = undefined;
  }
  const parsed = routingSettingSchema.safeParse(json);
  if (!parsed.success) {
    throw new EngineFailure(
      'BAD_INPUT',
      `The workspace's routing-server setting (meta key "${ROUTING_META_KEY}") is damaged: ${row.value.slice(0, 200)}. ` +
        'Run `tessera routing clear <ws>` and set it again.',
    );
  }
  return parsed.data;
}

export function writeRoutingSetting(db: Db, setting: RoutingSetting): void {
  db.prepare(
    `INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  ).run(ROUTING_META_KEY, JSON.stringify(setting));
}

export function clearRoutingSetting(db: Db): void {
  db.prepare(`DELETE FROM meta WHERE key = ?`).run(ROUTING_META_KEY);
}
