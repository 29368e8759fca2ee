import { Router } from 'express';
import { API_BASE } from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { Store } from '../../persistence/ports';
import { getDeviceTree } from '../../domain/tree/tree.service';
import { allow } from '../authn';
import { param } from '../params';

/** `extraMetadata` gives the imported meta-data documents (domain/metadata). */
export function treeRoutes(
  store: Store,
  extraMetadata: () => Promise<readonly MoMetadata[]> = () => Promise.resolve([]),
): Router {
  const router = Router();
  router.get(`${API_BASE}/devices/:devId/tree`, allow('fleet:read'), async (req, res) => {
    res.json(await getDeviceTree(store, param(req, 'devId'), await extraMetadata()));
  });
  return router;
}
