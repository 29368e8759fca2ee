import type { DmAlert } from '@dmc/shared/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Background } from '../background';
import { addScomoOperations } from '../exec/scomo-nodes';
import { MOIDS, seedStore } from '../mo-seed';
import { MoStore } from '../mo-store';
import { Subscriptions } from '../subscriptions';
import { json, startTestServer, type TestServer } from '../testing/test-server';
import type { CommandContext } from './context';
import { runCommand } from './index';

const FUMO = MOIDS.fumo;
const DEVINFO = MOIDS.devInfo;

let dr: TestServer;
const routes = new Map<string, () => ReturnType<typeof json>>();

beforeAll(async () => {
  dr = await startTestServer((req) => routes.get(`${req.method} ${req.path}`)?.() ?? { status: 404 });
});
afterAll(() => dr.close());

interface Harness {
  ctx: CommandContext;
  store: MoStore;
  background: Background;
  reports: { serverUri: string; alert: Promise<DmAlert> }[];
  session: { cont?: string; ended: boolean };
  browsed: string[];
}

function harness(
  browser: (url: string) => Promise<boolean> = () => Promise.resolve(true),
  dmAccept?: string,
): Harness {
  const store = new MoStore();
  seedStore(store, { devId: 'sim-0001', serverUrl: `${dr.url}/dm` });
  addScomoOperations(store);
  const background = new Background(() => undefined);
  const reports: Harness['reports'] = [];
  const session: Harness['session'] = { ended: false };
  const browsed: string[] = [];
  const ctx: CommandContext = {
    device: {
      store,
      subscriptions: new Subscriptions(store, background, () => undefined),
      defaults: new Map(),
      downloads: new Map(),
      log: () => undefined,
      firmwareLies: () => false,
      browser: (url) => {
        browsed.push(url);
        return browser(url);
      },
      reportLater: (serverUri, work) => reports.push({ serverUri, alert: work() }),
    },
    session: {
      dmAccept,
      setContinuation: (url) => (session.cont = url),
      end: () => (session.ended = true),
    },
  };
  return { ctx, store, background, reports, session, browsed };
}

const run = (h: Harness, ...command: string[]) => runCommand(command, h.ctx);

describe('dispatch', () => {
  it('501 for an unknown command, 400 for wrong parameters', async () => {
    const h = harness();
    expect(await run(h, 'COPY', 'a', 'b')).toEqual({ sc: 501 });
    expect(await run(h, 'GET')).toEqual({ sc: 400 });
    expect(await run(h, 'DELETE', 'a', 'b')).toEqual({ sc: 400 });
  });
});

describe('GET', () => {
  it('returns Data with CV at an instance root, 304 on the same cv, 404 for a missing node', async () => {
    const h = harness();
    const got = await run(h, 'GET', `${DEVINFO}//`);
    expect(got?.sc).toBe(200);
    const cv = got?.Data?.[0]?.CV;
    expect(cv).toBeDefined();
    expect(await run(h, 'GET', `${DEVINFO}//Man?cv=${cv}`)).toEqual({ sc: 304 });
    expect(await run(h, 'GET', `${DEVINFO}//Nope`)).toEqual({ sc: 404 });
    expect(await run(h, 'GET', 'garbage')).toEqual({ sc: 400 });
  });
});

