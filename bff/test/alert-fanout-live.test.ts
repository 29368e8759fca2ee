// Live alerts to several consoles over real HTTP and socket.io while devices send packages of many
// alerts at once (BENCHMARKS.md, benchmark 3): the frames of one turn leave each console's socket
// together, and every console still gets every event, once, in each device's order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimDevice } from '@dmc/sim';
import type { AlertReceivedEvent } from '@dmc/shared/events';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';
const DEVICES = 4;
const SESSIONS = 6;
const KINDS = 20;
const CONSOLES = 3;

describe('alert fan-out to several consoles', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('delivers every alert event to every console, once, in order per device', async () => {
    const devices: SimDevice[] = [];
    for (let d = 0; d < DEVICES; d += 1) {
      const devId = `IMEI:3100000000000${String(d).padStart(2, '0')}`;
      await server.registerDevice(devId, SECRET);
      devices.push(
        new SimDevice({
          devId,
          secret: SECRET,
          serverUrl: `${server.baseUrl}/dm`,
          profile: { manufacturer: 'Acme', model: 'Sim-1', fwVersion: '1.0' },
        }),
      );
    }
    const received: AlertReceivedEvent[][] = [];
    for (let c = 0; c < CONSOLES; c += 1) {
      const socket = await server.socket();
      const events: AlertReceivedEvent[] = [];
      socket.on('alert:received', (e) => events.push(e));
      received.push(events);
    }

    // Every device sends its sessions one after another, all devices at once: each P1 carries
    // KINDS alerts of distinct sources, and two identical ones that fold into one row.
    await Promise.all(
      devices.map(async (sim) => {
        for (let s = 0; s < SESSIONS; s += 1) {
          for (let k = 0; k < KINDS; k += 1) {
            sim.queueAlert({
              AlertType: 'urn:dmc:at:test:1.0:Probe',
              SourceURI: `./Probe/${k}`,
              Mark: 'minor',
              Data: { s, k },
            });
          }
          sim.queueAlert({ AlertType: 'urn:dmc:at:test:1.0:Twice', Mark: 'minor', Data: { s, k: 0 } });
          sim.queueAlert({ AlertType: 'urn:dmc:at:test:1.0:Twice', Mark: 'minor', Data: { s, k: 1 } });
          expect((await sim.runSession()).ok).toBe(true);
        }
      }),
    );

    const probes = (events: AlertReceivedEvent[]) => events.filter((e) => !e.alert.sessionStart);
    const perConsole = DEVICES * SESSIONS * (KINDS + 1);
    for (const events of received) await expect.poll(() => probes(events).length).toBe(perConsole);

    const key = (e: AlertReceivedEvent) => {
      const { s, k } = e.alert.data as { s: number; k: number };
      return `${e.alert.devId} ${e.alert.alertType} ${e.alert.sourceUri ?? '-'} s${s} k${k}`;
    };
    const [first, ...others] = received.map(probes);
    // Every console got the same events in the same order, none twice.
    for (const events of others) expect(events.map(key)).toEqual(first?.map(key));
    expect(new Set(first?.map(key)).size).toBe(perConsole);
    for (const sim of devices) {
      const mine = (first ?? []).filter((e) => e.alert.devId === sim.devId);
      const order = mine.map((e) => (e.alert.data as { s: number }).s);
      // One device's sessions, in the order they ran; each session's alerts in the package's order.
      expect(order).toEqual([...order].sort((a, b) => a - b));
      for (let s = 0; s < SESSIONS; s += 1) {
        const session = mine.filter((e) => (e.alert.data as { s: number }).s === s);
        expect(session.map((e) => e.alert.sourceUri)).toEqual([
          ...Array.from({ length: KINDS }, (_, k) => `./Probe/${k}`),
          null,
        ]);
        // The first session opens each row; later ones coalesce into it (protocol §13).
        expect(session.every((e) => e.coalesced === s > 0)).toBe(true);
        expect(session.at(-1)).toMatchObject({
          occurrences: 2,
          alert: { count: 2 * (s + 1), data: { k: 1 } },
        });
      }
    }
  });
});
