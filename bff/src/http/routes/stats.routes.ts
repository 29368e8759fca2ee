import { Router } from 'express';
import { apiRoutes } from '@dmc/shared/api';
import type { Clock } from '../../domain/ports';
import { getFleetStats } from '../../domain/stats/stats.service';
import type { Store } from '../../persistence/ports';
import { allow } from '../authn';

export function statsRoutes(store: Store, clock: Clock): Router {
  const router = Router();
  router.get(apiRoutes.stats, allow('fleet:read'), async (_req, res) => {
    res.json(await getFleetStats(store, clock));
  });
  return router;
}
