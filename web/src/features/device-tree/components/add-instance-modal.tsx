import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { MoData } from '@dmc/shared/protocol';
import type { InstanceTemplate } from '../lib/node-actions';

type AddInstanceModalProps = {
  opened: boolean;
  parentLabel: string;
  template: InstanceTemplate;
  onClose: () => void;
  onStage: (name: string, data: MoData) => void;
};

/** Name and first values of a new `<x>` node; staged as one HGET that creates it with its leaves. */
export function AddInstanceModal({ opened, parentLabel, template, onClose, onStage }: AddInstanceModalProps) {
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const isValidName = /^[^/*?()#\s]+$/.test(name);
  return (
    <Modal opened={opened} onClose={onClose} title={`Add an instance under ${parentLabel}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!isValidName) return;
          const leaves = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
          onStage(name, { [name]: leaves });
          setName('');
          setValues({});
        }}
      >
        <Stack gap="sm">
          {template.meta.Description && (
            <Text size="sm" c="dimmed">
              {template.meta.Description}
            </Text>
          )}
          <TextInput
            label="Node name"
            required
            ff="monospace"
            value={name}
            error={
              name !== '' && !isValidName
                ? 'A node name has no "/", "*", "?", "(", ")", "#" or spaces'
                : undefined
            }
            onChange={(e) => setName(e.currentTarget.value)}
          />
          {template.leaves.map((leaf) => (
            <TextInput
              key={leaf.name}
              label={leaf.name}
              description={leaf.meta.Description}
              ff="monospace"
              value={values[leaf.name] ?? ''}
              onChange={(e) => {
                const next = e.currentTarget.value;
                setValues((v) => ({ ...v, [leaf.name]: next }));
              }}
            />
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!isValidName}>
              Stage add
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
