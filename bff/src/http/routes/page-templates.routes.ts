// Stored page templates for SHOW (protocol §8, "User interaction").
import { API_BASE, apiRoutes } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

export const pageTemplateOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: apiRoutes.pageTemplates,
    operationId: 'createPageTemplate',
    summary: 'Store a page template for SHOW',
    tag: 'pages',
    access: { kind: 'action', action: 'commands:write' },
    body: 'CreatePageTemplateInput',
    success: { status: 201, description: 'Stored.', schema: 'PageTemplate' },
    errors: [400],
    handle: ({ body }, { pageTemplates }) => pageTemplates.create(body),
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.pageTemplates,
    operationId: 'listPageTemplates',
    summary: 'The stored page templates, by name',
    tag: 'pages',
    access: { kind: 'action', action: 'commands:read' },
    success: { status: 200, description: 'The templates.', schema: 'PageTemplateList' },
    errors: [],
    handle: (_input, { pageTemplates }) => pageTemplates.list(),
  }),
  defineOperation({
    method: 'delete',
    path: `${API_BASE}/pages/:templateId`,
    operationId: 'deletePageTemplate',
    summary: 'Remove a page template (pages already made from it stay)',
    tag: 'pages',
    access: { kind: 'action', action: 'commands:write' },
    success: { status: 204, description: 'Removed.' },
    errors: [404],
    handle: ({ params }, { pageTemplates }) => pageTemplates.remove(params.templateId),
  }),
];
