import { Router } from 'express';
import type { Health } from '@dmc/shared/api';

export const VERSION = '0.1.0';

export function healthRoutes(): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const body: Health = { status: 'ok', version: VERSION };
    res.json(body);
  });
  return router;
}
