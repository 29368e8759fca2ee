import { useState } from 'react';
import { Button, Group, SegmentedControl, TextInput } from '@mantine/core';
import type { NodeMeta } from '@dmc/shared/metadata';
import { checkValueFormat } from '@dmc/shared/validation';

type EditValueFormProps = { meta: NodeMeta; value: string | null; onStage: (value: string) => void };

/** A new value for a writable leaf, checked against its format as it is typed (the dry run checks again). */
export function EditValueForm({ meta, value, onStage }: EditValueFormProps) {
  const [draft, setDraft] = useState(value ?? '');
  const fault = draft === '' ? undefined : checkValueFormat(meta.Format, draft);
  const isUnchanged = draft === (value ?? '');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!fault && !isUnchanged) onStage(draft);
      }}
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        {meta.Format === 'bool' ? (
          <SegmentedControl
            aria-label="New value"
            data={['true', 'false']}
            value={draft === 'true' || draft === 'false' ? draft : ''}
            onChange={setDraft}
          />
        ) : (
          <TextInput
            label="New value"
            size="xs"
            ff="monospace"
            value={draft}
            error={fault}
            onChange={(e) => setDraft(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
        )}
        <Button type="submit" size="xs" disabled={Boolean(fault) || isUnchanged}>
          Stage edit
        </Button>
      </Group>
    </form>
  );
}
