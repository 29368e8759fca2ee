import { Paper, Skeleton, Timeline } from '@mantine/core';
import { Bell, BellRing, Plug, Terminal } from 'lucide-react';
import { ErrorState } from '../../../components/ui/error-state';
import { useDeviceTimeline } from '../api/get-device-timeline';
import type { TimelineEntry } from '../lib/merge-timeline';
import { TimelineEntryView } from './timeline-entry';
import { EmptyState } from '../../../components/ui/empty-state';

const ICONS: Record<TimelineEntry['kind'], typeof Bell> = {
  session: Plug,
  command: Terminal,
  alert: Bell,
  notification: BellRing,
};

/** Sessions, commands, alerts and wake-ups of the device in one chronological list, live. */
export function DeviceTimelineTab({ devId }: { devId: string }) {
  const { data, error, isPending } = useDeviceTimeline(devId);
  if (isPending) return <Skeleton height={240} radius="md" />;
  if (error) return <ErrorState error={error} title="Could not load the timeline" />;
  if (data.length === 0) {
    return <EmptyState>Nothing has happened with this device yet.</EmptyState>;
  }
  return (
    <Paper withBorder radius="md" p="md">
      <Timeline bulletSize={24} lineWidth={2} aria-label="Timeline">
        {data.map((entry) => {
          const Icon = ICONS[entry.kind];
          return (
            <Timeline.Item
              key={entry.id}
              bullet={<Icon size={13} aria-hidden />}
              data-testid="timeline-entry"
              data-kind={entry.kind}
            >
              <TimelineEntryView entry={entry} />
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Paper>
  );
}
