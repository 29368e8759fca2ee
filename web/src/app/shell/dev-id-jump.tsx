import { Combobox, Group, Kbd, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { deviceSuggestionsQueryOptions } from '../../lib/queries/devices';

const SHORTCUT = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘K' : 'Ctrl K';
/** Typing pauses this long before the list asks the server. */
export const SUGGEST_DEBOUNCE_MS = 200;

/**
 * Global DevID box: suggests matching devices as you type (arrow keys choose, Enter opens); Enter
 * on what was typed opens that DevID; Ctrl/⌘-K focuses it from anywhere.
 */
export function DevIdJump() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [text] = useDebouncedValue(value.trim(), SUGGEST_DEBOUNCE_MS);
  const inputRef = useRef<HTMLInputElement>(null);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  useHotkeys([['mod+K', () => inputRef.current?.focus()]]);
  const suggestions = useQuery(deviceSuggestionsQueryOptions(text));
  const items = text === '' ? [] : (suggestions.data?.items ?? []);

  const open = (devId: string) => {
    void navigate(`/devices/${encodeURIComponent(devId)}`);
    setValue('');
    combobox.closeDropdown();
    inputRef.current?.blur();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={open} position="bottom-start" withinPortal>
      <Combobox.Target withExpandedAttribute>
        <TextInput
          ref={inputRef}
          aria-label="Go to device"
          placeholder="Go to DevID…"
          w={{ base: 150, sm: 320 }}
          leftSection={<Search size={16} aria-hidden />}
          rightSection={<Kbd size="xs">{SHORTCUT}</Kbd>}
          rightSectionWidth={56}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            const devId = value.trim();
            // An option chosen with the arrow keys is opened by the combobox itself.
            if (e.key !== 'Enter' || !devId || combobox.getSelectedOptionIndex() !== -1) return;
            e.preventDefault();
            open(devId);
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={items.length === 0}>
        <Combobox.Options aria-label="Matching devices">
          {items.map((device) => (
            <Combobox.Option value={device.devId} key={device.devId} aria-label={device.devId}>
              <Group gap="sm" wrap="nowrap" justify="space-between">
                <Text size="sm" ff="monospace" truncate>
                  {device.devId}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {[device.devInfo.Mod, device.devInfo.FwV].filter(Boolean).join(' · ')}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
