import { CloseButton, Group, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Search, Tag } from 'lucide-react';
import { useState } from 'react';
import type { DeviceListParams } from '../api/device-keys';

const DEBOUNCE_MS = 300;

type DeviceFiltersProps = {
  params: DeviceListParams;
  onChange: (patch: Partial<DeviceListParams>) => void;
};

/** Free-text search and label filter; typing is debounced before it reaches the URL and the server. */
export function DeviceFilters({ params, onChange }: DeviceFiltersProps) {
  const [q, setQ] = useState(params.q);
  const [label, setLabel] = useState(params.label);
  const pushQ = useDebouncedCallback((value: string) => onChange({ q: value.trim() }), DEBOUNCE_MS);
  const pushLabel = useDebouncedCallback((value: string) => onChange({ label: value.trim() }), DEBOUNCE_MS);

  return (
    <Group gap="sm" align="flex-end">
      <TextInput
        label="Search"
        placeholder="DevID, model, manufacturer, firmware…"
        leftSection={<Search size={16} aria-hidden />}
        w={340}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          pushQ(e.currentTarget.value);
        }}
        rightSection={
          q ? (
            <CloseButton
              aria-label="Clear search"
              size="sm"
              onClick={() => {
                setQ('');
                onChange({ q: '' });
              }}
            />
          ) : null
        }
      />
      <TextInput
        label="Label"
        placeholder="e.g. fleet:berlin"
        leftSection={<Tag size={16} aria-hidden />}
        w={220}
        value={label}
        onChange={(e) => {
          setLabel(e.currentTarget.value);
          pushLabel(e.currentTarget.value);
        }}
      />
    </Group>
  );
}
