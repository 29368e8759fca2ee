import { Router } from 'express';
import {
  API_BASE,
  listCommandsQuerySchema,
  startFirmwareUpdateInputSchema,
  startSoftwareInstallInputSchema,
} from '@dmc/shared/api';
import type { OperationService } from '../../domain/operations/operation.service';
import { allow } from '../authn';
import { param } from '../params';
import { parseInput } from '../validate';

export function operationRoutes(operations: OperationService): Router {
  const router = Router();

  router.post(`${API_BASE}/devices/:devId/firmware-updates`, allow('commands:write'), async (req, res) => {
    const input = parseInput(startFirmwareUpdateInputSchema, req.body, 'firmware update');
    res.status(201).json(await operations.startFirmwareUpdate(param(req, 'devId'), input));
  });

  router.get(`${API_BASE}/firmware-updates/:id`, allow('commands:read'), async (req, res) => {
    res.json(await operations.get(param(req, 'id'), 'firmware-update'));
  });

  router.post(`${API_BASE}/devices/:devId/software-installs`, allow('commands:write'), async (req, res) => {
    const input = parseInput(startSoftwareInstallInputSchema, req.body, 'software install');
    res.status(201).json(await operations.startSoftwareInstall(param(req, 'devId'), input));
  });

  router.get(`${API_BASE}/software-installs/:id`, allow('commands:read'), async (req, res) => {
    res.json(await operations.get(param(req, 'id'), 'software-install'));
  });

  router.get(`${API_BASE}/devices/:devId/operations`, allow('commands:read'), async (req, res) => {
    const { limit } = parseInput(listCommandsQuerySchema, req.query, 'query');
    res.json(await operations.listForDevice(param(req, 'devId'), limit));
  });

  return router;
}
