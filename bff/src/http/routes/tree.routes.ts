import { API_BASE } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

export const treeOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: `${API_BASE}/devices/:devId/tree`,
    operationId: 'getDeviceTree',
    summary: "The device's last-known MO instances and nodes with their meta-data",
    tag: 'tree',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The tree.', schema: 'DeviceTree' },
    errors: [404],
    handle: ({ params }, { trees }) => trees.get(params.devId),
  }),
];
