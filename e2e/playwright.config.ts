import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.DMC_E2E_PORT ?? 38_080);
export const E2E_BASE_URL = `http://127.0.0.1:${port}`;
export const E2E_ADMIN = { username: 'admin', password: 'e2e-admin-password' };

// One fresh embedded database per run; the config is evaluated in every worker, so the main process
// makes the folder and hands it down through the environment.
process.env.DMC_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'dmc-e2e-'));

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx bff/src/main.ts',
    cwd: '..',
    url: `${E2E_BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DMC_PORT: String(port),
      DMC_HOST: '127.0.0.1',
      DMC_PUBLIC_URL: E2E_BASE_URL,
      DMC_DATA_DIR: process.env.DMC_E2E_DATA_DIR,
      DMC_ADMIN_USER: E2E_ADMIN.username,
      DMC_ADMIN_PASSWORD: E2E_ADMIN.password,
      DMC_LOG_LEVEL: 'warn',
      // Simulated devices listen for P0 on 127.0.0.1 (protocol §12).
      DMC_PUSH_ALLOW_PRIVATE: '1',
    },
  },
});
