import { Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { PREVIEW_VERDICTS, type CampaignPreview, type PreviewVerdict } from '@dmc/shared/api';
import { VERDICT_LABELS } from '../lib/campaign-labels';
import { DeviceLink } from './campaign-device-cells';

const COUNT = new Intl.NumberFormat();

const VERDICT_COLORS: Record<PreviewVerdict, string> = {
  run: 'teal',
  compliant: 'gray',
  incompatible: 'yellow',
  'would-fail': 'red',
  busy: 'orange',
};

export function countOf(preview: CampaignPreview, verdict: PreviewVerdict): number {
  switch (verdict) {
    case 'run':
      return preview.wouldRun;
    case 'compliant':
      return preview.alreadyCompliant;
    case 'incompatible':
      return preview.incompatible;
    case 'would-fail':
      return preview.wouldFail;
    case 'busy':
      return preview.busy;
  }
}

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid="preview-count" aria-label={`${label}: ${value}`}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={600} {...(color && value > 0 ? { c: color } : {})}>
        {COUNT.format(value)}
      </Text>
    </Paper>
  );
}

/** The impact preview: counts per verdict, reasons with their counts, and sample devices per verdict. */
export function CampaignPreviewView({ preview }: { preview: CampaignPreview }) {
  const verdicts = PREVIEW_VERDICTS.filter(
    (v) => countOf(preview, v) > 0 || preview.sample.some((s) => s.verdict === v),
  );
  return (
    <Stack gap="md" component="section" aria-label="Impact preview">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm">
        <Count label="Matched" value={preview.matched} />
        {PREVIEW_VERDICTS.map((v) => (
          <Count key={v} label={VERDICT_LABELS[v]} value={countOf(preview, v)} color={VERDICT_COLORS[v]} />
        ))}
      </SimpleGrid>
      {preview.reasons.length > 0 && (
        <Stack gap="xs">
          <Title order={4} fz="sm" fw={600}>
            Reasons
          </Title>
          <Table verticalSpacing={4} aria-label="Preview reasons">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Verdict</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th w={100}>Devices</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.reasons.map((r) => (
                <Table.Tr key={`${r.verdict}/${r.reason}`} data-testid="preview-reason">
                  <Table.Td>
                    <Text size="sm" c={VERDICT_COLORS[r.verdict]}>
                      {VERDICT_LABELS[r.verdict]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.reason}</Text>
                  </Table.Td>
                  <Table.Td>{COUNT.format(r.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      {verdicts.length > 0 && (
        <Stack gap="xs">
          <Title order={4} fz="sm" fw={600}>
            Sample devices
          </Title>
          {verdicts.map((v) => {
            const sample = preview.sample.filter((s) => s.verdict === v);
            if (sample.length === 0) return null;
            return (
              <Group key={v} gap="sm" align="baseline" data-testid={`preview-sample-${v}`}>
                <Text size="sm" w={180} c={VERDICT_COLORS[v]}>
                  {VERDICT_LABELS[v]}
                </Text>
                {sample.map((s) => (
                  <Group key={s.devId} gap={4} align="baseline">
                    <DeviceLink devId={s.devId} />
                    {s.reason && (
                      <Text size="xs" c="dimmed">
                        ({s.reason})
                      </Text>
                    )}
                  </Group>
                ))}
              </Group>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
