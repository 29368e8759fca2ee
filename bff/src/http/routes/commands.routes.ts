// The per-device command queue: queue, check without queueing (dry run), list, read, cancel, retry;
// and the fleet-wide list of every device's commands.
import {
  API_BASE,
  apiRoutes,
  listCommandsQuerySchema,
  listFleetCommandsQuerySchema,
  type CommandRecord,
  type User,
} from '@dmc/shared/api';
import { can } from '../../domain/auth/permissions';
import { redactCapabilities } from '../../domain/commands/redact';
import { defineOperation, type ApiOperation } from '../operation';

/** Users who may not queue commands do not get the capability tokens in server-made URLs. */
function forViewer(user: User, record: CommandRecord): CommandRecord {
  return can(user.role, 'commands:write') ? record : redactCapabilities(record);
}

const device = `${API_BASE}/devices/:devId` as const;
const command = `${API_BASE}/commands/:id` as const;

export const commandOperations: readonly ApiOperation[] = [
  defineOperation({
    method: 'post',
    path: `${device}/commands`,
    operationId: 'queueCommand',
    summary: 'Queue a command for the device',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:write' },
    body: 'QueueCommandInput',
    success: { status: 201, description: 'Queued.', schema: 'QueuedCommand' },
    errors: [400, 404],
    handle: ({ params, body, user }, { commands }) => commands.queue(params.devId, body, user.username),
  }),
  // The dry run reads only, so support users may check a command too.
  defineOperation({
    method: 'post',
    path: `${device}/commands/dry-run`,
    operationId: 'dryRunCommand',
    summary:
      'Check a command against the stored tree and meta-data without queueing it: what would fail and why',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    body: 'QueueCommandInput',
    success: { status: 200, description: 'The problems found (none when ok).', schema: 'DryRunResult' },
    errors: [400, 404],
    handle: ({ params, body }, { trees }) => trees.dryRun(params.devId, body),
  }),
  defineOperation({
    method: 'get',
    path: `${device}/commands`,
    operationId: 'listDeviceCommands',
    summary: "The device's commands, newest first",
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    query: listCommandsQuerySchema,
    success: { status: 200, description: 'The commands.', schema: 'CommandList' },
    errors: [400, 404],
    async handle({ params, query, user }, { commands }) {
      const list = await commands.listForDevice(params.devId, query.limit);
      return { items: list.items.map((record) => forViewer(user, record)) };
    },
  }),
  defineOperation({
    method: 'get',
    path: apiRoutes.commands,
    operationId: 'listCommands',
    summary:
      "Every device's commands, newest first: by state, device, who queued it, command name and time (cursor paging)",
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    query: listFleetCommandsQuerySchema,
    success: { status: 200, description: 'One page of commands.', schema: 'CommandPage' },
    errors: [400, 404],
    async handle({ query, user }, { commands }) {
      const page = await commands.list(query);
      return { ...page, items: page.items.map((record) => forViewer(user, record)) };
    },
  }),
  defineOperation({
    method: 'get',
    path: command,
    operationId: 'getCommand',
    summary: 'One command and its state',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:read' },
    success: { status: 200, description: 'The command.', schema: 'CommandRecord' },
    errors: [404],
    handle: async ({ params, user }, { commands }) => forViewer(user, await commands.get(params.id)),
  }),
  defineOperation({
    method: 'post',
    path: `${command}/cancel`,
    operationId: 'cancelCommand',
    summary: 'Cancel a queued or sent command (a sent one is not sent again; its late status is ignored)',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:write' },
    success: { status: 200, description: 'Cancelled.', schema: 'CommandRecord' },
    errors: [404, 409],
    handle: ({ params }, { commands }) => commands.cancel(params.id),
  }),
  defineOperation({
    method: 'post',
    path: `${command}/retry`,
    operationId: 'retryCommand',
    summary: 'Queue a failed, expired or cancelled command again, with fresh server-made URLs',
    tag: 'commands',
    access: { kind: 'action', action: 'commands:write' },
    body: 'RetryCommandInput',
    optionalBody: true,
    success: { status: 201, description: 'Queued as a new command.', schema: 'RetriedCommand' },
    errors: [400, 404, 409],
    handle: ({ params, body, user }, { commandRetry }) => commandRetry.retry(params.id, body, user.username),
  }),
];
