// DMC_DATA_DIR holds the SQLite database, the artifacts and secret.key: readable by the server's user
// only (protocol §12). Made with mode 0700, and narrowed at start when an older install left it wider.
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SECRET_KEY_FILE } from './secret-key';

function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/**
 * Makes the directory private. Returns warnings for what it may not change: a directory owned by
 * another user (a mounted volume) stays as it is, to be narrowed by whoever owns it.
 */
export async function secureDataDir(dir: string): Promise<string[]> {
  const warnings: string[] = [];
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [target, mode] of [
    [dir, 0o700],
    [path.join(dir, SECRET_KEY_FILE), 0o600],
  ] as const) {
    try {
      if (((await stat(target)).mode & 0o777) !== mode) await chmod(target, mode);
    } catch (err) {
      if (codeOf(err) === 'ENOENT') continue;
      if (codeOf(err) !== 'EPERM') throw err;
      warnings.push(`${target} is not owned by this user: set its mode to ${mode.toString(8)}`);
    }
  }
  return warnings;
}
