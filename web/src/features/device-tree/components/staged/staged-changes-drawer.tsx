import { useState } from 'react';
import { Button, Drawer, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../../lib/api-client';
import { commandKeys } from '../../../../lib/queries/commands';
import { dryRunQueryOptions } from '../../../../lib/queries/device-tree';
import { queueTreeCommand } from '../../api/queue-tree-command';
import { useStagedChanges, useStagedChangesStore } from '../../stores/staged-changes-store';
import { useTrackedCommandsStore } from '../../stores/tracked-commands-store';
import { StagedChangeItem } from './staged-change-item';
import { ActionButton } from '../../../../components/ui/action-button';

type StagedChangesDrawerProps = { devId: string; opened: boolean; onClose: () => void };

const LABEL = { edit: 'Write', add: 'Add', delete: 'Delete' } as const;

/** The staged changes of one device; commit queues them in order once every dry run passes. */
export function StagedChangesDrawer({ devId, opened, onClose }: StagedChangesDrawerProps) {
  const changes = useStagedChanges(devId);
  const { unstage, clear } = useStagedChangesStore();
  const track = useTrackedCommandsStore((s) => s.track);
  const queryClient = useQueryClient();
  const [isCommitting, setIsCommitting] = useState(false);
  // Same cache entries as the items' own checks: nothing is fetched twice.
  const allValid = useQueries({
    queries: changes.map((c) => dryRunQueryOptions(devId, c.input)),
    combine: (results) => results.length > 0 && results.every((r) => r.data?.ok === true),
  });

  const commit = async () => {
    setIsCommitting(true);
    let queued = 0;
    try {
      // In order: a later change may depend on an earlier one (add, then write into it).
      for (const change of changes) {
        const { id } = await queueTreeCommand(devId, change.input);
        track(devId, { id, label: LABEL[change.kind], clientUri: change.clientUri });
        unstage(devId, change.id);
        queued += 1;
      }
      clear(devId);
      notifications.show({ color: 'green', message: `Queued ${queued} command${queued === 1 ? '' : 's'}.` });
      onClose();
    } catch (error) {
      notifications.show({
        color: 'red',
        title: `Queued ${queued} of ${changes.length}; the rest stay staged`,
        message: isApiError(error) ? `${error.message} (${error.code})` : String(error),
      });
    } finally {
      if (queued > 0) void queryClient.invalidateQueries({ queryKey: commandKeys.device(devId) });
      setIsCommitting(false);
    }
  };

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title="Staged changes">
      <Stack gap="sm">
        {changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing staged. Edit a writable leaf, add or delete an instance, or stage changes from the JSON
            view.
          </Text>
        ) : (
          changes.map((c) => (
            <StagedChangeItem key={c.id} devId={devId} change={c} onRemove={() => unstage(devId, c.id)} />
          ))
        )}
        <Group justify="space-between" mt="sm">
          <Button
            variant="default"
            disabled={changes.length === 0 || isCommitting}
            onClick={() => clear(devId)}
          >
            Discard all
          </Button>
          <ActionButton disabled={!allValid} loading={isCommitting} onClick={() => void commit()}>
            Commit {changes.length > 0 ? changes.length : ''} change{changes.length === 1 ? '' : 's'}
          </ActionButton>
        </Group>
        {changes.length > 0 && !allValid && (
          <Text size="xs" c="dimmed">
            Commit is possible once every change passes its check.
          </Text>
        )}
      </Stack>
    </Drawer>
  );
}
