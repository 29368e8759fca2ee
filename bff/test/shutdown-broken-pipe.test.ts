// A server whose parent has gone (issue 12): its stdout and stderr are broken pipes, and SIGTERM must
// still stop it. The log stream used to hold process.exit() in a flush that retried EPIPE forever.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startInstance, type Instance } from './support/cluster-support';

describe('shutdown with a broken log pipe', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dmc-pipe-'));
  let instance: Instance | undefined;

  afterAll(() => {
    if (instance && instance.child.exitCode === null) instance.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits on SIGTERM after the reader of its output has gone', async () => {
    const port = await freePort();
    instance = startInstance(port, {
      DMC_DATA_DIR: dataDir,
      DMC_ADMIN_PASSWORD: 'pipe-admin-password',
      // Info: the shutdown itself writes log lines into the broken pipe.
      DMC_LOG_LEVEL: 'info',
      DMC_SHUTDOWN_TIMEOUT_S: '2',
    });
    await instance.whenReady();
    const { child } = instance;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    // The parent goes away: nobody reads the server's output any more.
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
