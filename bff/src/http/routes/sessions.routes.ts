import { Router } from 'express';
import { API_BASE, listSessionsQuerySchema } from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import { listDeviceSessions } from '../../domain/sessions/session-view';
import { allow } from '../authn';
import { param } from '../params';
import { parseInput } from '../validate';

export function sessionRoutes(store: Store): Router {
  const router = Router();

  router.get(`${API_BASE}/devices/:devId/sessions`, allow('commands:read'), async (req, res) => {
    const { limit } = parseInput(listSessionsQuerySchema, req.query, 'query');
    res.json(await listDeviceSessions(store, param(req, 'devId'), limit));
  });

  return router;
}
