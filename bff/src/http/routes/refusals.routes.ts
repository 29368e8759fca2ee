// A device's refused contacts (issue 12): what an operator reads to tell why a device is locked out.
import { API_BASE } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

export const refusalOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: `${API_BASE}/devices/:devId/refusals`,
    operationId: 'listDeviceRefusals',
    summary: "The device's last refused contacts (time, HTTP status, reason), newest first",
    tag: 'devices',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The last 20 refused contacts.', schema: 'RefusalList' },
    errors: [404],
    handle: ({ params }, { refusals }) => refusals.listForDevice(params.devId),
  }),
];
