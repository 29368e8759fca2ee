import { Anchor, Breadcrumbs, Stack, Tabs, Text } from '@mantine/core';
import {
  Bell,
  History,
  Layers,
  ListTree,
  MessagesSquare,
  PackageCheck,
  ShieldCheck,
  Terminal,
} from 'lucide-react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { PanelErrorBoundary } from '../../components/ui/panel-error-boundary';
import { useDeviceWatch } from '../../hooks/use-device-watch';
import { deviceQueryOptions } from '../../lib/queries/devices';
import { DeviceAlertsTab } from '../../features/alerts/components/device-alerts-tab';
import { DeviceCampaignsTab } from '../../features/campaigns/components/device-campaigns-tab';
import { DeviceCommandsTab } from '../../features/commands/components/device-commands-tab';
import { DeviceQuickActions } from '../../features/commands/components/device-quick-actions';
import { DeviceUpdatesTab } from '../../features/operations/components/device-updates-tab';
import { DeviceProfilesTab } from '../../features/profiles/components/device-profiles-tab';
import { DeviceTimelineTab } from '../../features/timeline/components/device-timeline-tab';
import { DeviceSessionsTab } from '../../features/sessions/components/device-sessions-tab';
import { DeviceTreeTab } from '../../features/device-tree/components/device-tree-tab';
import { DeviceHeader } from '../../features/devices/components/device-header';
import { RefusedContactsPanel } from '../../features/devices/components/refused-contacts-panel';

const TABS = [
  'tree',
  'commands',
  'timeline',
  'sessions',
  'updates',
  'campaigns',
  'profiles',
  'alerts',
] as const;
type DeviceTab = (typeof TABS)[number];

function isDeviceTab(value: string | null): value is DeviceTab {
  return TABS.some((t) => t === value);
}

/** One device: header, then Tree · Commands · Timeline · Sessions · Updates · Campaigns · Profiles · Alerts; the open tab is kept in the URL. */
export function DeviceRoute() {
  const devId = useParams().devId ?? '';
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: DeviceTab = isDeviceTab(requested) ? requested : 'tree';
  useDeviceWatch(devId);
  // An unknown DevID shows one clear error instead of three failing tabs.
  const isUnknown = useQuery(deviceQueryOptions(devId)).error?.status === 404;

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/devices" size="sm">
          Devices
        </Anchor>
        <Text size="sm" ff="monospace" c="dimmed">
          {devId}
        </Text>
      </Breadcrumbs>
      <PanelErrorBoundary resetKey={devId}>
        <DeviceHeader devId={devId} actions={<DeviceQuickActions devId={devId} />} />
      </PanelErrorBoundary>
      {!isUnknown && (
        <PanelErrorBoundary resetKey={`${devId}/refusals`}>
          <RefusedContactsPanel devId={devId} />
        </PanelErrorBoundary>
      )}
      {!isUnknown && (
        <Tabs
          value={tab}
          keepMounted={false}
          onChange={(value) => {
            if (isDeviceTab(value)) setSearchParams({ tab: value }, { replace: true });
          }}
        >
          <Tabs.List mb="md">
            <Tabs.Tab value="tree" leftSection={<ListTree size={16} aria-hidden />}>
              Tree
            </Tabs.Tab>
            <Tabs.Tab value="commands" leftSection={<Terminal size={16} aria-hidden />}>
              Commands
            </Tabs.Tab>
            <Tabs.Tab value="timeline" leftSection={<History size={16} aria-hidden />}>
              Timeline
            </Tabs.Tab>
            <Tabs.Tab value="sessions" leftSection={<MessagesSquare size={16} aria-hidden />}>
              Sessions
            </Tabs.Tab>
            <Tabs.Tab value="updates" leftSection={<PackageCheck size={16} aria-hidden />}>
              Updates
            </Tabs.Tab>
            <Tabs.Tab value="campaigns" leftSection={<Layers size={16} aria-hidden />}>
              Campaigns
            </Tabs.Tab>
            <Tabs.Tab value="profiles" leftSection={<ShieldCheck size={16} aria-hidden />}>
              Profiles
            </Tabs.Tab>
            <Tabs.Tab value="alerts" leftSection={<Bell size={16} aria-hidden />}>
              Alerts
            </Tabs.Tab>
          </Tabs.List>
          <PanelErrorBoundary resetKey={`${devId}/${tab}`}>
            <Tabs.Panel value="tree">
              <DeviceTreeTab devId={devId} />
            </Tabs.Panel>
            <Tabs.Panel value="commands">
              <DeviceCommandsTab devId={devId} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline">
              <DeviceTimelineTab devId={devId} />
            </Tabs.Panel>
            <Tabs.Panel value="sessions">
              <DeviceSessionsTab devId={devId} />
            </Tabs.Panel>
            <Tabs.Panel value="updates">
              <DeviceUpdatesTab devId={devId} />
            </Tabs.Panel>
            <Tabs.Panel value="campaigns">
              <DeviceCampaignsTab devId={devId} />
            </Tabs.Panel>
            <Tabs.Panel value="profiles">
              <DeviceProfilesTab devId={devId} />
            </Tabs.Panel>
            <Tabs.Panel value="alerts">
              <DeviceAlertsTab devId={devId} />
            </Tabs.Panel>
          </PanelErrorBoundary>
        </Tabs>
      )}
    </Stack>
  );
}
