import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dmCommandSchema, type DmCommand } from '@dmc/shared/protocol';
import { describe, expect, it } from 'vitest';
import { decodeMoUpload, decodeP1, decodeP3, encodeP2, type DecodeResult } from './index';

const dir = new URL('./__fixtures__/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown;

const fumoPkgUrl = 'urn:oma:mo:oma-fumo:1.0/rootfs/DownloadAndUpdate/PkgURL';
const sentForVariants: DmCommand[] = [
  ['GET', 'urn:oma:mo:oma-sessioninfomo:1.0//CBT'],
  ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/FwV'],
  ['GET', 'urn:oma:mo:oma-sessioninfomo:1.0//ROAMING'],
  ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/?cv=9f2c01'],
  ['HGET', 'https://dr.example.test/o/1'],
];

function decoderFor(name: string): (body: unknown) => DecodeResult<unknown> {
  if (name.startsWith('p1-')) return decodeP1;
  if (name.startsWith('p3-data-variants')) return (b) => decodeP3(b, sentForVariants);
  if (name.startsWith('p3-')) return (b) => decodeP3(b);
  if (name.startsWith('mo-bare')) return (b) => decodeMoUpload(b, fumoPkgUrl);
  return (b) => decodeMoUpload(b);
}

const failing: Record<string, RegExp> = {
  'p1-no-session-alert.in.json': /exactly one session alert, found 0/,
  'p1-two-session-alerts.in.json': /exactly one session alert, found 2/,
  'p1-dot-segment-miid.in.json': /not a valid initiation package/,
  'p1-ill-formed-miid.in.json': /not a valid initiation package/,
  'p3-bad-data.in.json': /status data that is not an MO serialization/,
  'p3-no-status.in.json': /not a valid status package/,
  'p3-bad-sc.in.json': /not a valid status package/,
  'mo-not-serialization.in.json': /not an MO serialization/,
};

const inputs = readdirSync(dir).filter((f) => f.endsWith('.in.json'));

describe('golden fixtures', () => {
  it('has every fixture named in the table', () => {
    expect(inputs).toEqual(expect.arrayContaining(Object.keys(failing)));
    expect(inputs.length - Object.keys(failing).length).toBeGreaterThanOrEqual(9);
  });

  it.each(inputs.filter((f) => !(f in failing)))('decodes %s', (file) => {
    const outFile = file.replace('.in.json', '.out.json');
    const expected = existsSync(new URL(outFile, dir)) ? load(outFile) : load(file);
    const result = decoderFor(file)(load(file));
    expect(result).toEqual({ ok: true, value: expected });
  });

  it.each(Object.entries(failing))('rejects %s', (file, message) => {
    const result = decoderFor(file)(load(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(message);
    expect(result.error.issues.length).toBeGreaterThan(0);
  });

  it('encodes the reference P2', () => {
    const commands: DmCommand[] = [
      [
        'HPOST',
        'https://dr.example.test/inventory/IMEI:356938035643809',
        'urn:oma:mo:oma-dm-devinfo:1.0//',
        'urn:oma:mo:oma-sessioninfomo:1.0//',
      ],
      ['HGET', 'https://dr.example.test/config/new-mo'],
      ['GET', 'urn:oma:mo:oma-sessioninfomo:1.0//CBT'],
    ];
    const p2 = encodeP2(commands);
    expect(p2).toEqual(load('p2-commands.out.json'));
    expect(p2.CMD.every((c) => dmCommandSchema.safeParse(c).success)).toBe(true);
    p2.CMD[0]!.push('mutated');
    expect(commands[0]).toHaveLength(4);
  });
});

describe('decode details', () => {
  it('leaves status data without a ClientURI empty when the commands are not given', () => {
    const r = decodeP3({ Status: [{ sc: 200, MOData: { CBT: '3' } }] });
    expect(r).toEqual({
      ok: true,
      value: { Status: [{ sc: 200, Data: [{ ClientURI: '', MOData: { CBT: '3' } }] }] },
    });
  });
  it('rejects bodies that are not objects', () => {
    for (const body of [null, 3, 'x', [], undefined]) {
      expect(decodeP1(body).ok).toBe(false);
      expect(decodeP3(body).ok).toBe(false);
    }
  });
  it('names the MIID it refuses and why', () => {
    const dot = decodeP1(load('p1-dot-segment-miid.in.json'));
    expect(dot.ok || dot.error.issues).toMatchObject([
      { path: ['MOS', 0, 'MIID', 0], message: expect.stringMatching(/dot-segment/) },
    ]);
    const bad = decodeP1(load('p1-ill-formed-miid.in.json'));
    expect(bad.ok || bad.error.issues).toMatchObject([
      { path: ['MOS', 0, 'MIID', 0], message: expect.stringMatching(/not valid UTF-8/) },
    ]);
  });
  it('reads null for the alert list as no alerts, and still asks a P1 for its session alert', () => {
    expect(decodeP3({ Status: [], Alert: null })).toEqual({ ok: true, value: { Status: [] } });
    expect(decodeP1({ Alert: null })).toMatchObject({ ok: false, error: { message: /found 0/ } });
  });
  it('never reports an engine error such as a stack overflow', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i += 1) deep = { n: deep };
    const r = decodeP3({ Status: [{ sc: 200, Data: [{ ClientURI: 'urn:a:b/c/', MOData: { r: deep } }] }] });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toMatch(/call stack/i);
  });
  it('survives a body whose getter throws', () => {
    const hostile = Object.defineProperty({}, 'Status', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(decodeP3(hostile)).toMatchObject({ ok: false, error: { message: /cannot decode P3: boom/ } });
  });
});
