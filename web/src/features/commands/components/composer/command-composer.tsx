import {
  Autocomplete,
  Button,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { deviceTreeQueryOptions } from '../../../../lib/queries/device-tree';
import { useDryRunCommand } from '../../api/dry-run-command';
import { useQueueCommand } from '../../api/queue-command';
import { buildQueueInput, type DraftField } from '../../lib/build-queue-input';
import { clientUriOptions, reportedMoids } from '../../lib/client-uri-options';
import {
  COMPOSER_KIND_LABELS,
  COMPOSER_KINDS,
  EMPTY_DRAFT,
  needsClientUri,
  type ComposerDraft,
} from '../../lib/composer-draft';
import { DefaultFields, ServerUriField, ShowFields, WriteFields } from './composer-fields';
import { DryRunResultView, type DryRunOutcome } from './dry-run-result';
import { ActionButton } from '../../../../components/ui/action-button';

/** A dry run, remembered for the exact body it checked. */
type Checked = { body: string; outcome: DryRunOutcome };

function needsConfirmation(outcome: DryRunOutcome): boolean {
  return 'error' in outcome || !outcome.result.ok;
}

/**
 * Composes any operator command with typed inputs, checks it with a dry run before queueing, and
 * queues a command the dry run refused only on a second, explicit "Queue anyway".
 */
export function CommandComposer({ devId }: { devId: string }) {
  const [draft, setDraft] = useState<ComposerDraft>(EMPTY_DRAFT);
  const [showErrors, setShowErrors] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const tree = useQuery(deviceTreeQueryOptions(devId));
  const dryRun = useDryRunCommand(devId);
  const queue = useQueueCommand(devId);

  const built = buildQueueInput(draft);
  const body = built.ok ? JSON.stringify(built.input) : '';
  const current = checked?.body === body ? checked.outcome : null;
  const mustConfirm = current !== null && needsConfirmation(current);
  const errorOf = (field: DraftField) =>
    showErrors && !built.ok && built.field === field ? built.message : undefined;
  const change = (patch: Partial<ComposerDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function check(): Promise<DryRunOutcome | null> {
    setShowErrors(true);
    if (!built.ok) return null;
    let outcome: DryRunOutcome;
    try {
      outcome = { result: await dryRun.mutateAsync(built.input) };
    } catch (error) {
      outcome = { error };
    }
    setChecked({ body, outcome });
    return outcome;
  }

  async function submit(): Promise<void> {
    if (!built.ok) {
      setShowErrors(true);
      return;
    }
    if (!mustConfirm) {
      const outcome = await check();
      if (!outcome || needsConfirmation(outcome)) return;
    }
    try {
      const queued = await queue.mutateAsync(built.input);
      notifications.show({ color: 'teal', title: 'Queued', message: `${draft.kind} is ${queued.state}.` });
      setChecked(null);
      setShowErrors(false);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Could not queue the command',
        message: error instanceof Error ? error.message : 'The server refused it.',
      });
    }
  }

  const options = clientUriOptions(tree.data, draft.kind);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Command composer">
      <Stack gap="sm">
        <Title order={3} fz="md" fw={600}>
          New command
        </Title>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NativeSelect
              label="Command"
              value={draft.kind}
              onChange={(e) => {
                const kind = COMPOSER_KINDS.find((k) => k === e.currentTarget.value);
                if (kind) change({ kind });
              }}
              data={COMPOSER_KINDS.map((k) => ({ value: k, label: COMPOSER_KIND_LABELS[k] }))}
            />
          </Grid.Col>
          {needsClientUri(draft.kind) && (
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Autocomplete
                label="ClientURI"
                placeholder="urn:oma:mo:oma-dm-devinfo:1.0//FwV"
                data={options}
                limit={50}
                maxDropdownHeight={280}
                value={draft.clientUri}
                onChange={(clientUri) => change({ clientUri })}
                error={errorOf('clientUri')}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            </Grid.Col>
          )}
        </Grid>
        {draft.kind === 'HGET' && <WriteFields draft={draft} onChange={change} errorOf={errorOf} />}
        {(draft.kind === 'HPUT' || draft.kind === 'HPOST' || draft.kind === 'SUB') && (
          <ServerUriField draft={draft} onChange={change} errorOf={errorOf} />
        )}
        {draft.kind === 'SHOW' && <ShowFields draft={draft} onChange={change} errorOf={errorOf} />}
        {draft.kind === 'DEFAULT' && (
          <DefaultFields draft={draft} onChange={change} errorOf={errorOf} moids={reportedMoids(tree.data)} />
        )}
        <Group align="flex-end" justify="space-between" gap="sm">
          <TextInput
            label="Time to live (minutes)"
            placeholder="server default"
            w={200}
            inputMode="decimal"
            value={draft.ttlMin}
            onChange={(e) => change({ ttlMin: e.currentTarget.value })}
            error={errorOf('ttlMin')}
          />
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => void check()}
              loading={dryRun.isPending && !queue.isPending}
            >
              Dry run
            </Button>
            <ActionButton
              color={mustConfirm ? 'red' : 'indigo'}
              onClick={() => void submit()}
              loading={queue.isPending}
            >
              {mustConfirm ? 'Queue anyway' : 'Queue'}
            </ActionButton>
          </Group>
        </Group>
        {current && <DryRunResultView outcome={current} />}
        {mustConfirm && (
          <Text size="xs" c="dimmed">
            The dry run found problems. Change the command, or press “Queue anyway” to send it as it is.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
