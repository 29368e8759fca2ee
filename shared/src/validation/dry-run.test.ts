import { describe, expect, it } from 'vitest';
import type { QueueCommandInput } from '../api/commands.schema';
import type { MoMetadata, NodeMeta } from '../metadata/metadata.schema';
import { dryRunCommand, type DryRunTree } from './dry-run';

const DEVINFO = 'urn:oma:mo:oma-dm-devinfo:1.0';
const FUMO = 'urn:oma:mo:oma-fumo:1.0';
const SCOMO = 'urn:oma:mo:oma-scomo:1.0';
const DCMO = 'urn:oma:mo:oma-dcmo:1.0';
const SESSION = 'urn:oma:mo:oma-sessioninfomo:1.0';

const nodes = (moid: string, miid: string, paths: string[]) => paths.map((path) => ({ moid, miid, path }));

/** A device as the simulator reports it: DevInfo and SCOMO read in full, FUMO never read. */
function tree(): DryRunTree {
  return {
    instances: [
      { moid: DEVINFO, miid: 'd1' },
      { moid: FUMO, miid: 'fw' },
      { moid: SCOMO, miid: 'sw' },
      { moid: DCMO, miid: 'Camera' },
      { moid: DCMO, miid: 'WiFi' },
      { moid: SESSION, miid: 's1' },
    ],
    nodes: [
      ...nodes(DEVINFO, 'd1', ['', 'DevID', 'FwV', 'Mod']),
      ...nodes(SCOMO, 'sw', ['', 'Download', 'Download/p1', 'Download/p1/PkgURL', 'Inventory']),
      ...nodes(DCMO, 'Camera', ['', 'Enabled', 'Operations', 'Operations/Enable']),
    ],
  };
}

const run = (input: QueueCommandInput, t: DryRunTree = tree(), extra: MoMetadata[] = []) =>
  dryRunCommand(input, t, extra);
const codes = (input: QueueCommandInput, t?: DryRunTree) => run(input, t).problems.map((p) => p.code);
const write = (uri: string, data: QueueCommandInput['data']): QueueCommandInput => ({
  command: ['HGET', null, uri],
  data,
});

describe('dryRunCommand: ClientURI', () => {
  it('passes a GET of a stored node', () => {
    expect(run({ command: ['GET', `${DEVINFO}/d1/FwV`] })).toEqual({ ok: true, problems: [] });
  });
  it('reports a malformed ClientURI with the place of the fault', () => {
    const result = run({ command: ['GET', `${DEVINFO}/d1/a//b`] });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'MALFORMED_URI', message: expect.stringMatching(/character \d+/) }),
    ]);
  });
  it('reports an MO the device never reported', () => {
    const problems = run({ command: ['GET', 'urn:oma:mo:oma-lawmo:1.0/l1/'] }).problems;
    expect(problems[0]).toMatchObject({
      code: 'MO_NOT_REPORTED',
      message: expect.stringContaining('never reported'),
    });
  });
  it('reports an instance the device does not have and an ambiguous "only" instance', () => {
    expect(codes({ command: ['GET', `${DEVINFO}/d9/FwV`] })).toEqual(['UNKNOWN_NODE']);
    const ambiguous = run({ command: ['GET', `${DCMO}//Enabled`] }).problems[0];
    expect(ambiguous).toMatchObject({ code: 'UNKNOWN_NODE', message: expect.stringContaining('409') });
  });
});

describe('dryRunCommand: unknown nodes', () => {
  it('refuses a node missing from a fully read instance', () => {
    expect(codes({ command: ['GET', `${DEVINFO}/d1/Nope`] })).toEqual(['UNKNOWN_NODE']);
    expect(codes({ command: ['GET', `${DEVINFO}/d1/HwV`] })).toEqual(['UNKNOWN_NODE']);
  });
  it('trusts the meta-data for an instance whose tree was never read', () => {
    expect(codes({ command: ['EXEC', `${FUMO}/fw/DownloadAndUpdate`] })).toEqual([]);
    expect(codes({ command: ['GET', `${FUMO}/fw/Nope`] })).toEqual(['UNKNOWN_NODE']);
  });
  it('resolves wildcards against the stored nodes', () => {
    expect(codes({ command: ['GET', `${SCOMO}/sw/Download/*/PkgURL`] })).toEqual([]);
    expect(codes({ command: ['GET', `${SCOMO}/sw/Download/*/Name`] })).toEqual(['UNKNOWN_NODE']);
  });
});

