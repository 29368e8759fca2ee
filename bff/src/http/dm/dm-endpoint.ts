// The DM Protocol endpoints (protocol §1–§4): P1 at POST /dm, P3 at POST /dm/s/:token, EXEC outcomes
// at POST /dm/jobs/:token. They run on bare node:http ahead of Express: a DM package needs none of the
// console's middleware, and the DM path is the one that must scale (BENCHMARKS.md). Checks happen in
// the order of protocol §2 and before anything is stored: 415, 406, 413 (size, then JSON depth, before
// parsing), then 400. A package over the size limit gets its 413 while the rest of it is read off and
// dropped, up to a bound (protocol §12, http/request-body.ts).
// Every other request, and any other method on these paths, goes to `next` (the Express app).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { DEVID_HEADER, MEDIA_TYPES, type P2 } from '@dmc/shared/protocol';
import { parseCapabilityPath } from '../../domain/capabilities/capability-urls';
import type { DmSessionService } from '../../domain/dm/dm-session.service';
import type { DmReply, DmRequest } from '../../domain/dm/dm-types';
import type { Metrics } from '../../observability/metrics';
import { redactUrl, requestIdOf } from '../../observability/request-log';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../protocol/codec';
import { refusalProblem, type ErrorMapper } from '../error-handler';
import { writeProblem, type Problem } from '../problem';
import { TOO_LARGE, answerTooLarge, readBody } from '../request-body';
import type { RefusalEndpoint } from '@dmc/shared/api';
import type { RefusalReport } from '../../domain/refusals/refusal.service';
import type { DmRefusal } from '../../protocol/session/refusal';
import { accepts, mediaTypeOf } from './media';

type Route =
  | { kind: 'initiate'; pattern: '/dm' }
  | { kind: 'continue'; pattern: '/dm/s/:token'; token: string }
  | { kind: 'job'; pattern: '/dm/jobs/:token'; token: string };

function decodeSegment(segment: string): string | undefined {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded === '' ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** The DM route of a request line, or undefined for everything Express serves. */
export function dmRouteOf(method: string | undefined, url: string | undefined): Route | undefined {
  if (method !== 'POST' || url === undefined || !url.startsWith('/dm')) return undefined;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path === '/dm' || path === '/dm/') return { kind: 'initiate', pattern: '/dm' };
  const capability = parseCapabilityPath(path);
  const token = capability === undefined ? undefined : decodeSegment(capability.token);
  if (token === undefined) return undefined;
  if (capability?.kind === 'session') return { kind: 'continue', pattern: '/dm/s/:token', token };
  if (capability?.kind === 'job') return { kind: 'job', pattern: '/dm/jobs/:token', token };
  return undefined;
}

const MEDIA_OF: Record<Route['kind'], string> = {
  initiate: MEDIA_TYPES.initiation,
  continue: MEDIA_TYPES.response,
  job: MEDIA_TYPES.initiation,
};

/** What a 415 says: the expected type, and where a package of another kind goes (protocol §2, §3, §12). */
function mediaMessage(kind: Route['kind'], got: string | undefined): string {
  const expected = MEDIA_OF[kind];
  if (kind !== 'continue' && got === MEDIA_TYPES.response) {
    return (
      `This address takes a P1 (${expected}). A P3 goes to the CONT URL of its session, ` +
      "/dm/s/<token>, which the CONT command at the start of the session's first P2 gives."
    );
  }
  if (kind === 'continue' && got === MEDIA_TYPES.initiation) {
    return `A CONT URL takes the P3s of its session (${expected}). A P1 goes to /dm.`;
  }
  return `Content-Type must be ${expected}.`;
}

function mediaProblem(req: IncomingMessage, kind: Route['kind']): Problem | undefined {
  const got = mediaTypeOf(req.headers['content-type']);
  if (got !== MEDIA_OF[kind]) {
    return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: mediaMessage(kind, got) };
  }
  if (!accepts(req.headers.accept, MEDIA_TYPES.request)) {
    return {
      status: 406,
      code: 'NOT_ACCEPTABLE',
      message: `This server answers with ${MEDIA_TYPES.request} only.`,
    };
  }
  return undefined;
}

const TOO_DEEP: Problem = {
  status: 413,
  code: 'PAYLOAD_TOO_LARGE',
  message: `The package nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`,
};

