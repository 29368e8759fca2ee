import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const bffPort = process.env.DMC_PORT ?? '8080';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: {
    proxy: {
      '/api': `http://127.0.0.1:${bffPort}`,
      '/socket.io': { target: `http://127.0.0.1:${bffPort}`, ws: true },
    },
  },
  test: {
    dir: repoRoot,
    include: [
      'shared/src/**/*.test.ts',
      'bff/src/**/*.test.ts',
      'bff/test/**/*.test.ts',
      'sim/src/**/*.test.ts',
      'tools/src/**/*.test.ts',
      'tools/test/**/*.test.ts',
      'scripts/**/*.test.mjs',
      'web/src/**/*.test.ts',
      // Console component and hook tests; each such file names its DOM (`@vitest-environment jsdom`).
      'web/src/**/*.test.tsx',
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
