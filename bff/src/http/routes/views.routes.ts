// Saved views of the device list (protocol §8): shared by the team; any role that reads the fleet
// may save one, its creator or an admin may change or remove it (the service checks who).
import { API_BASE, apiRoutes } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

const view = `${API_BASE}/views/:id` as const;

export const viewOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: apiRoutes.views,
    operationId: 'listViews',
    summary: 'Every saved view, by name',
    tag: 'views',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 200, description: 'The saved views.', schema: 'SavedViewList' },
    errors: [],
    handle: (_input, { views }) => views.list(),
  }),
  defineOperation({
    method: 'post',
    path: apiRoutes.views,
    operationId: 'createView',
    summary: 'Save a view: a fleet query with its sort and columns (at most 500 views; names unique)',
    tag: 'views',
    access: { kind: 'action', action: 'fleet:read' },
    body: 'CreateViewInput',
    success: {
      status: 201,
      description: 'Saved.',
      schema: 'SavedView',
      location: (body) => apiRoutes.view(body.id),
    },
    errors: [400, 409],
    handle: ({ body, user }, { views }) => views.create(body, user),
  }),
  defineOperation({
    method: 'patch',
    path: view,
    operationId: 'updateView',
    summary: 'Rename a saved view or change its query, sort or columns (its creator or an admin)',
    tag: 'views',
    access: { kind: 'action', action: 'fleet:read' },
    body: 'UpdateViewInput',
    success: { status: 200, description: 'The view as it now stands.', schema: 'SavedView' },
    errors: [400, 403, 404, 409],
    handle: ({ params, body, user }, { views }) => views.update(params.id, body, user),
  }),
  defineOperation({
    method: 'delete',
    path: view,
    operationId: 'deleteView',
    summary: 'Remove a saved view (its creator or an admin); campaigns made from it keep their query',
    tag: 'views',
    access: { kind: 'action', action: 'fleet:read' },
    success: { status: 204, description: 'Removed.' },
    errors: [403, 404],
    handle: ({ params, user }, { views }) => views.remove(params.id, user),
  }),
];
