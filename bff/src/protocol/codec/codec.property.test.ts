import fc from 'fast-check';
import {
  ALERT_MARKS,
  nameFault,
  SESSION_ALERT_TYPES,
  textFault,
  type DmAlert,
  type MoDataValue,
  type MoSerializationItem,
  type P1,
  type P3,
} from '@dmc/shared/protocol';
import { describe, expect, it } from 'vitest';
import { decodeMoUpload, decodeP1, decodeP3 } from './index';

// "__proto__" as a key is valid JSON but would not survive being copied into a plain object; -0 becomes 0 on the wire.
const key = fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__');
const jsonish = fc
  .jsonValue()
  .filter((v) => !JSON.stringify(v).includes('"__proto__"'))
  .map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const moValue = fc.letrec<{ v: MoDataValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.dictionary(key, tie('v'), { maxKeys: 3 }),
  ),
})).v;
const item: fc.Arbitrary<MoSerializationItem> = fc.record(
  {
    ClientURI: fc.string({ minLength: 1 }),
    MOData: fc.dictionary(key, moValue, { maxKeys: 3 }),
    DDF: fc.webUrl(),
    CV: fc.string(),
  },
  { requiredKeys: ['ClientURI', 'MOData'] },
);
const alertOf = (type: fc.Arbitrary<string>): fc.Arbitrary<DmAlert> =>
  fc.record(
    {
      AlertType: type,
      SourceURI: fc.string(),
      TargetURI: fc.string(),
      Mark: fc.constantFrom(...ALERT_MARKS),
      DataType: fc.string(),
      Data: fc.dictionary(key, jsonish, { maxKeys: 3 }),
    },
    { requiredKeys: ['AlertType'] },
  );
const sessionTypes: string[] = Object.values(SESSION_ALERT_TYPES);
const otherType = fc.string({ minLength: 1 }).filter((t) => !sessionTypes.includes(t));

const p3Arb: fc.Arbitrary<P3> = fc.record(
  {
    Status: fc.array(
      fc.record(
        {
          sc: fc.integer({ min: 100, max: 999 }),
          URI: fc.array(fc.string(), { maxLength: 2 }),
          Data: fc.array(item, { maxLength: 2 }),
        },
        { requiredKeys: ['sc'] },
      ),
      { maxLength: 5 },
    ),
    Alert: fc.array(alertOf(fc.string({ minLength: 1 })), { maxLength: 3 }),
  },
  { requiredKeys: ['Status'] },
);

const p1Arb: fc.Arbitrary<P1> = fc
  .record({
    MOS: fc.array(
      fc.record(
        {
          DDF: fc.webUrl(),
          // Names the profile refuses (dot-segments, text that is not UTF-8) are left out: §12.
          MOID: fc.string({ minLength: 1 }).filter((s) => textFault(s) === undefined),
          MIID: fc.array(
            fc.string().filter((s) => nameFault(s) === undefined),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: ['MIID'] },
      ),
      { maxLength: 3 },
    ),
    session: alertOf(fc.constantFrom(...sessionTypes)),
    others: fc.array(alertOf(otherType), { maxLength: 2 }),
    at: fc.nat(),
  })
  .map(({ MOS, session, others, at }) => {
    const Alert = [...others];
    Alert.splice(at % (others.length + 1), 0, session);
    return { MOS, Alert };
  });

const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

describe('codec round trips (property)', () => {
  it('decodes a generated P3 sent as JSON back to itself', () => {
    fc.assert(
      fc.property(p3Arb, (p3) => {
        expect(decodeP3(wire(p3))).toEqual({ ok: true, value: p3 });
      }),
      { numRuns: 300 },
    );
  });
  it('decodes a generated P1 sent as JSON back to itself', () => {
    fc.assert(
      fc.property(p1Arb, (p1) => {
        expect(decodeP1(wire(p1))).toEqual({ ok: true, value: p1 });
      }),
      { numRuns: 300 },
    );
  });
  it('decodes a generated MO upload back to itself', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 3 }), (mos) => {
        expect(decodeMoUpload(wire(mos))).toEqual({ ok: true, value: mos });
      }),
      { numRuns: 300 },
    );
  });
});

describe('codec robustness (property)', () => {
  const settle = (r: { ok: boolean }): void => {
    expect(typeof r.ok).toBe('boolean');
  };
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true }),
        (body) => {
          settle(decodeP1(body));
          settle(decodeP3(body));
          settle(decodeMoUpload(body));
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('never throws on near-valid packages', () => {
    const nearP3 = fc.record({ Status: fc.array(fc.anything(), { maxLength: 3 }), Alert: fc.anything() });
    const nearP1 = fc.record({ MOS: fc.anything(), Alert: fc.array(fc.anything(), { maxLength: 3 }) });
    fc.assert(
      fc.property(nearP3, nearP1, (p3, p1) => {
        settle(decodeP3(p3, [['GET', 'urn:a:b//']]));
        settle(decodeP1(p1));
      }),
      { numRuns: 500 },
    );
  });
});
