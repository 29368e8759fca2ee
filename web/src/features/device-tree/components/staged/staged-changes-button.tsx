import { Badge, Button } from '@mantine/core';
import { ListChecks } from 'lucide-react';
import { useStagedChanges } from '../../stores/staged-changes-store';

export function StagedChangesButton({ devId, onClick }: { devId: string; onClick: () => void }) {
  const count = useStagedChanges(devId).length;
  return (
    <Button
      variant={count > 0 ? 'light' : 'default'}
      size="sm"
      leftSection={<ListChecks size={16} aria-hidden />}
      rightSection={
        count > 0 ? (
          <Badge size="sm" circle aria-hidden>
            {count}
          </Badge>
        ) : undefined
      }
      aria-label={`Staged changes (${count})`}
      onClick={onClick}
    >
      Staged changes
    </Button>
  );
}
