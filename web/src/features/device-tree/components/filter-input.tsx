import { useEffect, useRef } from 'react';
import { Kbd, TextInput } from '@mantine/core';
import { Search } from 'lucide-react';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The tree's filter; `/` anywhere on the page (outside a text field) focuses it (ux). */
export function FilterInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      e.preventDefault();
      ref.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <TextInput
      ref={ref}
      aria-label="Filter nodes"
      placeholder="Filter by name, path or value"
      leftSection={<Search size={14} aria-hidden />}
      rightSection={<Kbd size="xs">/</Kbd>}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onChange('');
      }}
      w={340}
    />
  );
}
