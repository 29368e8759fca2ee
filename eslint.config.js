// Type-aware lint for every workspace, plus the import boundaries of ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import checkFile from 'eslint-plugin-check-file';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import globals from 'globals';

/**
 * Forbids imports matching `patterns` in the files of one layer; `more` adds groups with their own
 * message. (A later entry for the same files would replace the rule, not add to it.)
 */
function boundary(files, patterns, message, more = []) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: patterns, message }, ...more.map(([group, msg]) => ({ group, message: msg }))],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'web/dist/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      'eslint.config.js',
      'scripts/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { 'check-file': checkFile },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,tsx}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': ['error', { '**/src/**/': 'KEBAB_CASE' }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
    },
  },
  boundary(
    ['shared/src/**'],
    ['@dmc/bff*', '@dmc/web*', '@dmc/sim*', 'node:*', 'express', 'react'],
    'shared/ is isomorphic: zod only.',
  ),
  boundary(
    ['bff/src/protocol/**'],
    [
      'express',
      'pg',
      'better-sqlite3',
      'kysely',
      'socket.io',
      '**/persistence/kysely/**',
      '**/http/**',
      '**/realtime/**',
    ],
    'protocol/ is free of Express, SQL and socket.io.',
    [
      [
        ['**/domain/**', '**/domain', '**/errors', '**/errors.ts'],
        'protocol/ imports nothing of domain/, its error model included: it says what happens (effects, refusal reasons); domain/ carries it out.',
      ],
    ],
  ),
  boundary(
    ['bff/src/http/**', 'bff/src/realtime/**', 'bff/src/domain/**'],
    [
      '**/persistence/kysely/**',
      '**/persistence/sqlite',
      '**/persistence/postgres',
      'pg',
      'better-sqlite3',
      'kysely',
    ],
    'Reach persistence only through persistence/ports/.',
  ),
  {
    // A rule of its own, so it adds to the persistence boundary above instead of replacing it.
    files: ['bff/src/realtime/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/http/**'], message: 'realtime/ imports nothing from http/.' }] },
      ],
    },
  },
  boundary(
    ['bff/src/persistence/**'],
    ['**/protocol/**', '**/http/**', '**/realtime/**', '**/domain/**', 'express', 'socket.io'],
    'persistence/ implements ports; it knows nothing of the layers above.',
  ),
  // What production runs: the server may not import the simulator or the development tools. Its tests
  // may drive real simulated devices (@dmc/sim is a devDependency), never the tools. A rule of its
  // own, so it adds to the layer boundaries above instead of replacing them.
  {
    files: ['bff/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@dmc/sim', '@dmc/sim/*', '@dmc/tools', '@dmc/tools/*', '**/sim/**', '**/tools/**'],
              message: 'bff/ is what production runs: no simulator, no development tools.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bff/test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@dmc/tools', '@dmc/tools/*', '**/tools/**'],
              message: 'Tests of the development tools live in tools/.',
            },
          ],
        },
      ],
    },
  },
  boundary(
    ['sim/src/**'],
    ['@dmc/bff*', '@dmc/web*', '**/bff/**', '**/web/**'],
    'The simulator is an independent device.',
  ),
  boundary(
    ['web/src/**'],
    ['@dmc/bff*', '@dmc/sim*', 'node:*', '**/bff/**', '**/sim/**'],
    'The console talks to the BFF over HTTP only.',
  ),
  boundary(
    ['web/src/components/**', 'web/src/lib/**', 'web/src/hooks/**', 'web/src/stores/**'],
    ['**/features/**', '**/app/**'],
    'Shared web code must not import features or app.',
  ),
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'web/src/test/**', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
