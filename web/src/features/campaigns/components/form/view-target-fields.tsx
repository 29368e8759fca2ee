import { Code, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { matchCountQueryOptions, savedViewsQueryOptions } from '../../../../lib/queries/views';

const COUNT = new Intl.NumberFormat();

type Props = { viewId: string; onChange: (viewId: string) => void; error?: string | undefined };

/**
 * A saved view as the campaign's target: its query (copied by the server when the campaign is made,
 * so later edits of the view do not change the campaign) and how many devices it matches now.
 */
export function ViewTargetFields({ viewId, onChange, error }: Props) {
  const views = useQuery(savedViewsQueryOptions());
  const view = views.data?.items.find((v) => v.id === viewId);
  const count = useQuery({ ...matchCountQueryOptions(view?.query ?? ''), enabled: view !== undefined });
  return (
    <Stack gap="xs">
      <Select
        label="View"
        placeholder={views.data?.items.length === 0 ? 'No saved views yet' : 'Choose a view'}
        data={(views.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
        value={view ? viewId : null}
        onChange={(value) => onChange(value ?? '')}
        searchable
        maw={480}
        error={error}
        nothingFoundMessage="No view has that name"
      />
      {view && (
        <Text size="sm" data-testid="view-target">
          Query: <Code>{view.query === '' ? '(every device)' : view.query}</Code>
          {' · '}
          <span data-testid="view-match-count">
            {count.data === undefined
              ? 'counting devices…'
              : `${COUNT.format(count.data)} ${count.data === 1 ? 'device matches' : 'devices match'} now`}
          </span>
        </Text>
      )}
    </Stack>
  );
}
