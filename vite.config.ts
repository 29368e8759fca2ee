import { availableParallelism } from 'node:os';
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
    environment: 'node',
    // Many suites wait on child processes, sockets and PostgreSQL: at least two files run at once,
    // even on two cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'shared/src/**/*.test.ts',
            'bff/src/**/*.test.ts',
            'bff/test/**/*.test.ts',
            'sim/src/**/*.test.ts',
            'tools/src/**/*.test.ts',
            'tools/test/**/*.test.ts',
            'scripts/**/*.test.mjs',
            'web/src/**/*.test.ts',
          ],
          // Files share a worker's module cache: the server's module graph is imported once per
          // worker, not once per file (that was half the suite's time). Every test builds its own
          // server, store and clients; none mocks modules, fakes timers or changes the environment.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          // Console component and hook tests; each such file names its DOM (`@vitest-environment
          // jsdom`). Each file gets a fresh DOM and fresh modules: Mantine keeps portal nodes in
          // the document and some tests stub fetch.
          include: ['web/src/**/*.test.tsx'],
          isolate: true,
        },
      },
    ],
  },
});
