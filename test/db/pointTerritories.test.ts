// After an edit the workstation asks only for each map point's territory (pointTerritories); it must
// be exactly what a full providerPoints reload of the edited scenario would give.
import { describe, expect, it } from 'vitest';
import { runAlign } from '../../workers/engine/align/run';
import { runWhatIf } from '../../workers/engine/scenarios/history';
import { loadScenarioModel } from '../../workers/engine/scenarios/store';
import { mapService } from '../../workers/engine/map/mapService';
import { makeWorld, zipId } from './alignFixture';

describe('pointTerritories', () => {
  it('equals the territory column of providerPoints after moving a unit and pinning an account', async () => {
    const w = makeWorld({ width: 4, height: 4, perZip: 3 });
    runAlign(w.ctx, { territories: 2, scenario: 's', seed: 1 });
    const api = mapService(w.ctx);
    const start = loadScenarioModel(w.ctx, 's');
    const u = start.unitIds.indexOf(zipId(0));
    const from = start.territories[start.unitTerritory[u]!]!.id;
    const to = start.territories.find((t) => t.id !== from)!.id;
    const before = await api.pointTerritories({ scenario: 's' });
    runWhatIf(w.ctx, { scenario: 's', op: { kind: 'moveUnits', units: [zipId(0)], to } });
    runWhatIf(w.ctx, {
      scenario: 's',
      op: { kind: 'pinAccounts', npis: [String(w.npis[w.npis.length - 1])], to: from },
    });
    const after = await api.pointTerritories({ scenario: 's' });
    const full = await api.providerPoints({ scenario: 's' });
    if (!before.ok || !after.ok || !full.ok) throw new Error('map calls failed');
    expect([...after.value.territory]).toEqual([...full.value.territory]);
    expect(after.value.territoryIds).toEqual(full.value.territoryIds);
    const changed = after.value.territory.filter((t, i) => t !== before.value.territory[i]).length;
    expect(changed).toBeGreaterThanOrEqual(3); // the moved ZIP's three providers (and the pin, if it moved)
    const bad = await api.pointTerritories({ scenario: 'nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
