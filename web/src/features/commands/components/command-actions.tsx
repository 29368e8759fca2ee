import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CommandRecord } from '@dmc/shared/api';
import { useCancelCommand } from '../api/cancel-command';
import { useRetryCommand } from '../api/retry-command';

const RETRYABLE = new Set(['failed', 'expired', 'cancelled']);

function toastError(title: string) {
  return (error: unknown) =>
    notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : title });
}

/** Cancel what is not sent yet; retry what failed, expired or was cancelled. */
export function CommandActions({ command }: { command: CommandRecord }) {
  const cancel = useCancelCommand(command.devId);
  const retry = useRetryCommand(command.devId);
  const name = command.command[0] ?? 'command';
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {command.state === 'queued' && (
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          aria-label={`Cancel ${name}`}
          loading={cancel.isPending}
          onClick={() => cancel.mutate(command.id, { onError: toastError('Could not cancel the command') })}
        >
          Cancel
        </Button>
      )}
      {RETRYABLE.has(command.state) && (
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={`Retry ${name}`}
          loading={retry.isPending}
          onClick={() =>
            retry.mutate(command.id, {
              onSuccess: () => notifications.show({ color: 'teal', title: 'Queued again', message: name }),
              onError: toastError('Could not retry the command'),
            })
          }
        >
          Retry
        </Button>
      )}
    </Group>
  );
}
