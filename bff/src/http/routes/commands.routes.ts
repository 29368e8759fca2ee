import { Router } from 'express';
import { API_BASE, listCommandsQuerySchema, queueCommandInputSchema } from '@dmc/shared/api';
import type { CommandRecord } from '@dmc/shared/api';
import type { Response } from 'express';
import type { CommandService } from '../../domain/commands/command.service';
import { redactCapabilities } from '../../domain/commands/redact';
import { can } from '../../domain/auth/permissions';
import { allow, currentUser } from '../authn';
import { param } from '../params';
import { parseInput } from '../validate';

/** Users who may not queue commands do not get the capability tokens in server-made URLs. */
function forViewer(res: Response, record: CommandRecord): CommandRecord {
  return can(currentUser(res).role, 'commands:write') ? record : redactCapabilities(record);
}

export function commandRoutes(commands: CommandService): Router {
  const router = Router();

  router.post(`${API_BASE}/devices/:devId/commands`, allow('commands:write'), async (req, res) => {
    const input = parseInput(queueCommandInputSchema, req.body, 'command');
    res.status(201).json(await commands.queue(param(req, 'devId'), input));
  });

  router.get(`${API_BASE}/devices/:devId/commands`, allow('commands:read'), async (req, res) => {
    const { limit } = parseInput(listCommandsQuerySchema, req.query, 'query');
    const list = await commands.listForDevice(param(req, 'devId'), limit);
    res.json({ items: list.items.map((record) => forViewer(res, record)) });
  });

  router.get(`${API_BASE}/commands/:id`, allow('commands:read'), async (req, res) => {
    res.json(forViewer(res, await commands.get(param(req, 'id'))));
  });

  router.post(`${API_BASE}/commands/:id/cancel`, allow('commands:write'), async (req, res) => {
    res.json(await commands.cancel(param(req, 'id')));
  });

  return router;
}