describe('HGET', () => {
  it('writes the DR data at the ClientURI (both MOData forms)', async () => {
    routes.set('GET /obj/1', () =>
      json({ MOData: { PkgURL: 'http://fw/1.bin' } }, 200, 'application/vnd.oma.dm.mo+json'),
    );
    routes.set('GET /obj/2', () => json([{ ClientURI: 'x', MOData: { FUMO: { PkgVersion: '9.9.9' } } }]));
    const h = harness();
    expect(await run(h, 'HGET', `${dr.url}/obj/1`, `${FUMO}/fw/DownloadAndUpdate/PkgURL`)).toEqual({
      sc: 200,
    });
    expect(h.store.getValue(FUMO, 'fw', 'DownloadAndUpdate/PkgURL')).toBe('http://fw/1.bin');
    expect(await run(h, 'HGET', `${dr.url}/obj/2`, `${FUMO}//PkgVersion`)).toEqual({ sc: 200 });
    expect(h.store.getValue(FUMO, 'fw', 'PkgVersion')).toBe('9.9.9');
    const last = dr.requests.at(-1)!;
    expect(last.headers.accept).toBe('application/vnd.oma.dm.mo+json, application/json');
  });

  it('picks the location itself and reports it in URI when no ClientURI is given', async () => {
    routes.set('GET /obj/3', () =>
      json([
        {
          ClientURI: `${MOIDS.scomo}/sw/Download/pkg7`,
          MOData: { pkg7: { PkgID: 'p7', PkgURL: 'http://x' } },
        },
      ]),
    );
    const h = harness();
    expect(await run(h, 'HGET', `${dr.url}/obj/3`)).toEqual({
      sc: 200,
      URI: [`${MOIDS.scomo}/sw/Download/pkg7`],
    });
    expect(h.store.getValue(MOIDS.scomo, 'sw', 'Download/pkg7/PkgID')).toBe('p7');
  });

  it('500 when the fetch fails, 415 for an unreadable body, 405 for a Get-only node', async () => {
    routes.set('GET /obj/text', () => ({
      status: 200,
      headers: { 'Content-Type': 'text/plain' },
      body: 'hi',
    }));
    routes.set('GET /obj/bad', () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    }));
    routes.set('GET /obj/fwv', () => json({ MOData: { FwV: '6.6.6' } }));
    const h = harness();
    expect(await run(h, 'HGET', `${dr.url}/missing`, `${FUMO}/fw/PkgName`)).toEqual({ sc: 500 });
    expect(await run(h, 'HGET', 'http://127.0.0.1:1/x', `${FUMO}/fw/PkgName`)).toEqual({ sc: 500 });
    expect(await run(h, 'HGET', `${dr.url}/obj/text`, `${FUMO}/fw/PkgName`)).toEqual({ sc: 415 });
    expect(await run(h, 'HGET', `${dr.url}/obj/bad`, `${FUMO}/fw/PkgName`)).toEqual({ sc: 415 });
    expect(await run(h, 'HGET', `${dr.url}/obj/fwv`, `${DEVINFO}//FwV`)).toEqual({ sc: 405 });
    expect(await run(h, 'HGET', `${dr.url}/obj/fwv`, `${DEVINFO}//Nope/FwV`)).toEqual({ sc: 404 });
  });
});

describe('HPUT / HPOST', () => {
  it('PUTs and POSTs the serialization of every ClientURI', async () => {
    routes.set('PUT /inbox/a', () => ({ status: 204 }));
    routes.set('POST /inbox/a', () => ({ status: 201 }));
    const h = harness();
    expect(await run(h, 'HPUT', `${dr.url}/inbox/a`, `${DEVINFO}//`, `${MOIDS.sessionInfo}//CBT`)).toEqual({
      sc: 200,
    });
    const put = dr.requests.at(-1)!;
    expect(put.method).toBe('PUT');
    expect(put.headers['content-type']).toBe('application/vnd.oma.dm.mo+json');
    const body = JSON.parse(put.body) as { ClientURI: string; MOData: unknown }[];
    expect(body.map((i) => i.ClientURI)).toEqual([`${DEVINFO}/d1/`, `${MOIDS.sessionInfo}/s1/CBT`]);
    expect(body[1]!.MOData).toEqual({ CBT: '3' });
    expect(await run(h, 'HPOST', `${dr.url}/inbox/a`, `${FUMO}//State`)).toEqual({ sc: 200 });
    expect(dr.requests.at(-1)!.method).toBe('POST');
  });

  it('500 on a non-2xx answer, 406 on 415 without a usable OMADM-Accept, retries with one that is', async () => {
    routes.set('PUT /inbox/broken', () => ({ status: 503 }));
    routes.set('PUT /inbox/picky', () => ({ status: 415, headers: { 'OMADM-Accept': 'application/xml' } }));
    let calls = 0;
    routes.set('PUT /inbox/json-only', () => {
      calls += 1;
      return calls === 1 ? { status: 415, headers: { 'OMADM-Accept': 'application/json' } } : { status: 200 };
    });
    const h = harness();
    expect(await run(h, 'HPUT', `${dr.url}/inbox/broken`, `${FUMO}//State`)).toEqual({ sc: 500 });
    expect(await run(h, 'HPUT', `${dr.url}/inbox/picky`, `${FUMO}//State`)).toEqual({ sc: 406 });
    expect(await run(h, 'HPUT', `${dr.url}/inbox/json-only`, `${FUMO}//State`)).toEqual({ sc: 200 });
    expect(dr.requests.at(-1)!.headers['content-type']).toBe('application/json');
    expect(await run(h, 'HPUT', `${dr.url}/inbox/a`, `${FUMO}//Nope`)).toEqual({ sc: 404 });
  });
});