describe('dryRunCommand: access type', () => {
  it('refuses a write to a read-only leaf and says which access it needs', () => {
    const [problem] = run(write(`${DEVINFO}/d1/FwV`, { FwV: '9.9' })).problems;
    expect(problem).toEqual({
      code: 'ACCESS_DENIED',
      message: 'DevInfo/FwV allows only Get; writing it needs Replace',
      clientUri: `${DEVINFO}/d1/FwV`,
    });
  });
  it('passes a write to a writable leaf', () => {
    expect(codes(write(`${FUMO}/fw/DownloadAndUpdate/PkgURL`, { PkgURL: 'http://x/fw.bin' }))).toEqual([]);
  });
  it('needs Exec for EXEC, Get for GET, HPUT and SUB, Delete for DELETE', () => {
    expect(codes({ command: ['EXEC', `${DEVINFO}/d1/FwV`] })).toEqual(['ACCESS_DENIED']);
    expect(codes({ command: ['EXEC', `${DCMO}/Camera/Operations/Enable`] })).toEqual([]);
    const noGet: MoMetadata = {
      MOID: 'urn:x:mo:secret:1.0',
      Root: 'S',
      Nodes: { '': { Format: 'node', AccessType: ['Get'] }, Key: { Format: 'chr', AccessType: ['Replace'] } },
    };
    const t: DryRunTree = {
      instances: [{ moid: noGet.MOID, miid: 'k' }],
      nodes: nodes(noGet.MOID, 'k', ['', 'Key']),
    };
    const get = (command: QueueCommandInput['command']) =>
      dryRunCommand({ command }, t, [noGet]).problems.map((p) => p.code);
    expect(get(['GET', `${noGet.MOID}/k/Key`])).toEqual(['ACCESS_DENIED']);
    expect(get(['HPUT', null, `${noGet.MOID}/k/Key`])).toEqual(['ACCESS_DENIED']);
    expect(get(['SUB', null, `${noGet.MOID}/k/Key`])).toEqual(['ACCESS_DENIED']);
    expect(codes({ command: ['DELETE', `${SCOMO}/sw/Download/p1`] })).toEqual([]);
  });
  it('needs Add to create a node', () => {
    const dmacc = 'urn:oma:mo:oma-dm-dmacc:1.2';
    const t: DryRunTree = {
      instances: [{ moid: dmacc, miid: 'dmc' }],
      nodes: nodes(dmacc, 'dmc', ['', 'Perm']),
    };
    const problems = run(write(`${dmacc}/dmc/Perm/p1`, { p1: { MOID: 'urn:x' } }), t).problems;
    expect(problems.map((p) => p.code)).toEqual(['ACCESS_DENIED']);
    expect(problems[0]?.message).toContain('creating it needs Add');
  });
});

describe('dryRunCommand: permanent nodes', () => {
  it('refuses to delete a permanent node or an instance root', () => {
    expect(run({ command: ['DELETE', `${DEVINFO}/d1/FwV`] }).problems[0]).toMatchObject({
      code: 'PERMANENT_NODE',
      message: 'DevInfo/FwV is a permanent node; it cannot be deleted',
    });
    expect(codes({ command: ['DELETE', `${DEVINFO}/d1/`] })).toEqual(['PERMANENT_NODE']);
  });
  it('refuses to create a permanent node a fully read instance lacks', () => {
    expect(codes(write(`${DEVINFO}/d1/HwV`, { HwV: 'B' }))).toEqual(['PERMANENT_NODE']);
  });
  it('allows adding a dynamic node with its children', () => {
    const add = write(`${SCOMO}/sw/Download/p2`, { p2: { PkgID: 'x', PkgURL: 'http://x' } });
    expect(run(add)).toEqual({ ok: true, problems: [] });
  });
});

