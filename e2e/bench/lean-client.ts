// The session benchmark's load generator: a lean DM client on plain node:http, so the client is never
// what limits a server. Everything a session sends is built before any timing starts: each device's
// P1 (MOS as the simulator reports them, the ClientInitiatedMgmt alert, Basic credentials on the
// package: protocol §7) and the P3 that answers the one GET every session carries (the simulator's
// own answer, so the server stores what a real device would report). A P2 is parsed only to find
// the CONT URL and to check its commands.
//
// One session = P1 → P2 with CONT + exactly one GET of BENCH_GET_URI → P3 (status of CONT, status and
// data of the GET) → END. A session that deviates in any way (an HTTP error, a P2 with other or more
// commands, an answer to the P3 that is not END) counts as failed, and the first error is kept.
import { Agent, request, type OutgoingHttpHeaders } from 'node:http';
import { DEVID_HEADER, MEDIA_TYPES, SESSION_ALERT_TYPES, type StatusEntry } from '@dmc/shared/protocol';
import { deviceIdentity, deviceProfile, MIIDS, MOIDS, seededRandom, SimDevice } from '@dmc/sim';

/** The ClientURI of the GET every session carries: the DevInfo instance, as the null server asks. */
export const BENCH_GET_URI = `${MOIDS.devInfo}/${MIIDS.devInfo}/`;

export interface LeanDevice {
  readonly devId: string;
  readonly p1Headers: OutgoingHttpHeaders;
  readonly p1Body: Buffer;
  readonly p3Headers: OutgoingHttpHeaders;
  readonly p3Body: Buffer;
}

export interface LeanResult {
  sessions: number;
  failed: number;
  /** Packages the client sent (P1s and P3s). */
  packages: number;
  seconds: number;
  perSecond: number;
  /** CPU the client process used over the batch (user + system, every thread). */
  clientCpuSeconds: number;
  /** The first failure, to explain a non-zero `failed`. */
  firstError?: string;
}

function headers(contentType: string, devId: string, authorization: string, body: Buffer) {
  return {
    'Content-Type': contentType,
    Accept: MEDIA_TYPES.request,
    [DEVID_HEADER]: devId,
    Authorization: authorization,
    'Content-Length': String(body.length),
  };
}

/** One device's precomputed packages, its DevInfo and MOs taken from a simulated device. */
export function leanDevice(prefix: string, n: number): LeanDevice {
  const { devId, secret } = deviceIdentity(prefix, n);
  const sim = new SimDevice({
    devId,
    secret,
    serverUrl: 'http://127.0.0.1/dm',
    profile: deviceProfile(seededRandom(n)),
  });
  const read = sim.store.read(BENCH_GET_URI);
  if (!read.ok || read.value.kind !== 'data')
    throw new Error(`the simulator cannot answer GET ${BENCH_GET_URI}`);
  const p1Body = Buffer.from(
    JSON.stringify({ MOS: sim.store.moInfo(), Alert: [{ AlertType: SESSION_ALERT_TYPES.clientInitiated }] }),
  );
  const status: StatusEntry[] = [{ sc: 200 }, { sc: 200, Data: read.value.items }];
  const p3Body = Buffer.from(JSON.stringify({ Status: status }));
  const authorization = `Basic ${Buffer.from(`${devId}:${secret}`, 'utf8').toString('base64')}`;
  return {
    devId,
    p1Headers: headers(MEDIA_TYPES.initiation, devId, authorization, p1Body),
    p1Body,
    p3Headers: headers(MEDIA_TYPES.response, devId, authorization, p3Body),
    p3Body,
  };
}

/** Devices `<prefix>-<first>…` with their packages (about half a millisecond each, before timing). */
export function leanDevices(prefix: string, count: number, firstNumber = 1): LeanDevice[] {
  return Array.from({ length: count }, (_, i) => leanDevice(prefix, firstNumber + i));
}

interface Target {
  host: string;
  port: number;
  path: string;
}

const HTTP_URL = /^http:\/\/([^/:]+):(\d+)(\/[^\s]*)$/;