describe('DELETE', () => {
  it('deletes a dynamic node, 405 on a permanent one, 404 when missing', async () => {
    const h = harness();
    expect(await run(h, 'DELETE', `${DEVINFO}//DevID`)).toEqual({ sc: 405 });
    h.store.ensureInterior(MOIDS.scomo, 'sw', 'Download/old');
    expect(await run(h, 'DELETE', `${MOIDS.scomo}//Download/old`)).toEqual({ sc: 200 });
    expect(await run(h, 'DELETE', `${MOIDS.scomo}//Download/old`)).toEqual({ sc: 404 });
  });
});

describe('EXEC', () => {
  it('FUMO DownloadAndUpdate with a ServerURI: 202, then downloads, walks the states and reports 200', async () => {
    routes.set('GET /fw/good.bin', () => ({ status: 200, body: Buffer.from('firmware image') }));
    const h = harness();
    const states: string[] = [];
    h.store.onChange((c) => {
      if (c.moid === FUMO && c.path.join('/') === 'State')
        states.push(h.store.getValue(FUMO, 'fw', 'State')!);
    });
    h.store.setValue(FUMO, 'fw', 'DownloadAndUpdate/PkgURL', `${dr.url}/fw/good.bin`);
    h.store.setValue(FUMO, 'fw', 'PkgVersion', '2.0.0');
    const uri = `${FUMO}/fw/DownloadAndUpdate`;
    expect(await run(h, 'EXEC', uri, `${dr.url}/dm/jobs/j1`)).toEqual({ sc: 202 });
    const [report] = h.reports;
    expect(report!.serverUri).toBe(`${dr.url}/dm/jobs/j1`);
    expect(await report!.alert).toEqual({
      AlertType: 'urn:oma:at:fumo:1.0:OperationComplete',
      SourceURI: uri,
      Mark: 'informational',
      DataType: 'int',
      Data: { ResultCode: 200, DM1x: 200 },
    });
    expect(states).toEqual(['30', '40', '60', '100']);
    expect(h.store.getValue(DEVINFO, 'd1', 'FwV')).toBe('2.0.0');
  });

  it('FUMO failures: 20 on a failed download, 80 with 410 on a failed update; 500 without ServerURI', async () => {
    routes.set('GET /fw/fail.bin', () => ({ status: 200, body: Buffer.from('FAIL on purpose') }));
    const h = harness();
    h.store.setValue(FUMO, 'fw', 'DownloadAndUpdate/PkgURL', `${dr.url}/fw/none.bin`);
    expect(await run(h, 'EXEC', `${FUMO}/fw/DownloadAndUpdate`)).toEqual({ sc: 500 });
    expect(h.store.getValue(FUMO, 'fw', 'State')).toBe('20');
    h.store.setValue(FUMO, 'fw', 'DownloadAndUpdate/PkgURL', `${dr.url}/fw/fail.bin`);
    await run(h, 'EXEC', `${FUMO}/fw/DownloadAndUpdate`, `${dr.url}/job`);
    expect((await h.reports[0]!.alert).Data).toEqual({ ResultCode: 410, DM1x: 410 });
    expect(h.store.getValue(FUMO, 'fw', 'State')).toBe('80');
  });

  it('SCOMO operations answer 1200, DCMO flips Enabled, 405 on a non-executable node', async () => {
    const h = harness();
    const deployed = `${MOIDS.scomo}/sw/Inventory/Deployed/diag`;
    expect(await run(h, 'EXEC', `${deployed}/Operations/Activate`, `${dr.url}/job`)).toEqual({ sc: 202 });
    expect((await h.reports[0]!.alert).Data).toEqual({ ResultCode: 1200, DM1x: 1200 });
    expect(h.store.getValue(MOIDS.scomo, 'sw', 'Inventory/Deployed/diag/State')).toBe('20');
    expect(await run(h, 'EXEC', `${deployed}/Operations/Remove`)).toEqual({ sc: 200 });
    expect(h.store.childNames(MOIDS.scomo, 'sw', 'Inventory/Deployed')).toEqual(['agent']);
    expect(await run(h, 'EXEC', `${MOIDS.dcmo}/Camera/Operations/Disable`)).toEqual({ sc: 200 });
    expect(h.store.getValue(MOIDS.dcmo, 'Camera', 'Enabled')).toBe('false');
    expect(await run(h, 'EXEC', `${MOIDS.dcmo}/WiFi/Operations/Disable`, `${dr.url}/job`)).toEqual({
      sc: 202,
    });
    expect((await h.reports[1]!.alert).AlertType).toBe('urn:oma:at:dcmo:1.0:OperationComplete');
    expect(await run(h, 'EXEC', `${DEVINFO}//FwV`)).toEqual({ sc: 405 });
    expect(await run(h, 'EXEC', `${DEVINFO}//FwV`, 'not a url')).toEqual({ sc: 400 });
    expect(await run(h, 'EXEC', `${MOIDS.dcmo}//Operations/Enable`)).toEqual({ sc: 409 });
  });

  it('SCOMO DownloadInstall fetches the package and deploys the component', async () => {
    routes.set('GET /sw/app.pkg', () => ({ status: 200, body: Buffer.from('app') }));
    const h = harness();
    h.store.ensureInterior(MOIDS.scomo, 'sw', 'Download/app');
    h.store.setValue(MOIDS.scomo, 'sw', 'Download/app/PkgID', 'com.acme.app');
    h.store.setValue(MOIDS.scomo, 'sw', 'Download/app/PkgURL', `${dr.url}/sw/app.pkg`);
    expect(await run(h, 'EXEC', `${MOIDS.scomo}/sw/Download/app/Operations/DownloadInstall`)).toEqual({
      sc: 200,
    });
    expect(h.store.getValue(MOIDS.scomo, 'sw', 'Inventory/Deployed/app/ID')).toBe('com.acme.app');
    expect(h.store.getValue(MOIDS.scomo, 'sw', 'Inventory/Deployed/app/State')).toBe('20');
  });
});

