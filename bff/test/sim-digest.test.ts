// The simulator authenticating with HTTP Digest only (protocol §7, §12): every package of a session
// answers the one nonce with the next count, and its uri names the address the package goes to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOIDS, SimDevice, type DigestAlgorithm } from '@dmc/sim';
import { getCommand, queueCommand } from './support/sim-helpers';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'sim-digest-secret-0123456789';

let server: TestServer;

beforeAll(async () => {
  // One command per package, so a session carries several P3s on one nonce.
  server = await startTestServer({ settings: { maxCommandsPerPackage: 1 } });
});
afterAll(async () => {
  await server.close();
});

describe.each<DigestAlgorithm>(['SHA-256', 'MD5'])('a simulated device with %s Digest', (algorithm) => {
  it('completes sessions of several packages, one after another', async () => {
    const devId = `IMEI:3500000000${algorithm === 'MD5' ? '05' : '256'}`;
    await server.registerDevice(devId, SECRET);
    const device = new SimDevice({
      devId,
      secret: SECRET,
      serverUrl: `${server.baseUrl}/dm`,
      auth: 'digest',
      digestAlgorithms: [algorithm],
    });
    for (let round = 0; round < 2; round += 1) {
      const ids = [
        await queueCommand(server, devId, { command: ['GET', `${MOIDS.fumo}/fw/State`] }),
        await queueCommand(server, devId, { command: ['GET', `${MOIDS.devInfo}/d1/FwV`] }),
      ];
      const summary = await device.runSession();
      expect(summary).toMatchObject({ ok: true });
      // The P1, then a P3 for each package of one command: three or more counts on one nonce.
      expect(summary.packages).toBeGreaterThanOrEqual(3);
      for (const id of ids) expect((await getCommand(server, id)).state).toBe('ok');
    }
  });
});
