import { API_BASE, apiRoutes, listAlertsQuerySchema } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

export const alertOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: apiRoutes.alerts,
    operationId: 'listAlerts',
    summary: 'Stored alerts, newest first (cursor paging)',
    tag: 'alerts',
    access: { kind: 'action', action: 'alerts:read' },
    query: listAlertsQuerySchema,
    success: { status: 200, description: 'One page of alerts.', schema: 'AlertPage' },
    errors: [400],
    handle: ({ query }, { alerts }) => alerts.list(query),
  }),
  // Declared before `/:id/acknowledge` reads clearer; the paths cannot collide (different depth).
  defineOperation({
    method: 'post',
    path: apiRoutes.acknowledgeAlerts,
    operationId: 'acknowledgeAlerts',
    summary: 'Acknowledge several alerts; every console is told',
    tag: 'alerts',
    access: { kind: 'action', action: 'alerts:write' },
    body: 'AcknowledgeAlertsInput',
    success: {
      status: 200,
      description: 'The alerts this call acknowledged (ones acknowledged before or unknown are left out).',
      schema: 'AlertList',
    },
    errors: [400],
    handle: ({ body, user }, { alerts }) => alerts.acknowledge(body.ids, user.username),
  }),
  defineOperation({
    method: 'post',
    path: `${API_BASE}/alerts/:id/acknowledge`,
    operationId: 'acknowledgeAlert',
    summary: 'Acknowledge one alert',
    tag: 'alerts',
    access: { kind: 'action', action: 'alerts:write' },
    success: {
      status: 200,
      description: 'The alert; one acknowledged before keeps its first acknowledgement.',
      schema: 'AlertRecord',
    },
    errors: [404],
    handle: ({ params, user }, { alerts }) => alerts.acknowledgeOne(params.id, user.username),
  }),
];