function parsePackage(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * A P2, a problem (with the refusal it words, if any), or a body too large: its 413 goes out while
 * the rest of the body is discarded.
 */
type Outcome = { p2: P2 } | { problem: Problem; refusal?: DmRefusal } | { tooLarge: true };

function outcomeOf(reply: DmReply): Outcome {
  return reply.kind === 'package'
    ? { p2: reply.p2 }
    : { problem: refusalProblem(reply.refusal), refusal: reply.refusal };
}

export interface DmEndpointOptions {
  maxPackageBytes: number;
  /** How much of an oversized package is read off before the connection closes (protocol §12). */
  maxDiscardBytes: number;
  log: Logger;
  metrics: Metrics;
  mapError: ErrorMapper;
  /** Told of every refused package (4xx) but routine challenges, for the device's record. */
  onRefused?: (devId: string, report: RefusalReport) => void;
}

const ENDPOINT_OF: Record<Route['kind'], RefusalEndpoint> = {
  initiate: 'dm',
  continue: 'dm-session',
  job: 'dm-job',
};

export function dmEndpoint(
  sessions: DmSessionService,
  options: DmEndpointOptions,
  next: RequestListener,
): RequestListener {
  const { log, metrics, mapError, maxPackageBytes, maxDiscardBytes } = options;

  async function answer(req: IncomingMessage, route: Route, requestId: string): Promise<Outcome> {
    const media = mediaProblem(req, route.kind);
    if (media) return { problem: media };
    const body = await readBody(req, maxPackageBytes);
    if (body === undefined) return { tooLarge: true };
    if (nestsDeeperThan(body)) return { problem: TOO_DEEP };
    const parsed = parsePackage(body);
    if (!parsed.ok) {
      return { problem: { status: 400, code: 'BAD_REQUEST', message: 'The package is not valid JSON.' } };
    }
    const request: DmRequest = {
      devId: req.headers[DEVID_HEADER.toLowerCase()] as string | undefined,
      authorization: req.headers.authorization,
      method: 'POST',
      uri: req.url ?? route.pattern,
      body: parsed.value,
    };
    try {
      if (route.kind === 'continue') return outcomeOf(await sessions.continue(route.token, request));
      const job = route.kind === 'job' ? { jobToken: route.token } : {};
      return outcomeOf(await sessions.initiate(request, job));
    } catch (err) {
      return { problem: mapError(err, requestId) };
    }
  }

  /** Tells onRefused of a refused package, attributed to the DevID it named (issue 12). */
  function noteRefusal(req: IncomingMessage, route: Route, problem: Problem, refusal?: DmRefusal): void {
    const devId = req.headers[DEVID_HEADER.toLowerCase()];
    if (!options.onRefused || typeof devId !== 'string' || refusal?.routine) return;
    // A client that went away mid-body was answered nothing.
    if (req.readableAborted) return;
    if (problem.status < 400 || problem.status >= 500) return;
    options.onRefused(devId, {
      endpoint: ENDPOINT_OF[route.kind],
      status: problem.status,
      code: problem.code,
      reason: refusal?.note ?? problem.message,
    });
  }

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    outcome: Outcome,
    requestId: string,
  ): void {
    if ('tooLarge' in outcome) {
      answerTooLarge(req, res, { maxDiscardBytes, requestId });
      noteRefusal(req, route, TOO_LARGE);
      return;
    }
    if ('p2' in outcome) {
      const body = JSON.stringify(outcome.p2);
      res.writeHead(200, {
        'Content-Type': `${MEDIA_TYPES.request}; charset=utf-8`,
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    writeProblem(res, outcome.problem, requestId);
    noteRefusal(req, route, outcome.problem, outcome.refusal);
  }

  return (req, res) => {
    const route = dmRouteOf(req.method, req.url);
    if (route === undefined) {
      next(req, res);
      return;
    }
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.statusCode;
      metrics.httpDuration.observe({ method: 'POST', route: route.pattern, status: String(status) }, seconds);
      // The same line pino-http writes for the console's requests; DM traffic logs at debug.
      if (status >= 500 || log.isLevelEnabled('debug')) {
        const line = {
          req: { id: requestId, method: 'POST', url: redactUrl(req.url ?? '') },
          res: { statusCode: status },
          responseTime: Math.round(seconds * 1000),
        };
        if (status >= 500) log.error(line, 'request errored');
        else log.debug(line, 'request completed');
      }
    });
    answer(req, route, requestId).then(
      (result) => send(req, res, route, result, requestId),
      (err: unknown) => send(req, res, route, { problem: mapError(err, requestId) }, requestId),
    );
  };
}
