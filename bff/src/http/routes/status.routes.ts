// Operations endpoints: readiness for load balancers, the service status the console polls, and
// Prometheus metrics.
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { apiRoutes, type ServiceStatus } from '@dmc/shared/api';
import { SENT, defineOperation, type ApiOperation } from '../operation';
import { sendProblem } from '../problem';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * /metrics answers a bearer DMC_METRICS_TOKEN; without one configured, only requests made directly
 * on the loopback interface (not relayed by a proxy, which adds X-Forwarded-For).
 */
function mayScrape(req: Request, token: string | undefined): boolean {
  if (token !== undefined) {
    const given = Buffer.from(req.headers.authorization?.replace(/^Bearer /, '') ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined;
}

/** The status without the instance id (host name and pid by default): these answers need no sign-in. */
function anonymous(status: ServiceStatus): ServiceStatus {
  const { instance: _instance, ...rest } = status;
  return rest;
}

export const statusOperations: readonly ApiOperation[] = [
  // 200 when this instance can serve (database and, if configured, Redis answer; storage can be
  // written); 503 otherwise.
  defineOperation({
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    summary:
      'Readiness: 200 when the database (and Redis, if configured) answer and storage is not full, else 503 with the same body',
    tag: 'health',
    access: { kind: 'public' },
    success: { status: 200, description: 'Ready.', schema: 'ServiceStatus' },
    errors: [],
    async handle({ res }, { readiness }) {
      const status = await readiness.check();
      res.status(status.status === 'ok' ? 200 : 503).json(anonymous(status));
      return SENT;
    },
  }),
  // Public, like /healthz: the console reads it even when its session cannot be checked.
  defineOperation({
    method: 'get',
    path: apiRoutes.status,
    operationId: 'getServiceStatus',
    summary: 'What the backend can do now (ok, degraded, stopping); the console polls it',
    tag: 'health',
    access: { kind: 'public' },
    success: { status: 200, description: 'The status, also when degraded.', schema: 'ServiceStatus' },
    errors: [],
    async handle({ res }, { readiness }) {
      res.setHeader('Cache-Control', 'no-store');
      return anonymous(await readiness.check());
    },
  }),
  defineOperation({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (text); needs DMC_METRICS_TOKEN as bearer, or a direct loopback request',
    tag: 'health',
    access: { kind: 'public' },
    success: { status: 200, description: 'Prometheus text exposition format.' },
    errors: [403],
    async handle({ req, res }, { readiness, metrics, http }) {
      if (!mayScrape(req, http.metricsToken)) {
        sendProblem(res, 403, 'FORBIDDEN', 'Metrics need the metrics token or a loopback request.');
        return SENT;
      }
      await readiness.check();
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
      return SENT;
    },
  }),
];
