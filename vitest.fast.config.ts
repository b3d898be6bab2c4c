// `npm run test:fast`: the pure and unit tests (test/unit), for the edit loop. No build, no SQLite
// workspace, no child processes: well under 30 s. The full suite (vitest.config.ts: unit + db +
// host, after building the bundles it runs) is `npm run test:unit`, and everything is `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
