import {
  API_BASE,
  deviceTreeQuerySchema,
  nodeHistoryQuerySchema,
  treeChangePointsQuerySchema,
  treeDiffQuerySchema,
  type User,
} from '@dmc/shared/api';
import { can } from '../../domain/auth/permissions';
import { redactDiff, redactNodeHistory, redactTree } from '../../domain/tree/tree-redact';
import { defineOperation, type ApiOperation } from '../operation';

/** Users who may not queue commands do not get the capability tokens in node values. */
const mayWrite = (user: User) => can(user.role, 'commands:write');

const tree = `${API_BASE}/devices/:devId/tree` as const;

export const treeOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: tree,
    operationId: 'getDeviceTree',
    summary:
      "The device's last-known MO instances and nodes with their meta-data; with `at`, as they were then",
    tag: 'tree',
    access: { kind: 'action', action: 'fleet:read' },
    query: deviceTreeQuerySchema,
    success: { status: 200, description: 'The tree.', schema: 'DeviceTree' },
    errors: [400, 404],
    handle: async ({ params, query, user }, { trees }) => {
      const found = await trees.get(params.devId, query.at ? new Date(query.at) : undefined);
      return mayWrite(user) ? found : redactTree(found);
    },
  }),
  defineOperation({
    method: 'get',
    path: `${tree}/diff`,
    operationId: 'diffDeviceTree',
    summary: "Changed nodes between two times of the device's tree, or against another device",
    tag: 'tree',
    access: { kind: 'action', action: 'fleet:read' },
    query: treeDiffQuerySchema,
    success: { status: 200, description: 'Changed nodes only, by ClientURI.', schema: 'TreeDiff' },
    errors: [400, 404],
    handle: async ({ params, query, user }, { trees }) => {
      const diff = await trees.diff(params.devId, query);
      return mayWrite(user) ? diff : redactDiff(diff);
    },
  }),
  defineOperation({
    method: 'get',
    path: `${tree}/history`,
    operationId: 'getNodeHistory',
    summary: "A node's values over time, newest first, with the session and command that set each",
    tag: 'tree',
    access: { kind: 'action', action: 'fleet:read' },
    query: nodeHistoryQuerySchema,
    success: { status: 200, description: 'The node history.', schema: 'NodeHistory' },
    errors: [400, 404],
    handle: async ({ params, query, user }, { trees }) => {
      const history = await trees.nodeHistory(params.devId, query);
      return mayWrite(user) ? history : redactNodeHistory(history);
    },
  }),
  defineOperation({
    method: 'get',
    path: `${tree}/changes`,
    operationId: 'listTreeChanges',
    summary: "The times the device's tree changed, newest first",
    tag: 'tree',
    access: { kind: 'action', action: 'fleet:read' },
    query: treeChangePointsQuerySchema,
    success: { status: 200, description: 'Change times.', schema: 'TreeChangePoints' },
    errors: [400, 404],
    handle: ({ params, query }, { trees }) => trees.changePoints(params.devId, query.limit),
  }),
];
