import { Kbd, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { Search } from 'lucide-react';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';

const SHORTCUT = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘K' : 'Ctrl K';

/** Global DevID box: Enter opens that device; Ctrl/⌘-K focuses it from anywhere. */
export function DevIdJump() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  useHotkeys([['mod+K', () => inputRef.current?.focus()]]);

  return (
    <TextInput
      ref={inputRef}
      aria-label="Go to device"
      placeholder="Go to DevID…"
      w={{ base: 150, sm: 320 }}
      leftSection={<Search size={16} aria-hidden />}
      rightSection={<Kbd size="xs">{SHORTCUT}</Kbd>}
      rightSectionWidth={56}
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onKeyDown={(e) => {
        const devId = value.trim();
        if (e.key !== 'Enter' || !devId) return;
        void navigate(`/devices/${encodeURIComponent(devId)}`);
        setValue('');
        e.currentTarget.blur();
      }}
    />
  );
}
