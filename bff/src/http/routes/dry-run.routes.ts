import { Router } from 'express';
import { API_BASE, queueCommandInputSchema } from '@dmc/shared/api';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { Store } from '../../persistence/ports';
import { dryRunForDevice } from '../../domain/tree/dry-run.service';
import { allow } from '../authn';
import { param } from '../params';
import { parseInput } from '../validate';

/** The dry run reads only, so support users may check a command too. */
export function dryRunRoutes(
  store: Store,
  extraMetadata: () => Promise<readonly MoMetadata[]> = () => Promise.resolve([]),
): Router {
  const router = Router();
  router.post(`${API_BASE}/devices/:devId/commands/dry-run`, allow('commands:read'), async (req, res) => {
    const input = parseInput(queueCommandInputSchema, req.body, 'command');
    res.json(await dryRunForDevice(store, param(req, 'devId'), input, await extraMetadata()));
  });
  return router;
}
