import { Grid, NativeSelect, Stack, TextInput } from '@mantine/core';
import { buildQueueInput, type DraftField } from '../../../commands/lib/build-queue-input';
import {
  COMPOSER_KIND_LABELS,
  COMPOSER_KINDS,
  needsClientUri,
  type ComposerDraft,
} from '../../../commands/lib/composer-draft';
import {
  DefaultFields,
  ServerUriField,
  ShowFields,
  WriteFields,
} from '../../../commands/components/composer/composer-fields';

type Props = {
  draft: ComposerDraft;
  onChange: (patch: Partial<ComposerDraft>) => void;
  showErrors: boolean;
};

/**
 * The command composer's inputs for many devices at once: the same kinds and fields as on a device
 * page, built by the same builder, without one device's tree to complete ClientURIs from.
 */
export function CommandFields({ draft, onChange, showErrors }: Props) {
  const built = buildQueueInput(draft);
  const errorOf = (field: DraftField) =>
    showErrors && !built.ok && built.field === field ? built.message : undefined;
  return (
    <Stack gap="sm">
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <NativeSelect
            label="Command"
            value={draft.kind}
            onChange={(e) => {
              const kind = COMPOSER_KINDS.find((k) => k === e.currentTarget.value);
              if (kind) onChange({ kind });
            }}
            data={COMPOSER_KINDS.map((k) => ({ value: k, label: COMPOSER_KIND_LABELS[k] }))}
          />
        </Grid.Col>
        {needsClientUri(draft.kind) && (
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="ClientURI"
              placeholder="urn:oma:mo:oma-dm-devinfo:1.0//FwV"
              value={draft.clientUri}
              onChange={(e) => onChange({ clientUri: e.currentTarget.value })}
              error={errorOf('clientUri')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Grid.Col>
        )}
      </Grid>
      {draft.kind === 'HGET' && <WriteFields draft={draft} onChange={onChange} errorOf={errorOf} />}
      {(draft.kind === 'HPUT' || draft.kind === 'HPOST' || draft.kind === 'SUB') && (
        <ServerUriField draft={draft} onChange={onChange} errorOf={errorOf} />
      )}
      {draft.kind === 'SHOW' && <ShowFields draft={draft} onChange={onChange} errorOf={errorOf} />}
      {draft.kind === 'DEFAULT' && (
        <DefaultFields draft={draft} onChange={onChange} errorOf={errorOf} moids={[]} />
      )}
      <TextInput
        label="Time to live (minutes)"
        placeholder="server default"
        w={200}
        inputMode="decimal"
        value={draft.ttlMin}
        onChange={(e) => onChange({ ttlMin: e.currentTarget.value })}
        error={errorOf('ttlMin')}
      />
    </Stack>
  );
}
