import { ActionIcon } from '@mantine/core';
import { Moon, Sun } from 'lucide-react';
import { useAppStore } from '../../stores/app-store';

export function ThemeToggle() {
  const colorScheme = useAppStore((s) => s.colorScheme);
  const toggle = useAppStore((s) => s.toggleColorScheme);
  const next = colorScheme === 'dark' ? 'light' : 'dark';
  return (
    <ActionIcon
      variant="default"
      size="lg"
      aria-label="Toggle theme"
      title={`Switch to ${next} theme`}
      onClick={toggle}
    >
      {colorScheme === 'dark' ? <Sun size={18} aria-hidden /> : <Moon size={18} aria-hidden />}
    </ActionIcon>
  );
}
