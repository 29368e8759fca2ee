import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Search } from 'lucide-react';
import { useState } from 'react';

const DEBOUNCE_MS = 300;

type DeviceSearchProps = {
  value: string;
  onChange: (q: string) => void;
};

/** Free-text search over DevID, model, manufacturer and firmware; debounced before it reaches the URL. */
export function DeviceSearch({ value, onChange }: DeviceSearchProps) {
  const [q, setQ] = useState(value);
  const push = useDebouncedCallback((next: string) => onChange(next.trim()), DEBOUNCE_MS);

  return (
    <TextInput
      label="Search"
      placeholder="DevID, model, manufacturer, firmware…"
      leftSection={<Search size={16} aria-hidden />}
      w={{ base: '100%', xs: 280 }}
      value={q}
      onChange={(e) => {
        setQ(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
      rightSection={
        q ? (
          <CloseButton
            aria-label="Clear search"
            size="sm"
            onClick={() => {
              setQ('');
              onChange('');
            }}
          />
        ) : null
      }
    />
  );
}
