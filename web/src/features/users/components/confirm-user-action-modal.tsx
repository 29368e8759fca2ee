import { Button, Group, Modal, Stack, Text } from '@mantine/core';

/** What an admin is about to do to a user, said before it happens. */
export type UserAction =
  | { kind: 'role'; username: string; role: string }
  | { kind: 'disable'; username: string }
  | { kind: 'enable'; username: string }
  | { kind: 'delete'; username: string };

const ENDS_SESSIONS = 'Every session of this user ends at once, and its open consoles are signed out.';

function describe(action: UserAction): { title: string; body: string; confirm: string; color: string } {
  switch (action.kind) {
    case 'role':
      return {
        title: `Make ${action.username} ${action.role}?`,
        body: `${action.username} gets the ${action.role} role. ${ENDS_SESSIONS}`,
        confirm: `Make ${action.role}`,
        color: 'indigo',
      };
    case 'disable':
      return {
        title: `Disable ${action.username}?`,
        body: `${action.username} can no longer sign in until enabled again. ${ENDS_SESSIONS}`,
        confirm: 'Disable',
        color: 'red',
      };
    case 'enable':
      return {
        title: `Enable ${action.username}?`,
        body: `${action.username} can sign in again with its password.`,
        confirm: 'Enable',
        color: 'indigo',
      };
    case 'delete':
      return {
        title: `Delete ${action.username}?`,
        body: `The user is removed for good. ${ENDS_SESSIONS}`,
        confirm: 'Delete',
        color: 'red',
      };
  }
}

type Props = { action: UserAction | null; pending: boolean; onConfirm: () => void; onClose: () => void };

export function ConfirmUserActionModal({ action, pending, onConfirm, onClose }: Props) {
  const text = action ? describe(action) : undefined;
  return (
    <Modal opened={action !== null} onClose={onClose} title={text?.title}>
      <Stack gap="sm">
        <Text size="sm">{text?.body}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Keep as is
          </Button>
          <Button color={text?.color ?? 'indigo'} loading={pending} onClick={onConfirm}>
            {text?.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