describe('SHOW, CONT, END, DEFAULT', () => {
  it('SHOW: 200 when the browser starts, 500 when it refuses or throws', async () => {
    expect(await run(harness(), 'SHOW', `${dr.url}/ui/t`)).toEqual({ sc: 200 });
    expect(
      await run(
        harness(() => Promise.resolve(false)),
        'SHOW',
        `${dr.url}/ui/t`,
      ),
    ).toEqual({ sc: 500 });
    expect(
      await run(
        harness(() => Promise.reject(new Error('no display'))),
        'SHOW',
        `${dr.url}/ui/t`,
      ),
    ).toEqual({
      sc: 500,
    });
  });

  it('CONT sets the P3 URL, END ends without a status, DEFAULT stores the source per MOID', async () => {
    const h = harness();
    expect(await run(h, 'CONT', `${dr.url}/dm/s/abc`)).toEqual({ sc: 200 });
    expect(h.session.cont).toBe(`${dr.url}/dm/s/abc`);
    expect(await run(h, 'CONT', 'not a url')).toEqual({ sc: 400 });
    expect(await run(h, 'END')).toBeUndefined();
    expect(h.session.ended).toBe(true);
    expect(await run(h, 'DEFAULT', `${dr.url}/defaults/fumo`, FUMO)).toEqual({ sc: 200 });
    expect(h.ctx.device.defaults.get(FUMO)).toBe(`${dr.url}/defaults/fumo`);
    expect(await run(h, 'DEFAULT', `${dr.url}/defaults/x`, 'not a moid')).toEqual({ sc: 400 });
    expect(await run(h, 'DEFAULT', 'not a url', FUMO)).toEqual({ sc: 400 });
    expect(h.ctx.device.defaults.get(FUMO)).toBe(`${dr.url}/defaults/fumo`);
  });
});

describe('SUB / UNSUB', () => {
  it('PUTs the subtree on every later change until UNSUB', async () => {
    const bodies: string[] = [];
    routes.set('PUT /inbox/sub', () => ({ status: 204 }));
    const h = harness();
    expect(await run(h, 'SUB', `${dr.url}/inbox/sub`, `${MOIDS.sessionInfo}//`)).toEqual({ sc: 200 });
    expect(await run(h, 'SUB', `${dr.url}/inbox/sub`, `${MOIDS.sessionInfo}//Nope`)).toEqual({ sc: 404 });
    h.store.setValue(MOIDS.sessionInfo, 's1', 'CBT', '6');
    h.store.setValue(FUMO, 'fw', 'State', '10'); // not under the subscription
    await h.background.idle();
    for (const r of dr.requests.filter((r) => r.path === '/inbox/sub')) bodies.push(r.body);
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0]!)).toEqual([
      expect.objectContaining({
        ClientURI: `${MOIDS.sessionInfo}/s1/`,
        MOData: { SessionInfo: { CBT: '6', ROAMING: '0' } },
      }),
    ]);
    expect(await run(h, 'UNSUB', `${MOIDS.sessionInfo}//`)).toEqual({ sc: 200 });
    expect(await run(h, 'UNSUB', `${MOIDS.sessionInfo}//`)).toEqual({ sc: 404 });
    h.store.setValue(MOIDS.sessionInfo, 's1', 'CBT', '1');
    await h.background.idle();
    expect(dr.requests.filter((r) => r.path === '/inbox/sub')).toHaveLength(1);
  });
});
