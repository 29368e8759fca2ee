import { Grid, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Activity, Router, Wifi } from 'lucide-react';
import { ErrorState } from '../../../components/ui/error-state';
import { PageHeader } from '../../../components/ui/page-header';
import { fleetStatsQueryOptions } from '../../../lib/queries/stats';
import { CommandsCard } from './commands-card';
import { CriticalAlertsPanel } from './critical-alerts-panel';
import { FirmwareChart } from './firmware-chart';
import { KpiCard } from './kpi-card';
import { OpenAlertsCard } from './open-alerts-card';
import { RecentSessionsPanel } from './recent-sessions-panel';
import { Sparkline } from './sparkline';

const NUMBER = new Intl.NumberFormat();

// A heavy part: loaded after the page is usable (ux.md, Everywhere).
const AlertsByTypeChart = lazy(() => import('./alerts-by-type-chart'));

function DashboardSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading the dashboard">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} height={132} radius="md" />
        ))}
      </SimpleGrid>
      <Skeleton height={280} radius="md" />
    </Stack>
  );
}

/** The fleet at a glance; every number follows live events, nothing needs a refresh. */
export function DashboardPage() {
  const { data: stats, error, isPending } = useQuery(fleetStatsQueryOptions());

  const header = <PageHeader title="Dashboard" description="The fleet at a glance, live." />;
  if (isPending)
    return (
      <Stack gap={0}>
        {header}
        <DashboardSkeleton />
      </Stack>
    );
  if (error)
    return (
      <Stack gap={0}>
        {header}
        <ErrorState error={error} title="Could not load the fleet's numbers" />
      </Stack>
    );

  const perMinute = stats.sessionsPerMinute.map((b) => b.count);
  const lastMinute = perMinute.at(-1) ?? 0;
  const hourTotal = perMinute.reduce((sum, n) => sum + n, 0);
  const onlineShare = stats.devices > 0 ? Math.round((stats.onlineNow / stats.devices) * 100) : 0;

  return (
    <Stack gap={0}>
      {header}
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          <KpiCard
            title="Devices"
            icon={Router}
            value={NUMBER.format(stats.devices)}
            hint="registered"
            testId="kpi-devices"
          />
          <KpiCard
            title="Online now"
            icon={Wifi}
            value={NUMBER.format(stats.onlineNow)}
            hint={`${onlineShare}% of the fleet, last 5 min`}
            testId="kpi-online"
          />
          <KpiCard
            title="Sessions / min"
            icon={Activity}
            value={NUMBER.format(lastMinute)}
            hint={`${NUMBER.format(hourTotal)} in the last hour`}
            testId="kpi-sessions"
          >
            <Sparkline
              values={perMinute}
              label={`Sessions per minute over the last hour, ${lastMinute} in the last minute`}
            />
          </KpiCard>
          <OpenAlertsCard byMark={stats.openAlertsByMark} />
          <CommandsCard commands={stats.commandsByState} />
        </SimpleGrid>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <FirmwareChart stats={stats} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <CriticalAlertsPanel alerts={stats.criticalAlerts} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6, lg: 4 }}>
            <RecentSessionsPanel sessions={stats.recentSessions} />
          </Grid.Col>
        </Grid>
        <Suspense fallback={<Skeleton height={220} radius="md" />}>
          <AlertsByTypeChart />
        </Suspense>
      </Stack>
    </Stack>
  );
}
