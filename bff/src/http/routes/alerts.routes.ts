import { Router } from 'express';
import { apiRoutes, listAlertsQuerySchema } from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import { listAlerts } from '../../domain/alerts/alert.service';
import { allow } from '../authn';
import { parseInput } from '../validate';

export function alertRoutes(store: Store): Router {
  const router = Router();
  router.get(apiRoutes.alerts, allow('alerts:read'), async (req, res) => {
    res.json(await listAlerts(store, parseInput(listAlertsQuerySchema, req.query, 'query')));
  });
  return router;
}
