import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { CommandRecord } from '@dmc/shared/api';
import { describeDeliveries } from '../../../lib/command-deliveries';
import { ActionButton } from '../../../components/ui/action-button';

type CancelSentModalProps = {
  command: CommandRecord;
  opened: boolean;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/**
 * Cancelling a sent command cannot take it back from the device: it only stops dmc from sending it
 * again and makes dmc ignore its status (protocol §12). The dialog says so before it happens.
 */
export function CancelSentModal({ command, opened, pending, onConfirm, onClose }: CancelSentModalProps) {
  const name = command.command[0] ?? 'command';
  const delivered = describeDeliveries(command.deliveries);
  return (
    <Modal opened={opened} onClose={onClose} title={`Cancel the sent ${name}?`}>
      <Stack gap="sm">
        <Text size="sm">
          The device has already received this command
          {delivered ? ` (${delivered.toLowerCase()})` : ''} and may be carrying it out.
        </Text>
        <Text size="sm">
          Cancelling stops dmc from sending it again, and a status the device sends for it later is ignored:
          nothing it reports is stored. It does not undo what the device has already done.
        </Text>
        <Text size="xs" ff="monospace" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {command.command.join(' ')}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <ActionButton color="red" loading={pending} onClick={onConfirm}>
            Cancel the command
          </ActionButton>
        </Group>
      </Stack>
    </Modal>
  );
}