/** An absolute http://host:port/path URL split for node:http; undefined for anything else. */
export function parseTarget(url: string): Target | undefined {
  const m = HTTP_URL.exec(url);
  if (m === null) return undefined;
  return { host: m[1] ?? '', port: Number(m[2]), path: m[3] ?? '/' };
}

function post(
  agent: Agent,
  to: Target,
  h: OutgoingHttpHeaders,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: to.host, port: to.port, path: to.path, method: 'POST', headers: h, timeout: 30_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${to.host}:${to.port} within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

function commandsOf(text: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    const cmd = (parsed as { CMD?: unknown } | null)?.CMD;
    return Array.isArray(cmd) ? cmd : undefined;
  } catch {
    return undefined;
  }
}

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** The CONT URL of a P2 that carries CONT + exactly one GET of BENCH_GET_URI, else an error. */
function checkP2(status: number, text: string): Target | string {
  if (status !== 200) return `P1 answered HTTP ${status}: ${clip(text)}`;
  const cmd = commandsOf(text);
  const [cont, get] = cmd ?? [];
  const ok =
    cmd?.length === 2 &&
    Array.isArray(cont) &&
    cont.length === 2 &&
    cont[0] === 'CONT' &&
    typeof cont[1] === 'string' &&
    Array.isArray(get) &&
    get.length === 2 &&
    get[0] === 'GET' &&
    get[1] === BENCH_GET_URI;
  if (!ok) return `the P2 is not CONT + one GET of ${BENCH_GET_URI}: ${clip(text)}`;
  return parseTarget(cont[1] as string) ?? `the CONT URL is not an http URL: ${String(cont[1])}`;
}

function checkEnd(status: number, text: string): string | undefined {
  if (status !== 200) return `P3 answered HTTP ${status}: ${clip(text)}`;
  const cmd = commandsOf(text);
  const end = cmd?.[0];
  const ok = cmd?.length === 1 && Array.isArray(end) && end.length === 1 && end[0] === 'END';
  return ok ? undefined : `the P3 was not answered with END: ${clip(text)}`;
}

/** One full session; undefined when it went exactly as expected, else what went wrong. */
async function session(
  agent: Agent,
  device: LeanDevice,
  start: Target,
  sent: { packages: number },
): Promise<string | undefined> {
  sent.packages += 1;
  const p2 = await post(agent, start, device.p1Headers, device.p1Body);
  const cont = checkP2(p2.status, p2.text);
  if (typeof cont === 'string') return cont;
  sent.packages += 1;
  const end = await post(agent, cont, device.p3Headers, device.p3Body);
  return checkEnd(end.status, end.text);
}

/**
 * One session per device, `concurrency` in flight over keep-alive connections. P1s go to the
 * `serverUrls` (each a server's `/dm`) in turn; each P3 follows its session's CONT URL.
 */
export async function runLeanSessions(
  serverUrls: readonly string[],
  devices: readonly LeanDevice[],
  concurrency: number,
): Promise<LeanResult> {
  const starts = serverUrls.map((url) => {
    const t = parseTarget(url);
    if (t === undefined) throw new Error(`not an http://host:port/path URL: ${url}`);
    return t;
  });
  // FIFO: every kept-alive socket is reused in turn, so none idles past a server's keep-alive
  // timeout (Node's default is 5 s) and gets closed just as a request goes out on it.
  const agent = new Agent({
    keepAlive: true,
    maxSockets: concurrency,
    maxFreeSockets: concurrency,
    scheduling: 'fifo',
    noDelay: true,
  });
  let next = 0;
  let failed = 0;
  const sent = { packages: 0 };
  let firstError: string | undefined;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < devices.length; i = next++) {
      const device = devices[i] as LeanDevice;
      let error: string | undefined;
      try {
        error = await session(agent, device, starts[i % starts.length] as Target, sent);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      if (error !== undefined) {
        failed += 1;
        firstError ??= `${device.devId}: ${error}`;
      }
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, devices.length)) }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return {
    sessions: devices.length,
    failed,
    packages: sent.packages,
    seconds,
    perSecond: devices.length / seconds,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    ...(firstError === undefined ? {} : { firstError }),
  };
}
