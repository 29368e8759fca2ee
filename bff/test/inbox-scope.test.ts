// DR inboxes as capabilities of limited reach (protocol §1, §12), over real HTTP: an inbox takes only
// the subtrees its command named, and only while its command (or subscription) lives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../src/domain/ports';
import { removeExpired } from '../src/domain/housekeeping';
import { LockstepDevice } from './support/dm-client';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'inbox-scope-secret-0123456789';
const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const DMACC = 'urn:oma:mo:oma-dm-dmacc:1.2';
const IDLE_S = 3600;

describe('DR inbox scopes and lifetimes', () => {
  let server: TestServer;
  let device: LockstepDevice;
  let offsetMs: number;
  const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };
  const mos = (devInfoMiid = 'd1') => ({
    MOS: [
      { MOID: DEVINFO, MIID: [devInfoMiid] },
      { MOID: DMACC, MIID: ['dmc'] },
    ],
    Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }],
  });

  beforeEach(async () => {
    offsetMs = 0;
    server = await startTestServer({ clock, settings: { subInboxIdleS: IDLE_S } });
    await server.registerDevice('scoped', SECRET);
    device = new LockstepDevice(server.baseUrl, 'scoped', SECRET);
    await device.p1(mos());
    await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: device.devInfoData() }] });
  });
  afterEach(async () => {
    await server.close();
  });

  /** Queues a command; returns its id and the inbox URL it carries. */
  async function queue(body: unknown): Promise<{ id: string; inbox: string }> {
    const res = await server.api('POST', '/api/v1/devices/scoped/commands', body);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const { command } = (await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as {
      command: string[];
    };
    return { id, inbox: command[1] ?? '' };
  }
  async function stateOf(id: string): Promise<string> {
    return ((await (await server.api('GET', `/api/v1/commands/${id}`)).json()) as { state: string }).state;
  }
  /** One session that carries the queued commands, each answered `sc`. */
  async function runSession(sc: number): Promise<string[][]> {
    const p2 = await device.p1(mos());
    const commands = (p2.body as { CMD: string[][] }).CMD.slice(1);
    await device.p3({ Status: [{ sc: 200 }, ...commands.map(() => ({ sc }))] });
    return commands;
  }
  const upload = (inbox: string, items: unknown) =>
    fetch(inbox, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(items),
    });
  const fwV = (value: string) => [{ ClientURI: `${DEVINFO}/d1/FwV`, MOData: { FwV: value } }];
  const dmAcc = [
    { ClientURI: `${DMACC}/dmc/`, MOData: { DMAcc: { ServerID: 'evil', AppAddr: { a: { Addr: 'x' } } } } },
  ];
  async function storedFwV(): Promise<string | null | undefined> {
    const nodes = await server.store.tree.listNodes('scoped', { moid: DEVINFO });
    return nodes.find((n) => n.path === 'FwV')?.value;
  }
  async function dmAccNodes(): Promise<number> {
    return (await server.store.tree.listNodes('scoped', { moid: DMACC })).length;
  }

  it('takes uploads inside the named subtree while the command is live, and refuses others with 403', async () => {
    const { id, inbox } = await queue({ command: ['HPUT', null, `${DEVINFO}/d1/`] });
    const p2 = await device.p1(mos());
    expect((p2.body as { CMD: string[][] }).CMD[1]?.[0]).toBe('HPUT');
    expect(await stateOf(id)).toBe('sent');

    expect((await upload(inbox, fwV('2.0.0'))).status).toBe(200);
    expect(await storedFwV()).toBe('2.0.0');

    // Another MO of the same device: refused whole, nothing of it stored.
    const outside = await upload(inbox, [...fwV('6.6.6'), ...dmAcc]);
    expect(outside.status).toBe(403);
    expect(await outside.json()).toMatchObject({
      error: { code: 'FORBIDDEN', details: { outside: [`${DMACC}/dmc/`] } },
    });
    expect(await storedFwV()).toBe('2.0.0');
    expect(await dmAccNodes()).toBe(0);
    // Another instance of the same MO is outside too.
    const otherInstance = [{ ClientURI: `${DEVINFO}/d9/FwV`, MOData: { FwV: '1' } }];
    expect((await upload(inbox, otherInstance)).status).toBe(403);
    expect(await server.store.tree.listInstances('scoped')).toHaveLength(2);
  });

  it('a narrower scope takes its node in either MOData form, and refuses the rest of the instance', async () => {
    const { inbox } = await queue({ command: ['HPOST', null, `${DEVINFO}//FwV`] });
    await device.p1(mos());
    const fromRoot = [{ ClientURI: `${DEVINFO}/d1/FwV`, MOData: { DevInfo: { FwV: '3.0.0' } } }];
    expect((await upload(inbox, fromRoot)).status).toBe(200);
    expect(await storedFwV()).toBe('3.0.0');
    const whole = [{ ClientURI: `${DEVINFO}/d1/`, MOData: { DevInfo: { FwV: '4.0.0', Man: 'Evil' } } }];
    expect((await upload(inbox, whole)).status).toBe(403);
    expect(await storedFwV()).toBe('3.0.0');
  });

  it('refuses an upload (404) once the command finished, was cancelled or passed its time to live', async () => {
    const done = await queue({ command: ['HPUT', null, `${DEVINFO}/d1/`] });
    await runSession(200);
    expect(await stateOf(done.id)).toBe('ok');
    expect((await upload(done.inbox, fwV('5.0.0'))).status).toBe(404);

    const cancelled = await queue({ command: ['HPUT', null, `${DEVINFO}/d1/`] });
    expect((await server.api('POST', `/api/v1/commands/${cancelled.id}/cancel`)).status).toBe(200);
    expect((await upload(cancelled.inbox, fwV('5.0.0'))).status).toBe(404);

    const short = await queue({ command: ['HPUT', null, `${DEVINFO}/d1/`], ttlS: 60 });
    offsetMs = 61_000;
    expect((await upload(short.inbox, fwV('5.0.0'))).status).toBe(404);
    expect(await storedFwV()).toBe('1.4.2');
  });

  it('a SUB inbox takes changes in its subtree until UNSUB (however spelled) closes it', async () => {
    const sub = await queue({ command: ['SUB', null, `${DEVINFO}/d1/FwV`] });
    await runSession(200);
    expect(await stateOf(sub.id)).toBe('ok');
    expect((await upload(sub.inbox, fwV('2.1.0'))).status).toBe(200);
    expect(await storedFwV()).toBe('2.1.0');
    const man = [{ ClientURI: `${DEVINFO}/d1/Man`, MOData: { Man: 'Evil' } }];
    expect((await upload(sub.inbox, man)).status).toBe(403);

    await queue({ command: ['UNSUB', `${DEVINFO}/d1/Fw%56`] });
    await runSession(200);
    expect((await upload(sub.inbox, fwV('2.2.0'))).status).toBe(404);
    expect(await storedFwV()).toBe('2.1.0');
  });

  it('a SUB the device refused, or whose instance is gone, takes no upload', async () => {
    const refused = await queue({ command: ['SUB', null, `${DEVINFO}/d1/FwV`] });
    await runSession(403);
    expect(await stateOf(refused.id)).toBe('failed');
    expect((await upload(refused.inbox, fwV('7.0.0'))).status).toBe(404);

    const sub = await queue({ command: ['SUB', null, `${DEVINFO}/d1/FwV`] });
    await runSession(200);
    // The device now reports another DevInfo instance: d1 and its subscription are gone.
    await device.p1(mos('d2'));
    await device.p3({ Status: [{ sc: 200 }] });
    expect((await upload(sub.inbox, fwV('7.0.0'))).status).toBe(404);
    expect(await server.store.tree.listInstances('scoped')).not.toContainEqual(
      expect.objectContaining({ moid: DEVINFO, miid: 'd1' }),
    );
    expect(
      await server.store.inboxes.find(new URL(sub.inbox).pathname.split('/').at(-1) ?? ''),
    ).toBeUndefined();
  });

  it('an idle SUB inbox closes after DMC_SUB_INBOX_IDLE_S, and housekeeping deletes closed inboxes', async () => {
    const sub = await queue({ command: ['SUB', null, `${DEVINFO}/d1/FwV`] });
    await runSession(200);
    const hput = await queue({ command: ['HPUT', null, `${DEVINFO}/d1/`] });
    await runSession(200);
    offsetMs = (IDLE_S - 60) * 1000;
    expect((await upload(sub.inbox, fwV('8.0.0'))).status).toBe(200);
    offsetMs += (IDLE_S - 60) * 1000;
    expect((await upload(sub.inbox, fwV('8.1.0'))).status).toBe(200);
    expect(await server.store.inboxes.listByDevice('scoped')).toHaveLength(2);
    expect(await removeExpired(server.store, clock, { subInboxIdleS: IDLE_S })).toBeGreaterThanOrEqual(1);
    // The finished HPUT's inbox is gone; the SUB's stays while it is used.
    expect((await server.store.inboxes.listByDevice('scoped')).map((i) => i.kind)).toEqual(['SUB']);

    offsetMs += (IDLE_S + 1) * 1000;
    expect((await upload(sub.inbox, fwV('8.2.0'))).status).toBe(404);
    expect(await storedFwV()).toBe('8.1.0');
    await removeExpired(server.store, clock, { subInboxIdleS: IDLE_S });
    expect(await server.store.inboxes.listByDevice('scoped')).toEqual([]);
    expect((await upload(hput.inbox, fwV('9.0.0'))).status).toBe(404);
  });
});
