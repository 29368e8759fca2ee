import { apiRoutes } from '@dmc/shared/api';
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
];
