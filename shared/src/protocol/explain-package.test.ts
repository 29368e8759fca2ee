import { describe, expect, it } from 'vitest';
import { describeCommand, explainPackage, explainSession, type ExplainablePackage } from './explain-package';

const AT = '2026-01-02T03:04:05.000Z';
const pkg = (
  kind: ExplainablePackage['kind'],
  body: unknown,
  status: number | null = 200,
): ExplainablePackage => ({
  kind,
  at: AT,
  status,
  body,
});
const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('explainPackage', () => {
  it('says what a GET reads, from the standard MO documents', () => {
    expect(describeCommand(['GET', './DevInfo/FwV'])).toBe(
      'GET of ./DevInfo/FwV — reads the firmware version.',
    );
    expect(describeCommand(['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Mod'])).toContain('reads the model');
    expect(describeCommand(['GET', './Vendor/X'])).toContain('reads the value or subtree there');
  });

  it('explains the session alert and the MOs of a P1', () => {
    const lines = explainPackage(
      pkg('P1', {
        MOS: [{ MOID: 'urn:oma:mo:oma-dm-devinfo:1.0', MIID: ['d1'] }],
        Alert: [
          { AlertType: 'urn:oma:at:dm:2.0:ServerInitiatedMgmt', Data: { NotificationID: 7 } },
          { AlertType: 'urn:x:battery', SourceURI: './Bat', Mark: 'critical' },
        ],
      }),
    );
    expect(texts(lines)).toEqual([
      'The device answers a notification of the server (server-initiated), NOTIFICATION-ID 7.',
      'Alert urn:x:battery from ./Bat (critical).',
      'The device reports 1 management object(s) it supports.',
    ]);
    expect(lines.every((l) => l.at === AT)).toBe(true);
  });

  it('explains each command of a P2 and where the session ends', () => {
    const lines = texts(
      explainPackage(
        pkg('P2', { CMD: [['CONT', 'http://h/dm/s/<redacted>'], ['GET', './DevInfo/FwV'], ['END']] }),
      ),
    );
    expect(lines[0]).toBe(
      'CONT — the device sends the next package of this session to http://h/dm/s/<redacted>.',
    );
    expect(lines[1]).toBe('GET of ./DevInfo/FwV — reads the firmware version.');
    expect(lines[2]).toMatch(/^END — the session ends/);
    expect(lines.at(-1)).toBe('The session ends here.');
  });

  it('reads each status of a P3 against the command it answers, with what the code means', () => {
    const [, p3] = explainSession([
      pkg('P2', {
        CMD: [
          ['CONT', 'u'],
          ['HGET', 'http://h/dr/objects/<redacted>', './DMAcc/x/Name'],
          ['GET', './X'],
        ],
      }),
      pkg('P3', { Status: [{ sc: 200 }, { sc: 200 }, { sc: 404 }] }),
    ]);
    expect(texts(p3!)).toEqual([
      '200 OK for the CONT of u — OK: the command was carried out.',
      '200 OK for the HGET of ./DMAcc/x/Name — OK: the command was carried out.',
      '404 Not found for the GET of ./X — Not found: the node or instance does not exist on the device.',
    ]);
  });

  it('names the data a GET result carries', () => {
    const [, p3] = explainSession([
      pkg('P2', { CMD: [['GET', './DevInfo/FwV']] }),
      pkg('P3', { Status: [{ sc: 200, Data: [{ ClientURI: './DevInfo/FwV', MOData: { FwV: '1' } }] }] }),
    ]);
    expect(p3![0]!.text).toContain('It carries the data of ./DevInfo/FwV.');
  });

  it('explains DR and page requests, and a body too large to keep', () => {
    expect(texts(explainPackage(pkg('DR', { method: 'GET', path: '/dr/objects/:token' })))).toEqual([
      'The device fetches the hosted data at /dr/objects/:token — 200 OK.',
    ]);
    expect(
      explainPackage(pkg('DR', { method: 'PUT', path: '/dr/inbox/:token', request: [{}, {}] }))[0]!.text,
    ).toBe('The device uploads 2 item(s) to /dr/inbox/:token (PUT) — 200 OK.');
    expect(explainPackage(pkg('UI', { method: 'POST', path: '/ui/:token' }))[0]!.text).toMatch(
      /person answers/,
    );
    expect(explainPackage(pkg('P3', { truncated: true, originalBytes: 99999 }))[0]!.text).toMatch(
      /99999 bytes/,
    );
    expect(explainPackage(pkg('P0', { notificationId: 3 }, null))[0]!.text).toContain('NOTIFICATION-ID 3');
  });
});
