// Operations endpoints: readiness for load balancers, the service status the console polls, and
// Prometheus metrics.
import { timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { apiRoutes } from '@dmc/shared/api';
import type { Metrics } from '../../observability/metrics';
import type { Readiness } from '../../observability/readiness';
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

export function statusRoutes(
  readiness: Readiness,
  metrics: Metrics,
  options: { metricsToken: string | undefined },
): Router {
  const router = Router();

  // 200 when this instance can serve (database and, if configured, Redis answer); 503 otherwise.
  router.get('/readyz', async (_req, res) => {
    const status = await readiness.check();
    res.status(status.status === 'ok' ? 200 : 503).json(status);
  });

  // Public, like /healthz: the console reads it even when its session cannot be checked.
  router.get(apiRoutes.status, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await readiness.check());
  });

  router.get('/metrics', async (req, res) => {
    if (!mayScrape(req, options.metricsToken)) {
      sendProblem(res, 403, 'FORBIDDEN', 'Metrics need the metrics token or a loopback request.');
      return;
    }
    await readiness.check();
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  return router;
}
