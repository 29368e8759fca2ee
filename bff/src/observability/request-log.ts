// One JSON log line per request (pino-http) with the request id the app already assigns, and the
// latency histogram. DM, DR and page traffic logs at debug unless it fails, so the hot path stays
// cheap at the default level; URL tokens (capabilities, invariant 10) never reach the log.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { redactCapabilityPath } from '../domain/capabilities/capability-urls';
import type { Metrics } from './metrics';

const DEVICE_PATH = /^\/(?:dm|dr|ui)(?:[/?]|$)/;
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** The caller's X-Request-Id when it is a safe token, else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** The URL with capability tokens replaced, so logs can be shared. */
export function redactUrl(url: string): string {
  return redactCapabilityPath(url);
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The matched route pattern (bounded label values), or a coarse bucket when none matched. */
function routeLabel(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  const path = pathOf(req);
  if (QUIET_PATHS.has(path)) return path;
  return path.startsWith('/api/') ? 'api:unmatched' : 'other';
}

export function requestLogging(log: Logger, metrics: Metrics): RequestHandler[] {
  const logger = pinoHttp({
    logger: log,
    genReqId: (_req, res) => ((res as unknown as Response).locals.requestId as string | undefined) ?? '',
    autoLogging: { ignore: (req) => QUIET_PATHS.has(pathOf(req)) },
    quietReqLogger: true,
    customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) => {
      if (err !== undefined || res.statusCode >= 500) return 'error';
      return DEVICE_PATH.test(pathOf(req)) ? 'debug' : 'info';
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  const timing: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe(
        { method: req.method, route: routeLabel(req), status: String(res.statusCode) },
        seconds,
      );
    });
    next();
  };
  return [timing, logger];
}
