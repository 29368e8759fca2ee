import { Anchor, Group, Text } from '@mantine/core';
import { Bell } from 'lucide-react';
import { Link } from 'react-router';
import type { OpenAlertsByMark } from '@dmc/shared/api';
import { ALERT_MARKS } from '@dmc/shared/protocol';
import { AlertMarkBadge } from '../../../components/ui/alert-mark-badge';
import { KpiCard } from './kpi-card';

const NUMBER = new Intl.NumberFormat();

/** Open alerts in total, and per mark (most severe first), each linking to the filtered feed. */
export function OpenAlertsCard({ byMark }: { byMark: OpenAlertsByMark }) {
  const total = ALERT_MARKS.reduce((sum, mark) => sum + byMark[mark], 0);
  const present = ALERT_MARKS.filter((mark) => byMark[mark] > 0);
  return (
    <KpiCard title="Open alerts" icon={Bell} value={NUMBER.format(total)} testId="kpi-open-alerts">
      {present.length === 0 ? (
        <Text size="xs" c="dimmed">
          Nothing needs attention.
        </Text>
      ) : (
        <Group gap={6}>
          {present.map((mark) => (
            <Anchor
              key={mark}
              component={Link}
              to={`/alerts?mark=${mark}`}
              underline="never"
              aria-label={`${byMark[mark]} open ${mark} alerts`}
              data-testid={`open-alerts-${mark}`}
            >
              <Group gap={4} wrap="nowrap">
                <AlertMarkBadge mark={mark} />
                <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {NUMBER.format(byMark[mark])}
                </Text>
              </Group>
            </Anchor>
          ))}
        </Group>
      )}
    </KpiCard>
  );
}
