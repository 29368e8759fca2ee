import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Router, UserRound } from 'lucide-react';
import { useState } from 'react';
import { COMMAND_STATES } from '@dmc/shared/api';
import { COMMAND_NAMES } from '@dmc/shared/protocol';
import type { CommandListParams } from '../../../lib/queries/commands';
import type { CommandListPatch } from '../hooks/use-command-list-params';

const DEBOUNCE_MS = 300;

type CommandFiltersProps = { params: CommandListParams; onChange: (patch: CommandListPatch) => void };

/** The Commands screen's filters; free-text fields are debounced before they reach the URL. */
export function CommandFilters({ params, onChange }: CommandFiltersProps) {
  const [device, setDevice] = useState(params.devId);
  const [by, setBy] = useState(params.createdBy);
  const pushDevice = useDebouncedCallback((value: string) => onChange({ device: value.trim() }), DEBOUNCE_MS);
  const pushBy = useDebouncedCallback((value: string) => onChange({ by: value.trim() }), DEBOUNCE_MS);

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <Select
        label="State"
        placeholder="Any state"
        w={150}
        clearable
        data={COMMAND_STATES.map((state) => ({ value: state, label: state }))}
        value={params.state}
        onChange={(value) => onChange({ state: value })}
      />
      <Select
        label="Command"
        placeholder="Any command"
        w={150}
        clearable
        data={COMMAND_NAMES.map((name) => ({ value: name, label: name }))}
        value={params.command}
        onChange={(value) => onChange({ command: value })}
      />
      <TextInput
        label="Device"
        placeholder="DevID"
        leftSection={<Router size={16} aria-hidden />}
        w={190}
        value={device}
        onChange={(e) => {
          setDevice(e.currentTarget.value);
          pushDevice(e.currentTarget.value);
        }}
      />
      <TextInput
        label="Queued by"
        placeholder="Username"
        leftSection={<UserRound size={16} aria-hidden />}
        w={170}
        value={by}
        onChange={(e) => {
          setBy(e.currentTarget.value);
          pushBy(e.currentTarget.value);
        }}
      />
      {params.campaignId && (
        <Button
          variant="light"
          size="sm"
          onClick={() => onChange({ campaign: null })}
          aria-label="Show commands of every campaign"
        >
          Campaign {params.campaignId.slice(0, 8)} ✕
        </Button>
      )}
    </Group>
  );
}
