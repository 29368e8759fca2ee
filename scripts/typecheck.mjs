// Type-checks every workspace with its own compiler options (they differ: DOM vs Node).
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'bff', 'sim', 'tools', 'web', 'e2e'];
let failed = false;
for (const project of projects) {
  const result = spawnSync('npx', ['tsc', '-p', `${project}/tsconfig.json`], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`typecheck failed in ${project}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
