import { Router } from 'express';
import { API_BASE, listNotificationsQuerySchema } from '@dmc/shared/api';
import type { NotificationService } from '../../domain/notify/notification.service';
import { allow } from '../authn';
import { param } from '../params';
import { parseInput } from '../validate';

export function notifyRoutes(notifications: NotificationService): Router {
  const router = Router();

  router.post(`${API_BASE}/devices/:devId/notify`, allow('commands:write'), async (req, res) => {
    res.status(202).json(await notifications.notifyNow(param(req, 'devId')));
  });

  router.get(`${API_BASE}/devices/:devId/notifications`, allow('commands:read'), async (req, res) => {
    const { limit } = parseInput(listNotificationsQuerySchema, req.query, 'query');
    res.json(await notifications.list(param(req, 'devId'), limit));
  });

  return router;
}
