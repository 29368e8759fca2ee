import { Badge, Group, Stack, Text, TextInput } from '@mantine/core';
import { Plus, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { Device } from '@dmc/shared/api';
import { useChangeDeviceLabels } from '../api/change-labels';
import { labelProblem } from '../lib/label-input';
import { ActionButton, ActionIconButton } from '../../../components/ui/action-button';
import { fieldErrorsOf } from '../../../lib/field-errors';

/** A refused change in words: the label's problem when the API names one, else its message. */
const problemOf = (error: Error) =>
  fieldErrorsOf(error, { add: 'Label', remove: 'Label' })[0]?.text ?? error.message;

/** The device's labels as chips that can be removed, and a field to add one (operators and admins). */
export function LabelEditor({ device }: { device: Device }) {
  const change = useChangeDeviceLabels(device.devId);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const label = draft.trim();
    const found = labelProblem(label, device.labels);
    setProblem(found);
    if (found) return;
    change.mutate(
      { add: [label] },
      { onSuccess: () => setDraft(''), onError: (error) => setProblem(problemOf(error)) },
    );
  };
  const remove = (label: string) =>
    change.mutate({ remove: [label] }, { onError: (error) => setProblem(problemOf(error)) });

  return (
    <Stack gap={6} data-testid="label-editor">
      <Group gap={4} aria-label="Labels" role="list">
        {device.labels.length === 0 && (
          <Text component="span" size="sm" c="dimmed">
            No labels
          </Text>
        )}
        {device.labels.map((label) => (
          <Badge
            key={label}
            role="listitem"
            variant="light"
            color="gray"
            size="md"
            radius="sm"
            tt="none"
            fw={500}
            rightSection={
              <ActionIconButton
                size="xs"
                variant="transparent"
                color="gray"
                aria-label={`Remove label ${label}`}
                disabled={change.isPending}
                onClick={() => remove(label)}
              >
                <X size={12} aria-hidden />
              </ActionIconButton>
            }
          >
            {label}
          </Badge>
        ))}
      </Group>
      <form onSubmit={add} noValidate>
        <Group gap={6} align="flex-start" wrap="nowrap">
          <TextInput
            size="xs"
            w={200}
            aria-label="New label"
            placeholder="Add a label"
            value={draft}
            error={problem}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              setProblem(null);
            }}
          />
          <ActionButton
            type="submit"
            size="xs"
            variant="default"
            leftSection={<Plus size={14} aria-hidden />}
            loading={change.isPending}
          >
            Add
          </ActionButton>
        </Group>
      </form>
    </Stack>
  );
}
