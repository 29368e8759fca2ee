import { useState } from 'react';
import { Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CommandRecord } from '@dmc/shared/api';
import { useCancelCommand } from '../api/cancel-command';
import { useRetryCommand } from '../api/retry-command';
import { CancelSentModal } from './cancel-sent-modal';
import { ActionButton } from '../../../components/ui/action-button';

const RETRYABLE = new Set(['failed', 'expired', 'cancelled']);

function toastError(title: string) {
  return (error: unknown) =>
    notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : title });
}

/**
 * Cancel what is queued, or sent and still waiting for its status (after a confirmation, as the
 * device has it already); retry what failed, expired or was cancelled.
 */
export function CommandActions({ command }: { command: CommandRecord }) {
  const cancel = useCancelCommand(command.devId);
  const retry = useRetryCommand(command.devId);
  const [isConfirming, setConfirming] = useState(false);
  const name = command.command[0] ?? 'command';
  const cancelNow = () =>
    cancel.mutate(command.id, {
      onSuccess: () => setConfirming(false),
      onError: toastError('Could not cancel the command'),
    });
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {(command.state === 'queued' || command.state === 'sent') && (
        <ActionButton
          size="compact-xs"
          variant="subtle"
          color="red"
          aria-label={`Cancel ${name}`}
          loading={cancel.isPending}
          onClick={command.state === 'sent' ? () => setConfirming(true) : cancelNow}
        >
          Cancel
        </ActionButton>
      )}
      {command.state === 'sent' && (
        <CancelSentModal
          command={command}
          opened={isConfirming}
          pending={cancel.isPending}
          onConfirm={cancelNow}
          onClose={() => setConfirming(false)}
        />
      )}
      {RETRYABLE.has(command.state) && (
        <ActionButton
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
        </ActionButton>
      )}
    </Group>
  );
}