describe('dryRunCommand: formats', () => {
  const custom: MoMetadata = {
    MOID: 'urn:x:mo:types:1.0',
    Root: 'T',
    Nodes: {
      '': { Format: 'node', AccessType: ['Get'] },
      ...Object.fromEntries(
        (['int', 'bool', 'float', 'date', 'time', 'chr', 'b64'] as const).map((f): [string, NodeMeta] => [
          f,
          { Format: f, AccessType: ['Get', 'Replace'] },
        ]),
      ),
    },
  };
  const t: DryRunTree = {
    instances: [{ moid: custom.MOID, miid: 'i' }],
    nodes: nodes(custom.MOID, 'i', ['', 'int', 'bool', 'float', 'date', 'time', 'chr', 'b64']),
  };
  const check = (leaf: string, value: string | number | boolean) =>
    dryRunCommand(write(`${custom.MOID}/i/${leaf}`, { [leaf]: value }), t, [custom]).problems.map(
      (p) => p.code,
    );

  it.each([
    ['int', '42', 'x42'],
    ['int', -7, '99999999999'],
    ['bool', 'true', 'yes'],
    ['bool', false, 'True'],
    ['float', '3.5e-2', '3,5'],
    ['date', '2030-02-28', '2030-02-30'],
    ['time', '13:45:00Z', '25:00:00'],
    ['chr', 'anything at all', null],
    ['b64', 'aGVsbG8=', 'hello!'],
  ] as const)('%s accepts %j and refuses %j', (leaf, good, bad) => {
    expect(check(leaf, good)).toEqual([]);
    if (bad !== null) expect(check(leaf, bad)).toEqual(['WRONG_FORMAT']);
  });
  it('refuses a value for an interior node and nodes for a leaf', () => {
    expect(codes(write(`${SCOMO}/sw/Download/p1`, { p1: 'flat' }))).toContain('WRONG_FORMAT');
    expect(codes(write(`${SCOMO}/sw/Download/p1/PkgURL`, { PkgURL: { a: 'b' } }))).toContain('WRONG_FORMAT');
  });
  it('refuses data that does not fit the addressed node', () => {
    expect(codes(write(`${FUMO}/fw/DownloadAndUpdate/PkgURL`, { Other: 'x' }))).toEqual(['WRONG_FORMAT']);
  });
});

describe('dryRunCommand: occurrence', () => {
  const limited: MoMetadata = {
    MOID: 'urn:x:mo:slots:1.0',
    Root: 'Slots',
    Nodes: {
      '': { Format: 'node', AccessType: ['Get'] },
      Slot: { Format: 'node', AccessType: ['Get'], Scope: 'Permanent' },
      'Slot/<x>': {
        Format: 'node',
        AccessType: ['Add', 'Get', 'Delete'],
        Scope: 'Dynamic',
        Occurrence: 'OneOrN',
        MaxOccurrence: 2,
      },
    },
  };
  const t = (slots: string[]): DryRunTree => ({
    instances: [{ moid: limited.MOID, miid: 'i' }],
    nodes: nodes(limited.MOID, 'i', ['', 'Slot', ...slots.map((s) => `Slot/${s}`)]),
  });
  const add = write(`${limited.MOID}/i/Slot/c`, { c: {} });

  it('refuses adding an instance beyond its maximum', () => {
    expect(dryRunCommand(add, t(['a']), [limited]).problems).toEqual([]);
    const [problem] = dryRunCommand(add, t(['a', 'b']), [limited]).problems;
    expect(problem).toMatchObject({ code: 'OCCURRENCE', message: expect.stringContaining('at most 2') });
  });
  it('refuses a second node where only one may be', () => {
    const one: MoMetadata = {
      ...limited,
      Nodes: { ...limited.Nodes, 'Slot/<x>': { ...limited.Nodes['Slot/<x>']!, Occurrence: 'ZeroOrOne' } },
    };
    expect(dryRunCommand(add, t(['a']), [one]).problems.map((p) => p.code)).toEqual(['OCCURRENCE']);
  });
  it('refuses deleting the last node that must exist', () => {
    const del: QueueCommandInput = { command: ['DELETE', `${limited.MOID}/i/Slot/a`] };
    expect(dryRunCommand(del, t(['a']), [limited]).problems.map((p) => p.code)).toEqual(['OCCURRENCE']);
    expect(dryRunCommand(del, t(['a', 'b']), [limited]).problems).toEqual([]);
  });
});

describe('dryRunCommand: HGET data', () => {
  it('needs data when the server hosts the source', () => {
    expect(codes({ command: ['HGET', null, `${FUMO}/fw/DownloadAndUpdate/PkgURL`] })).toEqual([
      'MISSING_DATA',
    ]);
  });
  it('checks only the target with an explicit ServerURI', () => {
    expect(codes({ command: ['HGET', 'http://srv/obj', `${DEVINFO}/d1/FwV`] })).toEqual(['ACCESS_DENIED']);
  });
  it('checks a new instance the device names itself against the meta-data only', () => {
    const fresh: QueueCommandInput = {
      command: ['HGET', null],
      dataUri: `${DCMO}//`,
      data: { DCMO: { Property: 'GPS', Enabled: 'maybe' } },
    };
    expect(codes(fresh)).toEqual(['WRONG_FORMAT']);
    expect(codes({ command: ['HGET', null], data: { DCMO: {} } })).toEqual(['MISSING_DATA']);
  });
  it('accepts SHOW and DEFAULT without tree checks', () => {
    expect(codes({ command: ['SHOW', null] })).toEqual([]);
    expect(codes({ command: ['DEFAULT', 'http://srv/d', DEVINFO] })).toEqual([]);
  });
});
