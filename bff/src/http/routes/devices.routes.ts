import { API_BASE, apiRoutes, exportDevicesQuerySchema, listDevicesQuerySchema } from '@dmc/shared/api';
import { streamDeviceCsv } from '../device-csv-stream';
import { SENT, defineOperation, type ApiOperation } from '../operation';

const device = `${API_BASE}/devices/:devId` as const;

export const deviceOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: apiRoutes.devices,
    operationId: 'registerDevice',
    summary: 'Register a device and its secrets',
    tag: 'devices',
    access: { kind: 'action', action: 'devices:write' },
    body: 'RegisterDeviceInput',
    success: { status: 201, description: 'Registered.', schema: 'Device' },
    errors: [400, 409],
    handle: ({ body }, { devices }) => devices.register(body),
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.devices,
    operationId: 'listDevices',
    summary: 'List devices (filter, sort, cursor paging)',
    tag: 'devices',
    access: { kind: 'action', action: 'fleet:read' },
    query: listDevicesQuerySchema,
    success: { status: 200, description: 'One page of devices.', schema: 'DevicePage' },
    errors: [400],
    handle: ({ query }, { devices }) => devices.list(query),
  }),
  // Before /devices/:devId, which would otherwise take "export.csv" for a DevID.
  defineOperation({
    method: 'get',
    path: apiRoutes.devicesExport,
    operationId: 'exportDevices',
    summary: 'Every device matching the list filters as CSV (text/csv, streamed)',
    tag: 'devices',
    access: { kind: 'action', action: 'fleet:read' },
    query: exportDevicesQuerySchema,
    success: { status: 200, description: 'A text/csv file: a header line, then one line per device.' },
    errors: [400],
    async handle({ query, res }, { devices }) {
      await streamDeviceCsv(res, devices.exportPages(query));
      return SENT;
    },
  }),
  defineOperation({
    method: 'get',
    path: device,
    operationId: 'getDevice',
    summary: 'One device',
    tag: 'devices',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The device.', schema: 'Device' },
    errors: [404],
    handle: ({ params }, { devices }) => devices.get(params.devId),
  }),
  defineOperation({
    method: 'put',
    path: `${device}/labels`,
    operationId: 'replaceDeviceLabels',
    summary: "Replace the device's labels (at most 32)",
    tag: 'devices',
    access: { kind: 'action', action: 'devices:write' },
    body: 'ReplaceLabelsInput',
    success: { status: 200, description: 'The device with its new labels.', schema: 'Device' },
    errors: [400, 404],
    handle: ({ params, body }, { devices }) => devices.replaceLabels(params.devId, body.labels),
  }),
  defineOperation({
    method: 'patch',
    path: `${device}/labels`,
    operationId: 'changeDeviceLabels',
    summary: 'Add and remove labels of the device (at most 32 afterwards)',
    tag: 'devices',
    access: { kind: 'action', action: 'devices:write' },
    body: 'ChangeLabelsInput',
    success: { status: 200, description: 'The device with its new labels.', schema: 'Device' },
    errors: [400, 404],
    handle: ({ params, body }, { devices }) => devices.changeLabels(params.devId, body),
  }),
  defineOperation({
    method: 'delete',
    path: device,
    operationId: 'deleteDevice',
    summary: 'Remove a device',
    tag: 'devices',
    access: { kind: 'action', action: 'devices:write' },
    success: { status: 204, description: 'Removed.' },
    errors: [404],
    handle: ({ params }, { devices }) => devices.remove(params.devId),
  }),
];
