import { alertStatsQuerySchema, apiRoutes } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

export const statsOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: apiRoutes.stats,
    operationId: 'getFleetStats',
    summary:
      'The fleet at a glance: devices, online now, sessions per minute, open alerts, commands, firmware',
    tag: 'devices',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'Aggregates computed now.', schema: 'FleetStats' },
    errors: [],
    handle: (_input, { stats }) => stats.fleet(),
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.alertStats,
    operationId: 'getAlertStats',
    summary: 'Alerts by type over time: occurrences per bucket of the most frequent types',
    tag: 'alerts',
    access: { kind: 'action', action: 'alerts:read' },
    query: alertStatsQuerySchema,
    success: {
      status: 200,
      description: 'Counts per type per bucket, oldest bucket first.',
      schema: 'AlertStats',
    },
    errors: [400],
    handle: ({ query }, { stats }) => stats.alerts(query),
  }),
];
