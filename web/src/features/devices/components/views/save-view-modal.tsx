import { Button, Code, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { CreateViewInput } from '@dmc/shared/api';
import { ErrorState } from '../../../../components/ui/error-state';
import { useSaveView } from '../../api/view-mutations';

type Props = {
  opened: boolean;
  onClose: () => void;
  /** The Devices page's current state: what the view will hold. */
  current: Omit<CreateViewInput, 'name'>;
};

/** "Save view…": names the current query, sort and columns for the whole team. */
export function SaveViewModal({ opened, onClose, current }: Props) {
  const save = useSaveView();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const trimmed = name.trim();
  const problem =
    trimmed === '' ? 'Give the view a name.' : trimmed.length > 80 ? 'At most 80 characters.' : undefined;
  const close = () => {
    setName('');
    setTouched(false);
    save.reset();
    onClose();
  };
  const submit = () => {
    setTouched(true);
    if (problem !== undefined) return;
    save.mutate(
      { ...current, name: trimmed },
      {
        onSuccess: (view) => {
          notifications.show({ color: 'teal', title: 'View saved', message: view.name });
          close();
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title="Save view">
      <form
        aria-label="Save view"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="View name"
            placeholder="Sim-1 on old firmware"
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.currentTarget.value)}
            error={touched ? problem : undefined}
            data-autofocus
          />
          <Text size="sm">
            Saves the fleet query{' '}
            <Code data-testid="save-view-query">
              {current.query === '' ? '(every device)' : current.query}
            </Code>
            , the sort and the columns shown. Everyone on the team sees saved views.
          </Text>
          {save.error && <ErrorState error={save.error} title="Could not save the view" />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
