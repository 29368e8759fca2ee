import { Router } from 'express';
import { API_BASE, acknowledgeAlertsInputSchema, apiRoutes, listAlertsQuerySchema } from '@dmc/shared/api';
import type { AlertService } from '../../domain/alerts/alert.service';
import { allow, currentUser } from '../authn';
import { param } from '../params';
import { parseInput } from '../validate';

export function alertRoutes(alerts: AlertService): Router {
  const router = Router();
  router.get(apiRoutes.alerts, allow('alerts:read'), async (req, res) => {
    res.json(await alerts.list(parseInput(listAlertsQuerySchema, req.query, 'query')));
  });
  // Declared before `/:id/acknowledge` reads clearer; the paths cannot collide (different depth).
  router.post(apiRoutes.acknowledgeAlerts, allow('alerts:write'), async (req, res) => {
    const { ids } = parseInput(acknowledgeAlertsInputSchema, req.body, 'body');
    res.json(await alerts.acknowledge(ids, currentUser(res).username));
  });
  router.post(`${API_BASE}/alerts/:id/acknowledge`, allow('alerts:write'), async (req, res) => {
    res.json(await alerts.acknowledgeOne(param(req, 'id'), currentUser(res).username));
  });
  return router;
}
