import { apiRoutes } from '@dmc/shared/api';
import { currentCredential } from '../authn';
import { defineOperation, type ApiOperation } from '../operation';

const userPath = `${apiRoutes.users}/:username` as const;

export const userOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'get',
    path: apiRoutes.users,
    operationId: 'listUsers',
    summary: 'List console users',
    tag: 'users',
    access: { kind: 'action', action: 'users:write' },
    success: { status: 200, description: 'Every console user.', schema: 'UserList' },
    errors: [],
    handle: (_input, { users }) => users.list(),
  }),
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
  defineOperation({
    method: 'patch',
    path: userPath,
    operationId: 'updateUser',
    summary: "Change a user's role, disabled flag or password",
    tag: 'users',
    // Any signed-in user may change its own password; everything else needs `users:write` (403).
    access: { kind: 'signed-in' },
    body: 'UpdateUserInput',
    success: { status: 200, description: 'The user as changed.', schema: 'UserAccount' },
    // An API token changes no password (403).
    errors: [400, 403, 404, 409],
    handle: ({ params, body, user, res }, { users }) =>
      users.update(user, currentCredential(res), params.username, body),
  }),
  defineOperation({
    method: 'delete',
    path: userPath,
    operationId: 'deleteUser',
    summary: 'Delete a console user',
    tag: 'users',
    access: { kind: 'action', action: 'users:write' },
    success: { status: 204, description: 'Deleted; its sessions have ended.' },
    errors: [404, 409],
    handle: ({ params }, { users }) => users.remove(params.username),
  }),
  defineOperation({
    method: 'delete',
    path: `${userPath}/lockout`,
    operationId: 'clearUserLockout',
    summary: "Lift a user's sign-in lockout",
    tag: 'users',
    access: { kind: 'action', action: 'users:write' },
    success: {
      status: 204,
      description: "The user's failed sign-ins are forgotten; it may sign in again at once.",
    },
    errors: [404],
    handle: ({ params }, { users }) => users.clearLockout(params.username),
  }),
];
