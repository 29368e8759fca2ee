import { API_BASE, listSessionsQuerySchema } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

export const sessionOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: `${API_BASE}/devices/:devId/sessions`,
    operationId: 'listDeviceSessions',
    summary: "The device's DM sessions, newest first",
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    query: listSessionsQuerySchema,
    success: { status: 200, description: 'The sessions.', schema: 'SessionList' },
    errors: [400, 404],
    handle: ({ params, query }, { sessions }) => sessions.listForDevice(params.devId, query.limit),
  }),
];
