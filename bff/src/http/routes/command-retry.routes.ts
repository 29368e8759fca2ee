import { Router } from 'express';
import { API_BASE, retryCommandInputSchema } from '@dmc/shared/api';
import type { CommandRetry } from '../../domain/commands/command-retry';
import { allow } from '../authn';
import { param } from '../params';
import { parseInput } from '../validate';

export function commandRetryRoutes(retry: CommandRetry): Router {
  const router = Router();

  router.post(`${API_BASE}/commands/:id/retry`, allow('commands:write'), async (req, res) => {
    const input = parseInput(retryCommandInputSchema, req.body ?? {}, 'retry');
    res.status(201).json(await retry.retry(param(req, 'id'), input));
  });

  return router;
}
