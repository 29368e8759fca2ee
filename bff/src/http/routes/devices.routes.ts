import { Router } from 'express';
import {
  API_BASE,
  apiRoutes,
  exportDevicesQuerySchema,
  listDevicesQuerySchema,
  registerDeviceInputSchema,
} from '@dmc/shared/api';
import type { DeviceService } from '../../domain/devices/device.service';
import { allow } from '../authn';
import { streamDeviceCsv } from '../device-csv-stream';
import { param } from '../params';
import { parseInput } from '../validate';

export function deviceRoutes(devices: DeviceService): Router {
  const router = Router();

  router.post(apiRoutes.devices, allow('devices:write'), async (req, res) => {
    const input = parseInput(registerDeviceInputSchema, req.body, 'device');
    res.status(201).json(await devices.register(input));
  });

  router.get(apiRoutes.devices, allow('fleet:read'), async (req, res) => {
    const query = parseInput(listDevicesQuerySchema, req.query, 'query');
    res.json(await devices.list(query));
  });

  // Before /devices/:devId, which would otherwise take "export.csv" for a DevID.
  router.get(apiRoutes.devicesExport, allow('fleet:read'), async (req, res) => {
    const query = parseInput(exportDevicesQuerySchema, req.query, 'query');
    const pages = devices.exportPages(query);
    await streamDeviceCsv(res, pages);
  });

  router.get(`${API_BASE}/devices/:devId`, allow('fleet:read'), async (req, res) => {
    res.json(await devices.get(param(req, 'devId')));
  });

  router.delete(`${API_BASE}/devices/:devId`, allow('devices:write'), async (req, res) => {
    await devices.remove(param(req, 'devId'));
    res.status(204).end();
  });

  return router;
}
