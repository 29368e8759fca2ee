// DMC_DATA_DIR holds the SQLite database, the artifacts and secret.key: readable by the server's user
// only (protocol §12). Made with mode 0700, and narrowed at start when an older install left it wider.
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { SECRET_KEY_FILE } from './secret-key';

export async function secureDataDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  await chmod(path.join(dir, SECRET_KEY_FILE), 0o600).catch((err: unknown) => {
    if ((err as { code?: unknown }).code !== 'ENOENT') throw err;
  });
}
