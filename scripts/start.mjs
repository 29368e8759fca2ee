// npm start: build the console when it is missing or older than its sources, then run the BFF with a
// demo fleet (DMC_DEMO_DEVICES, 25 unless set) on the embedded database.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const distIndex = path.join(root, 'web', 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [
  path.join(root, 'web', 'src'),
  path.join(root, 'web', 'index.html'),
  path.join(root, 'shared', 'src'),
];
const isStale =
  !existsSync(distIndex) ||
  sources.some(
    (s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs) > statSync(distIndex).mtimeMs,
  );

if (isStale) {
  console.log('Building the console (web/dist)…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { ...process.env, DMC_DEMO_DEVICES: process.env.DMC_DEMO_DEVICES ?? '25' };
const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'tools', 'src', 'demo', 'demo-server.ts')],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
