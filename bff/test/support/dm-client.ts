// A scripted, lockstep DM device for tests: sends exactly the packages a test gives it.
import { DEVID_HEADER, MEDIA_TYPES } from '@dmc/shared/protocol';

export interface DmResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export function basicAuth(devId: string, secret: string): string {
  return `Basic ${Buffer.from(`${devId}:${secret}`).toString('base64')}`;
}

export async function postPackage(
  url: string,
  body: unknown,
  options: {
    kind: 'initiation' | 'response';
    devId?: string;
    authorization?: string;
    contentType?: string;
    accept?: string;
    rawBody?: string;
  },
): Promise<DmResponse> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? MEDIA_TYPES[options.kind],
    accept: options.accept ?? MEDIA_TYPES.request,
  };
  if (options.devId !== undefined) headers[DEVID_HEADER] = options.devId;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  const res = await fetch(url, { method: 'POST', headers, body: options.rawBody ?? JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** A device that speaks P1/P3 with Basic auth; each call is one package. */
export class LockstepDevice {
  contUrl: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly devId: string,
    readonly secret: string,
  ) {}

  get auth(): string {
    return basicAuth(this.devId, this.secret);
  }

  async p1(body: unknown = this.defaultP1()): Promise<DmResponse> {
    const res = await postPackage(`${this.baseUrl}/dm`, body, {
      kind: 'initiation',
      devId: this.devId,
      authorization: this.auth,
    });
    const cmds = (res.body as { CMD?: string[][] }).CMD;
    const first = cmds?.[0];
    if (first?.[0] === 'CONT') this.contUrl = first[1];
    return res;
  }

  async p3(body: unknown, url = this.contUrl): Promise<DmResponse> {
    if (!url) throw new Error('no CONT URL yet');
    return postPackage(url, body, { kind: 'response', devId: this.devId, authorization: this.auth });
  }

  defaultP1() {
    return {
      MOS: [{ MOID: 'urn:oma:mo:oma-dm-devinfo:1.0', MIID: ['d1'] }],
      Alert: [{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiatedMgmt' }],
    };
  }

  devInfoData(overrides: Record<string, string> = {}) {
    return [
      {
        ClientURI: 'urn:oma:mo:oma-dm-devinfo:1.0/d1/',
        MOData: {
          DevInfo: {
            DevID: this.devId,
            Man: 'Acme',
            Mod: 'Sim-1',
            DmV: '2.0',
            Lang: 'en',
            DevType: 'gateway',
            OEM: 'Acme',
            FwV: '1.4.2',
            SwV: '7.1',
            HwV: 'B',
            ...overrides,
          },
        },
      },
    ];
  }
}
