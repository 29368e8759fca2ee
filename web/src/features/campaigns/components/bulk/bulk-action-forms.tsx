import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CampaignAction } from '@dmc/shared/api';
import { buildQueueInput } from '../../../commands/lib/build-queue-input';
import { EMPTY_DRAFT, type ComposerDraft } from '../../../commands/lib/composer-draft';
import { parseLabels } from '../../lib/bulk';
import { ArtifactFields } from '../form/artifact-fields';
import { CommandFields } from '../form/command-fields';
import { ActionButton } from '../../../../components/ui/action-button';

export type BulkFormProps = {
  /** "12 devices", "all 4,000 devices that match". */
  what: string;
  pending: boolean;
  onSubmit: (action: CampaignAction) => void;
  onCancel: () => void;
};

function Actions({
  label,
  pending,
  onCancel,
  disabled = false,
}: {
  label: string;
  pending: boolean;
  onCancel: () => void;
  disabled?: boolean;
}) {
  return (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <ActionButton type="submit" loading={pending} disabled={disabled}>
        {label}
      </ActionButton>
    </Group>
  );
}

export function BulkCommandForm({ what, pending, onSubmit, onCancel }: BulkFormProps) {
  const [draft, setDraft] = useState<ComposerDraft>(EMPTY_DRAFT);
  const [showErrors, setShowErrors] = useState(false);
  return (
    <form
      aria-label="Queue a command"
      onSubmit={(e) => {
        e.preventDefault();
        setShowErrors(true);
        const built = buildQueueInput(draft);
        if (built.ok) onSubmit({ kind: 'command', ...built.input });
      }}
    >
      <Stack gap="sm">
        <CommandFields
          draft={draft}
          onChange={(p) => setDraft((d) => ({ ...d, ...p }))}
          showErrors={showErrors}
        />
        <Actions label={`Queue on ${what}`} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function BulkFirmwareForm({ what, pending, onSubmit, onCancel }: BulkFormProps) {
  const [artifactId, setArtifactId] = useState('');
  const [consent, setConsent] = useState(false);
  return (
    <form
      aria-label="Start a firmware update"
      onSubmit={(e) => {
        e.preventDefault();
        if (artifactId)
          onSubmit({ kind: 'firmware-update', artifactId, ...(consent ? { consent: true } : {}) });
      }}
    >
      <Stack gap="sm">
        <ArtifactFields
          kind="firmware-update"
          artifactId={artifactId}
          consent={consent}
          onChange={(p) => {
            if (p.artifactId !== undefined) setArtifactId(p.artifactId);
            if (p.consent !== undefined) setConsent(p.consent);
          }}
        />
        <Actions
          label={`Update ${what}`}
          pending={pending}
          onCancel={onCancel}
          disabled={artifactId === ''}
        />
      </Stack>
    </form>
  );
}

export function BulkWakeForm({ what, pending, onSubmit, onCancel }: BulkFormProps) {
  return (
    <form
      aria-label="Wake now"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ kind: 'wake' });
      }}
    >
      <Stack gap="sm">
        <Text size="sm">Each device gets a wake-up (P0) now and opens a session with the server.</Text>
        <Actions label={`Wake ${what}`} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function BulkLabelsForm({ what, pending, onSubmit, onCancel }: BulkFormProps) {
  const [add, setAdd] = useState('');
  const [remove, setRemove] = useState('');
  const [error, setError] = useState<{ field: 'add' | 'remove'; message: string } | null>(null);
  return (
    <form
      aria-label="Change labels"
      onSubmit={(e) => {
        e.preventDefault();
        const added = parseLabels(add);
        if (!added.ok) return setError({ field: 'add', message: added.message });
        const removed = parseLabels(remove);
        if (!removed.ok) return setError({ field: 'remove', message: removed.message });
        if (added.labels.length + removed.labels.length === 0) {
          return setError({ field: 'add', message: 'Add or remove at least one label.' });
        }
        setError(null);
        onSubmit({ kind: 'labels', add: added.labels, remove: removed.labels });
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Add labels"
          description="Separated by commas or spaces"
          placeholder="floor-3, pilot"
          value={add}
          onChange={(e) => setAdd(e.currentTarget.value)}
          error={error?.field === 'add' ? error.message : undefined}
        />
        <TextInput
          label="Remove labels"
          value={remove}
          onChange={(e) => setRemove(e.currentTarget.value)}
          error={error?.field === 'remove' ? error.message : undefined}
        />
        <Actions label={`Change labels of ${what}`} pending={pending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
