import { Router } from 'express';
import { API_BASE } from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import { getDeviceTree } from '../../domain/tree/tree.service';
import { allow } from '../authn';
import { param } from '../params';

export function treeRoutes(store: Store): Router {
  const router = Router();
  router.get(`${API_BASE}/devices/:devId/tree`, allow('fleet:read'), async (req, res) => {
    res.json(await getDeviceTree(store, param(req, 'devId')));
  });
  return router;
}
