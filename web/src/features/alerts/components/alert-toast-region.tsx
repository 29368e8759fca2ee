import { ActionIcon, Anchor, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { BellOff, Bell, X } from 'lucide-react';
import { Link } from 'react-router';
import { useNow } from '../../../hooks/use-now';
import { useCriticalAlertToasts } from '../hooks/use-critical-alert-toasts';
import { toastTitle } from '../lib/toast-batcher';
import { isMuted, useAlertToastStore } from '../stores/alert-toast-store';

const HOUR_MS = 3_600_000;

function MutedNote() {
  const { mutedUntil, mute } = useAlertToastStore();
  const now = useNow();
  if (!isMuted(mutedUntil, now)) return null;
  const until =
    typeof mutedUntil === 'number'
      ? `until ${new Date(mutedUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
      : 'until turned back on';
  return (
    <Group gap={6} wrap="nowrap" px="xs" data-testid="alert-toasts-muted">
      <BellOff size={14} aria-hidden />
      <Text size="xs" c="dimmed" style={{ flex: 1 }}>
        Alert toasts muted {until}
      </Text>
      <Button size="compact-xs" variant="subtle" onClick={() => mute(null)}>
        Unmute
      </Button>
    </Group>
  );
}

/**
 * Where critical alert toasts appear: a region of its own at the foot of the navigation, in the
 * page's flow, so a toast never covers a control of the page (ux.md, Explaining a device).
 */
export function AlertToastRegion() {
  const { group, dismiss } = useCriticalAlertToasts();
  const mute = useAlertToastStore((s) => s.mute);
  return (
    <Stack gap="xs" p="sm" mt="auto" role="region" aria-label="Alert notifications">
      <div role="status" aria-live="polite">
        {group && (
          <Paper
            withBorder
            radius="md"
            p="sm"
            shadow="sm"
            data-testid="alert-toast"
            style={{ borderLeft: '4px solid var(--mantine-color-red-6)' }}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
              <Text size="sm" fw={600} c="red">
                {toastTitle(group)}
              </Text>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="gray"
                aria-label="Dismiss alert toast"
                onClick={dismiss}
              >
                <X size={14} aria-hidden />
              </ActionIcon>
            </Group>
            {group.deviceCount > 1 && (
              <Text size="xs" c="dimmed" ff="monospace" lineClamp={2}>
                {group.devices.join(', ')}
                {group.deviceCount > group.devices.length ? ', …' : ''}
              </Text>
            )}
            <Group justify="space-between" mt={6} wrap="nowrap">
              <Anchor component={Link} to="/alerts?mark=critical" size="xs" onClick={dismiss}>
                View alerts
              </Anchor>
              <Menu position="top-end" withinPortal>
                <Menu.Target>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    leftSection={<BellOff size={12} aria-hidden />}
                  >
                    Mute alert toasts
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<Bell size={14} aria-hidden />}
                    onClick={() => mute(Date.now() + HOUR_MS)}
                  >
                    For 1 hour
                  </Menu.Item>
                  <Menu.Item leftSection={<BellOff size={14} aria-hidden />} onClick={() => mute('always')}>
                    Until I turn them back on
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Paper>
        )}
      </div>
      <MutedNote />
    </Stack>
  );
}
