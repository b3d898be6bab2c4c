// Asks a freshly opened engine for the data of the first map frame (provider columns, volume
// columns, the baseline market's scores, the baseline scenario model) right away, so that work runs
// while the page loads (bundle, maplibre, WebSocket) instead of after the page asks. The results are
// dropped; the engine caches what they built, and the page's own calls then return from the cache.
import type { EngineApi } from '../common/contract';

export function warmMapData(engine: EngineApi): void {
  void (async () => {
    const scenarios = await engine.listScenarios();
    const baseline = scenarios.ok
      ? (scenarios.value.find((s) => s.isBaseline) ?? scenarios.value[0])
      : undefined;
    if (baseline) await engine.scenarioLayer({ scenario: baseline.name });
    else await engine.score({ market: '' });
  })().catch(() => undefined); // best effort: the page's own calls report any failure
}
