import { API_BASE, listSessionsQuerySchema } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

export const sessionOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: `${API_BASE}/devices/:devId/sessions`,
    operationId: 'listDeviceSessions',
    summary: "The device's DM sessions and refused contacts, newest first, with cursor paging",
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    query: listSessionsQuerySchema,
    success: { status: 200, description: 'The sessions.', schema: 'SessionList' },
    errors: [400, 404],
    handle: ({ params, query }, { sessions }) =>
      sessions.listForDevice(params.devId, query.limit, query.cursor),
  }),
  defineOperation({
    method: 'get',
    path: `${API_BASE}/devices/:devId/sessions/:sessionId`,
    operationId: 'inspectDeviceSession',
    summary: 'One DM session with its packages in order, redacted and explained (profile §13)',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    success: {
      status: 200,
      description:
        'The session: every package exchanged (P0, P1, P2, P3, DR and page requests) with credentials, ' +
        'secrets and capability tokens replaced by "<redacted>", each explained in words; or a refused ' +
        'contact with its reason.',
      schema: 'InspectedSession',
    },
    errors: [404],
    handle: ({ params }, { sessions }) => sessions.inspect(params.devId, params.sessionId),
  }),
];
