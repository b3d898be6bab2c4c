// ESLint flat config: a small, type-aware rule set that catches real bugs (a promise nobody awaits,
// an async callback where a sync one is expected, `==` coercions, dead variables) and the import
// rules that express the layers (ARCHITECTURE.md "Layers"). Style is Prettier's job (`npm run
// format:check`), so no stylistic rules here. test/unit/layering.test.ts checks the same layers on
// every import a second way (it also sees dynamic imports and the renderer's reach into workers/).
import js from '@eslint/js';
import { builtinModules as nodeBuiltins } from 'node:module';
import tseslint from 'typescript-eslint';

// Anchored: a package's own sub-path that happens to be named like a built-in (jsts's
// `operation/buffer/BufferOp.js`) is not Node's `buffer`.
const builtinRegex = `^(?:node:.*|(?:${nodeBuiltins.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:/.*)?)$`;
const noNode = (message) => [{ regex: builtinRegex, message }];
const pure = 'The pure layers (workers/common, workers/domain) run anywhere: no Node built-ins.';
const noSqlite = { name: 'better-sqlite3', message: 'SQLite lives in workers/data only.' };
const noElectron = { name: 'electron', message: 'Electron lives in electron/ only.' };
// A layer's folder as an import names it: `../data/x`, `../../engine/y` from inside workers/, or
// `…/workers/host/z` from outside it (relative imports are matched as written, hence the regex).
const layer = (names, message, fromInsideWorkers = true) => ({
  regex: `^(?:${fromInsideWorkers ? '(?:\\.\\./)+|' : ''}.*/workers/)(?:${names.join('|')})(?:/|$)`,
  message,
  allowTypeImports: true,
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'bench/out/**',
      'test-results/**',
      'test/e2e/output/**',
      'resources/geo/**',
      '**/*.d.ts',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Recommended rules that flag deliberate code here rather than bugs.
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-control-regex': 'off',
      // Flags initial values that a loop overwrites; TypeScript already catches use before assignment.
      'no-useless-assignment': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Bugs the type checker does not catch.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // `cond ? a() : b()` and `ok && f()` statements are a deliberate compact style here.
      '@typescript-eslint/no-unused-expressions': [
        'error',
        { allowShortCircuit: true, allowTernary: true },
      ],
    },
  },
  {
    // Plain JavaScript (build scripts, e2e driver, bench runner): no type information for these.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
        globalThis: 'readonly',
        document: 'readonly',
        window: 'readonly',
        WebSocket: 'readonly',
        URLSearchParams: 'readonly',
        location: 'readonly',
        MessageChannel: 'readonly',
        CustomEvent: 'readonly',
        Response: 'readonly',
      },
    },
  },
  {
    // A test's fake HTTP server may take an async handler: a rejection there fails the test run.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }] },
  },
  // The layers (what may import what). Type-only imports are allowed across layers: they do not run.
  {
    files: ['workers/common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noSqlite, noElectron],
          patterns: [
            ...noNode(pure),
            layer(
              ['domain', 'data', 'engine', 'host'],
              'workers/common is the bottom layer: it imports nothing from the other layers.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['workers/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noSqlite, noElectron],
          patterns: [
            ...noNode(pure),
            layer(
              ['data', 'engine', 'host'],
              'workers/domain is pure: it imports only workers/common and itself.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['workers/data/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            layer(
              ['engine', 'host'],
              'workers/data sits below the engine: it imports common, domain and itself.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['workers/engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noSqlite, noElectron],
          patterns: [
            layer(
              ['host'],
              'workers/engine sits below the host (CLI, server): it never imports workers/host.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['workers/host/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [noSqlite, noElectron] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noSqlite, noElectron],
          patterns: [
            ...noNode('The renderer runs in the browser sandbox: no Node built-ins.'),
            layer(
              ['domain', 'data', 'engine', 'host'],
              'The renderer reaches the engine only through workers/common (the contract and the wire format).',
              false,
            ),
          ],
        },
      ],
    },
  },
);
