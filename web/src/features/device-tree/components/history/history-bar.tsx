import { useMemo } from 'react';
import { Button, Group, Paper, Slider, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { GitCompare, History } from 'lucide-react';
import { treeChangePointsQueryOptions } from '../../../../lib/queries/tree-history';
import { formatTime, fromLocalInput, justBefore, toLocalInput } from '../../lib/local-time';

type HistoryBarProps = {
  devId: string;
  /** The time the tree is shown as of; undefined: live. */
  asOf: string | undefined;
  onAsOf: (at: string | undefined) => void;
  onCompare: () => void;
};

/** The Tree tab's history controls: a date and time, a slider over the change times, Compare (ux). */
export function HistoryBar({ devId, asOf, onAsOf, onCompare }: HistoryBarProps) {
  const { data } = useQuery(treeChangePointsQueryOptions(devId));
  // Oldest first, so the slider runs left (past) to right (now).
  const points = useMemo(() => [...(data?.points ?? [])].reverse(), [data]);
  // The point shown, or the one the tree is shown just before.
  const index = asOf === undefined ? -1 : points.findIndex((p) => p.at === asOf || justBefore(p.at) === asOf);
  const point = index >= 0 ? points[index] : undefined;

  return (
    <Paper withBorder radius="md" p="xs" component="section" aria-label="Tree history">
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          type="datetime-local"
          label="View tree as of"
          step={1}
          value={asOf ? toLocalInput(asOf) : ''}
          onChange={(e) => {
            const at = fromLocalInput(e.currentTarget.value);
            if (at) onAsOf(at);
          }}
          w={230}
        />
        <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
          <Text size="sm" fw={500} id="history-slider-label">
            Change times ({points.length})
          </Text>
          {points.length > 0 ? (
            <Slider
              aria-labelledby="history-slider-label"
              thumbLabel="Change time"
              min={0}
              max={Math.max(0, points.length - 1)}
              step={1}
              value={index >= 0 ? index : points.length - 1}
              label={(i) => (points[i] ? formatTime(points[i].at) : '')}
              onChange={(i) => {
                const at = points[i]?.at;
                if (at) onAsOf(at);
              }}
            />
          ) : (
            <Text size="xs" c="dimmed">
              No recorded changes yet.
            </Text>
          )}
        </Stack>
        {point && (
          <Button variant="default" size="xs" onClick={() => onAsOf(justBefore(point.at))}>
            Just before this change
          </Button>
        )}
        {asOf && (
          <Button size="xs" leftSection={<History size={14} aria-hidden />} onClick={() => onAsOf(undefined)}>
            Back to live
          </Button>
        )}
        <Button
          variant="light"
          size="xs"
          leftSection={<GitCompare size={14} aria-hidden />}
          onClick={onCompare}
        >
          Compare…
        </Button>
      </Group>
    </Paper>
  );
}
