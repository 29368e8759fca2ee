import { describe, expect, it } from 'vitest';
import { REDACTED } from '@dmc/shared/api';
import { redactPackage, storedBody } from './redact-package';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv0123456789';
const SECRETS = [
  'dmacc-password-1',
  'noti-secret-2',
  'Basic ZGV2OnNlY3JldA==',
  TOKEN,
  'trsp-data-3',
  'aauth-4',
];

describe('redactPackage', () => {
  it('leaves no DMAcc password, Authorization value, capability token or notify secret', () => {
    const p2 = {
      CMD: [
        ['CONT', `https://dmc.example/dm/s/${TOKEN}`],
        ['HGET', `https://dmc.example/dr/objects/${TOKEN}`],
      ],
    };
    const p3 = {
      Status: [
        {
          sc: 200,
          Data: [
            {
              ClientURI: 'urn:oma:mo:oma-dm-dmacc:1.2/acc',
              MOData: {
                acc: {
                  SrvID: 'dmc',
                  Auth: { Noti: { Type: '1', Secret: 'noti-secret-2' }, Trsp: { Data: 'trsp-data-3' } },
                  AppAuth: { a1: { AAuthData: 'aauth-4', AAuthName: 'dev' } },
                  Password: 'dmacc-password-1',
                },
              },
            },
            { ClientURI: 'urn:oma:mo:oma-dm-dmacc:1.2/acc/Auth/Noti/Data', MOData: { Data: 'trsp-data-3' } },
          ],
        },
      ],
      Alert: [{ AlertType: 'urn:x', Data: { Authorization: 'Basic ZGV2OnNlY3JldA==' } }],
    };
    const stored = JSON.stringify([redactPackage(p2), redactPackage(p3)]);
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    expect(stored).toContain(`/dm/s/${REDACTED}`);
    expect(stored).toContain(`/dr/objects/${REDACTED}`);
    // What is not a secret stays readable.
    expect(stored).toContain('"SrvID":"dmc"');
    expect(stored).toContain('"Type":"1"');
    expect(stored).toContain('"AAuthName":"dev"');
  });

  it('redacts passwords in URLs and secret query values, and leaves the input alone', () => {
    const input = { url: 'http://user:pw-5@host/x?token=tk-6&page=2' };
    const out = JSON.stringify(redactPackage(input));
    expect(out).not.toContain('pw-5');
    expect(out).not.toContain('tk-6');
    expect(out).toContain('page=2');
    expect(input.url).toContain('pw-5');
  });

  it('keeps a body under the cap and only the size of a larger one', () => {
    expect(storedBody({ a: 1 }, 100)).toEqual({ body: '{"a":1}', bodyBytes: 7, truncated: false });
    const big = storedBody({ pad: 'x'.repeat(200) }, 100);
    expect(big.truncated).toBe(true);
    expect(JSON.parse(big.body)).toEqual({ truncated: true, originalBytes: big.bodyBytes });
    expect(big.bodyBytes).toBeGreaterThan(200);
  });
});
