// A tiny test harness for the end-to-end run: named checks, one line each, a final
// "N passed, N failed" line, exit code 1 on any failure.
export function createHarness() {
  const results = [];
  return {
    async check(name, fn) {
      const started = Date.now();
      try {
        await fn();
        results.push({ name, ok: true });
        console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (e) {
        results.push({ name, ok: false, error: e });
        console.log(
          `  ✗ ${name}\n      ${[
            String(e?.message ?? e),
            ...String(e?.stack ?? '')
              .split('\n')
              .filter((l) => l.trim().startsWith('at '))
              .slice(0, 3),
          ].join('\n      ')}`,
        );
      }
    },
    summary() {
      const passed = results.filter((r) => r.ok).length;
      const failed = results.length - passed;
      console.log(`${passed} passed, ${failed} failed`);
      return failed;
    },
  };
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Polls `probe` until it returns a truthy value (or throws after `timeoutMs`). */
export async function until(
  probe,
  { timeoutMs = 30000, intervalMs = 200, what = 'condition' } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
