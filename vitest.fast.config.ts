// `npm run test:fast`: the pure and unit tests (test/unit), for the edit loop. No build, no SQLite
// workspace, no child processes: well under 30 s. The full suite (vitest.config.ts: unit + db +
// host, after building the bundles it runs) is `npm run test:unit`, and everything is `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Property tests with several seeds run one seed here and all in the full suite.
    env: { TESSERA_TEST_FAST: '1' },
    pool: 'forks',
    // The unit tests share no global state (no vi.mock, stubbed globals or fake timers; checked by
    // grep), so the two workers reuse one module graph: 17–20 s instead of 26–28 s on this machine.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
