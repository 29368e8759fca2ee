// Firmware update and software install from artifact upload to the end, against the simulator:
// HGET of PkgURL through the DR, EXEC with the job URL, the device downloads the artifact (checking
// size and SHA-256) and reports the outcome in a new session. With consent, a page asks first.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimDevice } from '@dmc/sim';
import type { Clock } from '../src/domain/ports';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'fw-device-secret-0123456789';
const FUMO = 'urn:oma:mo:oma-fumo:1.0';

interface Operation {
  id: string;
  state: string;
  commands: string[];
  consentCommand: string | null;
  result: unknown;
}

describe('firmware updates and software installs', () => {
  let server: TestServer;
  let device: SimDevice;
  let opened: string[];
  let offsetMs: number;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeEach(async () => {
    offsetMs = 0;
    opened = [];
    server = await startTestServer({ clock });
    await server.registerDevice('fw-1', SECRET);
    device = new SimDevice({
      devId: 'fw-1',
      secret: SECRET,
      serverUrl: `${server.baseUrl}/dm`,
      profile: { fwVersion: '1.0.0' },
      browser: (url) => {
        opened.push(url);
        return Promise.resolve(true);
      },
    });
    expect((await device.runSession()).ok).toBe(true);
  });
  afterEach(async () => {
    await device.whenIdle();
    await server.close();
  });

  async function upload(bytes: string, query = 'name=router-fw&version=2.0.0&moid=urn:oma:mo:oma-fumo:1.0') {
    const res = await fetch(`${server.baseUrl}/api/v1/artifacts?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; url: string };
  }
  async function operation(path: string): Promise<Operation> {
    await server.app.services.operations.reconcileActive();
    return (await (await server.api('GET', path)).json()) as Operation;
  }
  async function runUntil(path: string, states: string[]): Promise<Operation> {
    await expect
      .poll(async () => {
        await device.runSession();
        await device.whenIdle();
        return (await operation(path)).state;
      })
      .toBeOneOf(states);
    return operation(path);
  }
  async function answer(url: string, choice: string): Promise<void> {
    const html = await (await fetch(url)).text();
    const secret = /name="_secret" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _choice: choice, _secret: secret }).toString(),
    });
    expect(res.status).toBe(200);
  }

  it('updates the firmware to FUMO state 100, verifies the artifact version and shows it in the fleet', async () => {
    const socket = await server.socket();
    const seen: string[] = [];
    socket.on('operation:updated', ({ operation }) => seen.push(operation.state));
    const artifact = await upload('firmware image 2.0.0');
    const start = await server.api('POST', '/api/v1/devices/fw-1/firmware-updates', {
      artifactId: artifact.id,
    });
    expect(start.status).toBe(201);
    const created = (await start.json()) as Operation;
    expect(created.state).toBe('running');
    // PkgVersion, PkgURL (both through the DR), then the EXEC.
    expect(created.commands).toHaveLength(3);
    const path = `/api/v1/firmware-updates/${created.id}`;

    const done = await runUntil(path, ['ok', 'failed']);
    expect(done).toMatchObject({ state: 'ok', result: { sc: 200, version: '2.0.0' } });
    expect(device.store.getValue(FUMO, 'fw', 'State')).toBe('100');
    expect(device.store.getValue(FUMO, 'fw', 'PkgVersion')).toBe('2.0.0');
    // Consoles hear the operation move on: verifying the version, then ok.
    await expect.poll(() => seen.at(-1)).toBe('ok');
    expect(seen).toContain('verifying');
    // The verifying reads brought the FUMO State and the new FwV into the stored tree.
    const tree = JSON.stringify(await (await server.api('GET', '/api/v1/devices/fw-1/tree')).json());
    expect(tree).toMatch(/"path":"State","value":"100"/);
    const view = (await (await server.api('GET', '/api/v1/devices/fw-1')).json()) as {
      devInfo: { FwV: string };
    };
    expect(view.devInfo.FwV).toBe('2.0.0');
    // The artifact is free again once the operation is final.
    expect((await server.api('DELETE', `/api/v1/artifacts/${artifact.id}`)).status).toBe(204);
  });

  it('fails with the FUMO result code when the update fails, and holds the artifact while running', async () => {
    const artifact = await upload('FAIL: this image does not boot');
    const created = (await (
      await server.api('POST', '/api/v1/devices/fw-1/firmware-updates', { artifactId: artifact.id })
    ).json()) as Operation;
    expect((await server.api('DELETE', `/api/v1/artifacts/${artifact.id}`)).status).toBe(409);
    const done = await runUntil(`/api/v1/firmware-updates/${created.id}`, ['ok', 'failed']);
    expect(done).toMatchObject({ state: 'failed', result: { sc: 410 } });
    expect(device.store.getValue(FUMO, 'fw', 'State')).toBe('80');
  });

  it('waits for consent: accept proceeds, and the page answer is the consent record', async () => {
    const artifact = await upload('firmware image 2.0.0');
    const created = (await (
      await server.api('POST', '/api/v1/devices/fw-1/firmware-updates', {
        artifactId: artifact.id,
        consent: { title: 'Update your router?' },
      })
    ).json()) as Operation;
    expect(created).toMatchObject({ state: 'waiting-consent', commands: [] });
    const path = `/api/v1/firmware-updates/${created.id}`;
    await device.runSession();
    expect(opened).toHaveLength(1);
    expect((await operation(path)).state).toBe('waiting-consent');
    await answer(opened[0]!, 'accept');
    expect((await operation(path)).state).toBe('running');
    expect(await runUntil(path, ['ok', 'failed'])).toMatchObject({ state: 'ok' });
  });

  it('a decline ends the update without touching the device', async () => {
    const artifact = await upload('firmware image 2.0.0');
    const created = (await (
      await server.api('POST', '/api/v1/devices/fw-1/firmware-updates', {
        artifactId: artifact.id,
        consent: {},
      })
    ).json()) as Operation;
    await device.runSession();
    await answer(opened[0]!, 'decline');
    const path = `/api/v1/firmware-updates/${created.id}`;
    expect(await operation(path)).toMatchObject({ state: 'declined', commands: [] });
    expect(device.store.getValue(FUMO, 'fw', 'State')).toBe('10');
  });

  it('a postpone asks again once the delay has passed', async () => {
    const artifact = await upload('firmware image 2.0.0');
    const created = (await (
      await server.api('POST', '/api/v1/devices/fw-1/firmware-updates', {
        artifactId: artifact.id,
        consent: { kind: 'postpone' },
      })
    ).json()) as Operation;
    const path = `/api/v1/firmware-updates/${created.id}`;
    await device.runSession();
    await answer(opened[0]!, '3600');
    expect(await operation(path)).toMatchObject({ state: 'postponed' });
    advance(1_800_000);
    expect((await operation(path)).state).toBe('postponed');
    advance(1_900_000);
    expect((await operation(path)).state).toBe('waiting-consent');
    await device.runSession();
    expect(opened).toHaveLength(2);
    await answer(opened[1]!, 'now');
    expect(await runUntil(path, ['ok', 'failed'])).toMatchObject({ state: 'ok' });
  });

  it('installs a software package through SCOMO', async () => {
    const artifact = await upload(
      'tool package 1.1',
      'name=com.acme.tool&version=1.1&moid=urn:oma:mo:oma-scomo:1.0',
    );
    const start = await server.api('POST', '/api/v1/devices/fw-1/software-installs', {
      artifactId: artifact.id,
    });
    expect(start.status).toBe(201);
    const created = (await start.json()) as Operation;
    const done = await runUntil(`/api/v1/software-installs/${created.id}`, ['ok', 'failed']);
    expect(done).toMatchObject({ state: 'ok', result: { sc: 1200 } });
  });

  it('refuses an artifact made for another MO, and a device without that MO', async () => {
    const sw = await upload('tool', 'name=t&version=1&moid=urn:oma:mo:oma-scomo:1.0');
    expect(
      (await server.api('POST', '/api/v1/devices/fw-1/firmware-updates', { artifactId: sw.id })).status,
    ).toBe(400);
    await server.registerDevice('bare', SECRET);
    const fw = await upload('fw');
    expect(
      (await server.api('POST', '/api/v1/devices/bare/firmware-updates', { artifactId: fw.id })).status,
    ).toBe(409);
  });

  function advance(ms: number): void {
    offsetMs += ms;
  }
});
