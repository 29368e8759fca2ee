// Type-aware lint for every workspace, plus the import boundaries of ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import checkFile from 'eslint-plugin-check-file';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import globals from 'globals';

/** Forbids imports matching `patterns` in the files of one layer. */
function boundary(files, patterns, message) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
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
    'Reach persistence only through persistence/ports.ts.',
  ),
  boundary(
    ['bff/src/persistence/**'],
    ['**/protocol/**', '**/http/**', '**/realtime/**', '**/domain/**', 'express', 'socket.io'],
    'persistence/ implements ports; it knows nothing of the layers above.',
  ),
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
