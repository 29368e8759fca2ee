import { apiRoutes } from '@dmc/shared/api';
import { defineOperation, type ApiOperation } from '../operation';

export const userOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: apiRoutes.users,
    operationId: 'createUser',
    summary: 'Create a console user',
    tag: 'users',
    access: { kind: 'action', action: 'users:write' },
    body: 'CreateUserInput',
    success: { status: 201, description: 'Created.', schema: 'User' },
    errors: [400, 409],
    handle: ({ body }, { auth }) => auth.createUser(body),
  }),
];
