import { useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Pencil, Play, Plus, RefreshCw, Trash2 } from 'lucide-react';
import type { QueueCommandInput } from '@dmc/shared/api';
import { findMetadata } from '@dmc/shared/metadata';
import { isApiError } from '../../../lib/api-client';
import { useQueueTreeCommand } from '../api/queue-tree-command';
import type { ExplorerRow } from '../lib/explorer-rows';
import { nodeActions } from '../lib/node-actions';
import { refUri } from '../lib/node-ref';
import { addChange, deleteChange, editChange } from '../lib/staged-change';
import { useStagedChangesStore } from '../stores/staged-changes-store';
import { useTrackedCommandsStore } from '../stores/tracked-commands-store';
import { AddInstanceModal } from './add-instance-modal';
import { EditValueForm } from './edit-value-form';
import { ActionButton } from '../../../components/ui/action-button';

/** Only the actions the node's meta-data allows; shown to users who may change things. */
export function NodeActionsBar({ devId, row }: { devId: string; row: ExplorerRow }) {
  const [isEditing, setIsEditing] = useState(false);
  const [isAdding, setIsAdding] = useState(false);
  const stage = useStagedChangesStore((s) => s.stage);
  const track = useTrackedCommandsStore((s) => s.track);
  const queue = useQueueTreeCommand(devId);
  const ref = { moid: row.moid, miid: row.miid, path: row.path };
  const clientUri = refUri(ref);
  const actions = nodeActions(findMetadata(row.moid), row.path, row.meta);

  const send = (label: string, input: QueueCommandInput) =>
    queue.mutate(input, {
      onSuccess: ({ id }) => track(devId, { id, label, clientUri }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: `${label} was not queued`,
          message: isApiError(error) ? `${error.message} (${error.code})` : String(error),
        }),
    });
  const staged = (what: string) => notifications.show({ message: `${what} staged: ${clientUri}` });

  return (
    <Stack gap="xs">
      <Group gap="xs">
        {actions.refresh && (
          <ActionButton
            size="xs"
            variant="default"
            leftSection={<RefreshCw size={14} aria-hidden />}
            loading={queue.isPending}
            onClick={() => send('Refresh', { command: ['GET', clientUri] })}
          >
            Refresh
          </ActionButton>
        )}
        {actions.edit && (
          <Button
            size="xs"
            variant={isEditing ? 'light' : 'default'}
            leftSection={<Pencil size={14} aria-hidden />}
            onClick={() => setIsEditing((v) => !v)}
          >
            Edit
          </Button>
        )}
        {actions.addInstance && (
          <Button
            size="xs"
            variant="default"
            leftSection={<Plus size={14} aria-hidden />}
            onClick={() => setIsAdding(true)}
          >
            Add instance
          </Button>
        )}
        {actions.remove && (
          <Button
            size="xs"
            variant="default"
            color="red"
            leftSection={<Trash2 size={14} aria-hidden />}
            onClick={() => {
              stage(devId, deleteChange(ref));
              staged('Delete');
            }}
          >
            Delete
          </Button>
        )}
        {actions.exec && (
          <ActionButton
            size="xs"
            variant="default"
            leftSection={<Play size={14} aria-hidden />}
            onClick={() => send('Exec', { command: ['EXEC', clientUri] })}
          >
            Exec
          </ActionButton>
        )}
      </Group>
      {isEditing && row.meta && (
        <EditValueForm
          key={row.key}
          meta={row.meta}
          value={row.node?.value ?? null}
          onStage={(value) => {
            stage(devId, editChange(ref, row.node?.value ?? null, value));
            setIsEditing(false);
            staged('Edit');
          }}
        />
      )}
      {actions.addInstance && (
        <AddInstanceModal
          opened={isAdding}
          parentLabel={row.name}
          template={actions.addInstance}
          onClose={() => setIsAdding(false)}
          onStage={(name, data) => {
            const path = row.path === '' ? name : `${row.path}/${name}`;
            stage(devId, addChange({ ...ref, path }, data));
            setIsAdding(false);
            staged('Add');
          }}
        />
      )}
    </Stack>
  );
}
