import { Box } from '@mantine/core';
import { StatusDot } from '../../components/ui/status-dot';
import type { ConnectionStatus } from '../../stores/connection-slice';
import { useAppStore } from '../../stores/app-store';

const VIEW: Record<ConnectionStatus, { label: string; color: string; pulse: boolean }> = {
  live: { label: 'Live', color: 'var(--mantine-color-teal-6)', pulse: false },
  reconnecting: { label: 'Reconnecting…', color: 'var(--mantine-color-yellow-6)', pulse: true },
  connecting: { label: 'Connecting…', color: 'var(--mantine-color-gray-5)', pulse: true },
  offline: { label: 'Offline', color: 'var(--mantine-color-red-6)', pulse: false },
  idle: { label: 'Offline', color: 'var(--mantine-color-gray-5)', pulse: false },
};

/** Live-update state in colour and in words, announced politely when it changes. */
export function ConnectionIndicator() {
  const status = useAppStore((s) => s.connection);
  const view = VIEW[status];
  return (
    <Box
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-state={status}
      px="sm"
      py={4}
      bd="1px solid var(--mantine-color-default-border)"
      style={{ borderRadius: 'var(--mantine-radius-xl)' }}
      {...(status === 'reconnecting' ? { c: 'yellow.7' } : {})}
    >
      <StatusDot color={view.color} label={view.label} pulse={view.pulse} />
    </Box>
  );
}
