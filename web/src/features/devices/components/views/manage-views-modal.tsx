import { ActionIcon, Button, Code, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { SavedView } from '@dmc/shared/api';
import { ErrorState } from '../../../../components/ui/error-state';
import { meQueryOptions } from '../../../../lib/queries/auth';
import { useDeleteView, useUpdateView } from '../../api/view-mutations';

type Props = { opened: boolean; onClose: () => void; views: readonly SavedView[] };

type Editing = { id: string; mode: 'rename'; name: string } | { id: string; mode: 'delete' } | null;

/** Rename or delete saved views: each by its creator or an admin (the API refuses anyone else). */
export function ManageViewsModal({ opened, onClose, views }: Props) {
  const { data: me } = useQuery(meQueryOptions());
  const rename = useUpdateView();
  const remove = useDeleteView();
  const [editing, setEditing] = useState<Editing>(null);
  const mayChange = (view: SavedView) =>
    me !== undefined && (me.role === 'admin' || me.username === view.createdBy);
  const error = rename.error ?? remove.error;
  const close = () => {
    setEditing(null);
    rename.reset();
    remove.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Saved views" size="lg">
      <Stack gap="sm">
        {views.length === 0 && <Text size="sm">No saved views.</Text>}
        {views.map((view) => (
          <Stack key={view.id} gap={4} role="group" aria-label={`View ${view.name}`}>
            {editing?.id === view.id && editing.mode === 'rename' ? (
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  rename.mutate(
                    { id: view.id, name: editing.name.trim() },
                    { onSuccess: () => setEditing(null) },
                  );
                }}
              >
                <Group gap="xs" align="flex-end">
                  <TextInput
                    label={`New name for ${view.name}`}
                    value={editing.name}
                    onChange={(e) => setEditing({ ...editing, name: e.currentTarget.value })}
                    style={{ flex: 1 }}
                    data-autofocus
                  />
                  <Button type="submit" loading={rename.isPending} disabled={editing.name.trim() === ''}>
                    Rename
                  </Button>
                  <Button variant="default" onClick={() => setEditing(null)}>
                    Cancel
                  </Button>
                </Group>
              </form>
            ) : (
              <Group justify="space-between" wrap="nowrap">
                <Text fw={500}>{view.name}</Text>
                {mayChange(view) && (
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Rename view ${view.name}`}
                      onClick={() => setEditing({ id: view.id, mode: 'rename', name: view.name })}
                    >
                      <Pencil size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Delete view ${view.name}`}
                      onClick={() => setEditing({ id: view.id, mode: 'delete' })}
                    >
                      <Trash2 size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            )}
            <Text size="xs" c="dimmed">
              <Code fz="xs">{view.query === '' ? '(every device)' : view.query}</Code> · saved by{' '}
              {view.createdBy}
            </Text>
            {editing?.id === view.id && editing.mode === 'delete' && (
              <Group gap="xs">
                <Text size="sm">
                  Delete “{view.name}” for everyone? Campaigns made from it keep their query.
                </Text>
                <Button
                  color="red"
                  size="xs"
                  loading={remove.isPending}
                  onClick={() => remove.mutate(view.id, { onSuccess: () => setEditing(null) })}
                >
                  Delete
                </Button>
                <Button variant="default" size="xs" onClick={() => setEditing(null)}>
                  Keep
                </Button>
              </Group>
            )}
          </Stack>
        ))}
        {error && <ErrorState error={error} title="Could not change the view" />}
      </Stack>
    </Modal>
  );
}
