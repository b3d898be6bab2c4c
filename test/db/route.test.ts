// End to end on a small synthetic demo workspace: week routes, radius lists and capacity through
// the engine contract (real SQLite, real importer, real scores and scenario model).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteWeek } from '../../workers/common/contract';
import { parseHhmm } from '../../workers/domain/route/dayProblem';
import { openEngine, type Engine } from '../../workers/engine/runtime/engine';

const dir = mkdtempSync(join(tmpdir(), 'tessera-route-test-'));
let engine: Engine;

beforeAll(async () => {
  engine = openEngine(join(dir, 'route.tessera'), { create: true });
  const r = await engine.createDemo({ providers: 3000, seed: 11, reps: 40 });
  if (!r.ok) throw new Error(r.error.message);
}, 300_000);

afterAll(async () => {
  await engine.close();
});

async function week(territoryId: string, extra: object = {}): Promise<RouteWeek> {
  const r = await engine.route({ scenario: 'baseline', territoryId, date: '2025-06-09', ...extra });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('route (week of day routes)', () => {
  it('plans five working days with consistent legs, times and visit counts', async () => {
    const w = await week('T001');
    expect(w.days.map((d) => d.weekday)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
    const made = w.visitsMade.A + w.visitsMade.B + w.visitsMade.C;
    const due = w.visitsDue.A + w.visitsDue.B + w.visitsDue.C;
    expect(due).toBeGreaterThan(0);
    expect(made + w.unscheduled.length).toBe(due);
    expect(w.days.reduce((s, d) => s + d.stops.length, 0)).toBe(made);
    for (const d of w.days) {
      const legs = d.stops.reduce((s, x) => s + x.driveMinutes, 0) + d.returnMinutes;
      expect(Math.abs(legs - d.driveMinutes)).toBeLessThan(0.5 + d.stops.length * 0.05);
      expect(parseHhmm(d.endTime)).toBeLessThanOrEqual(17 * 60 + 30);
      for (const s of d.stops) {
        expect(s.npi).toMatch(/^\d{10}$/);
        if (s.window) expect(parseHhmm(s.depart)).toBeLessThanOrEqual(parseHhmm(s.window.close));
      }
      expect(d.path![0]).toEqual([d.start.lon, d.start.lat]);
    }
    for (const u of w.unscheduled) expect(u.reason.length).toBeGreaterThan(10);
  });

  it('is deterministic and honours --day-ends last-stop', async () => {
    const a = await week('T002');
    const b = await week('T002');
    expect(JSON.stringify({ ...a, seconds: 0 })).toBe(JSON.stringify({ ...b, seconds: 0 }));
    const t = await week('T002', { dayEnds: 'last-stop' });
    for (let d = 1; d < t.days.length; d++)
      expect(t.days[d]!.start.lat).toBeCloseTo(t.days[d - 1]!.end.lat, 5);
  });

  it('explains bad requests', async () => {
    const unknown = await engine.route({ scenario: 'baseline', territoryId: 'NOPE' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('NOT_FOUND');
    const badDate = await engine.route({
      scenario: 'baseline',
      territoryId: 'T001',
      date: '2025-02-30',
    });
    expect(badDate.ok).toBe(false);
    if (!badDate.ok) expect(badDate.error.message).toMatch(/YYYY-MM-DD/);
  });
});

describe('radius and capacity', () => {
  it('lists providers within the drive time of a point, ranked by potential', async () => {
    const r = await engine.radius({
      from: { zip: '60611' },
      minutes: 45,
      rankBy: 'potential',
      limit: 20,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.hits.length).toBeGreaterThan(0);
    for (const h of r.value.hits) expect(h.minutes).toBeLessThanOrEqual(45);
    for (let i = 1; i < r.value.hits.length; i++)
      expect(r.value.hits[i - 1]!.value).toBeGreaterThanOrEqual(r.value.hits[i]!.value);
    const wider = await engine.radius({
      from: { zip: '60611' },
      minutes: 90,
      rankBy: 'potential',
      limit: 1,
    });
    if (!wider.ok) throw new Error(wider.error.message);
    expect(wider.value.total).toBeGreaterThanOrEqual(r.value.total);
    const unknown = await engine.radius({
      from: { zip: '60611' },
      miles: 10,
      rankBy: { codes: ['NOTACODE'] },
    });
    expect(unknown.ok).toBe(false);
  });

  it('reports weekly capacity of every territory with flags that follow utilisation', async () => {
    const r = await engine.capacity({ scenario: 'baseline' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.territories.length).toBe(40);
    for (const t of r.value.territories) {
      expect(t.availableHoursPerWeek).toBeCloseTo(8 * 0.6 * 5, 6);
      expect(t.utilisation).toBeCloseTo(
        (t.visitHoursPerWeek + t.driveHoursPerWeek) / t.availableHoursPerWeek,
        2,
      );
      expect(t.flag).toBe(t.utilisation > 1 ? 'over' : t.utilisation < 0.7 ? 'under' : 'ok');
      expect(t.tierABeyond90).toBeLessThanOrEqual(t.tierABeyond60);
    }
    const roomier = await engine.capacity({ scenario: 'baseline', settings: { hoursPerDay: 10 } });
    if (!roomier.ok) throw new Error(roomier.error.message);
    expect(roomier.value.territories[0]!.utilisation).toBeLessThan(
      r.value.territories[0]!.utilisation,
    );
  });
});
