import { API_BASE, listNotificationsQuerySchema } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

const device = `${API_BASE}/devices/:devId` as const;

export const notifyOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: `${device}/notify`,
    operationId: 'notifyDevice',
    summary: 'Wake the device now with a P0 notification to its push URL',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:write' },
    success: {
      status: 202,
      description: 'The notification and its first attempt.',
      schema: 'NotificationRecord',
    },
    errors: [404, 409],
    handle: ({ params }, { notifications }) => notifications.notifyNow(params.devId),
  }),
  defineOperation({
    method: 'get',
    path: `${device}/notifications`,
    operationId: 'listDeviceNotifications',
    summary: "The device's wake-up notifications and their attempts, newest first",
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    query: listNotificationsQuerySchema,
    success: { status: 200, description: 'The notifications.', schema: 'NotificationList' },
    errors: [400, 404],
    handle: ({ params, query }, { notifications }) => notifications.list(params.devId, query.limit),
  }),
];
