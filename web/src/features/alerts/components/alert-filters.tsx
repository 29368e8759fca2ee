import { Group, SegmentedControl, Select, Switch, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Router, Search } from 'lucide-react';
import { useState } from 'react';
import { ALERT_MARKS } from '@dmc/shared/protocol';
import type { AlertListParams } from '../../../lib/queries/alerts';
import type { AlertFeedPatch } from '../hooks/use-alert-feed-params';

const DEBOUNCE_MS = 300;

const WINDOW_OPTIONS = [
  { value: '', label: 'Any time' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
];

type AlertFiltersProps = {
  params: AlertListParams;
  onChange: (patch: AlertFeedPatch) => void;
  /** false on a device's own tab, whose device is fixed. */
  showDevice?: boolean;
};

/** The feed's filters; free-text fields are debounced before they reach the URL. */
export function AlertFilters({ params, onChange, showDevice = true }: AlertFiltersProps) {
  const [type, setType] = useState(params.type ?? '');
  const [device, setDevice] = useState(params.devId ?? '');
  const pushType = useDebouncedCallback((value: string) => onChange({ type: value.trim() }), DEBOUNCE_MS);
  const pushDevice = useDebouncedCallback((value: string) => onChange({ device: value.trim() }), DEBOUNCE_MS);

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <SegmentedControl
        aria-label="Alert status"
        value={params.status ?? 'open'}
        onChange={(value) => onChange({ status: value === 'open' ? null : value })}
        data={[
          { value: 'open', label: 'Open' },
          { value: 'acknowledged', label: 'Acknowledged' },
          { value: 'all', label: 'All' },
        ]}
      />
      <Select
        label="Mark"
        placeholder="Any mark"
        w={140}
        clearable
        data={ALERT_MARKS.map((mark) => ({ value: mark, label: mark }))}
        value={params.mark ?? null}
        onChange={(value) => onChange({ mark: value })}
      />
      <TextInput
        label="Alert type"
        placeholder="urn:…"
        leftSection={<Search size={16} aria-hidden />}
        w={200}
        value={type}
        onChange={(e) => {
          setType(e.currentTarget.value);
          pushType(e.currentTarget.value);
        }}
      />
      {showDevice && (
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
      )}
      <Select
        label="Received"
        w={150}
        data={WINDOW_OPTIONS}
        value={params.window ?? ''}
        allowDeselect={false}
        onChange={(value) => onChange({ since: value })}
      />
      <Switch
        label="Session-start alerts"
        checked={params.showSessionAlerts ?? false}
        onChange={(e) => onChange({ session: e.currentTarget.checked ? '1' : null })}
        mb={8}
      />
    </Group>
  );
}
