import { defineOperation, type ApiOperation } from '../operation';

export const VERSION = '0.1.0';

export const healthOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    summary: 'Liveness: 200 once the server accepts work',
    tag: 'health',
    access: { kind: 'public' },
    success: { status: 200, description: 'Up.', schema: 'Health' },
    errors: [],
    handle: () => ({ status: 'ok' as const, version: VERSION }),
  }),
];
