import { Router } from 'express';
import { API_BASE, listCommandsQuerySchema, queueCommandInputSchema } from '@dmc/shared/api';
import type { CommandService } from '../../domain/commands/command.service';
import { allow } from '../authn';
import { param } from '../params';
import { parseInput } from '../validate';

export function commandRoutes(commands: CommandService): Router {
  const router = Router();

  router.post(`${API_BASE}/devices/:devId/commands`, allow('commands:write'), async (req, res) => {
    const input = parseInput(queueCommandInputSchema, req.body, 'command');
    res.status(201).json(await commands.queue(param(req, 'devId'), input));
  });

  router.get(`${API_BASE}/devices/:devId/commands`, allow('commands:read'), async (req, res) => {
    const { limit } = parseInput(listCommandsQuerySchema, req.query, 'query');
    res.json(await commands.listForDevice(param(req, 'devId'), limit));
  });

  router.get(`${API_BASE}/commands/:id`, allow('commands:read'), async (req, res) => {
    res.json(await commands.get(param(req, 'id')));
  });

  router.post(`${API_BASE}/commands/:id/cancel`, allow('commands:write'), async (req, res) => {
    res.json(await commands.cancel(param(req, 'id')));
  });

  return router;
}
