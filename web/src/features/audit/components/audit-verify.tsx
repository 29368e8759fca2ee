import { Alert, Button, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../../components/ui/error-state';
import { auditVerifyQueryOptions } from '../../../lib/queries/audit';

/** "Verify chain": the server walks every entry and reports the first that does not match. */
export function AuditVerify() {
  const { data, error, fetchStatus, refetch } = useQuery(auditVerifyQueryOptions());
  const isChecking = fetchStatus === 'fetching';
  return (
    <Group align="flex-start" gap="sm">
      <Button variant="default" onClick={() => void refetch()} loading={isChecking}>
        Verify chain
      </Button>
      {error && <ErrorState error={error} title="Could not verify the chain" />}
      {data && !isChecking && (
        <Alert
          data-testid="audit-verify-result"
          color={data.ok ? 'green' : 'red'}
          title={data.ok ? 'Chain intact' : 'Chain broken'}
          py={6}
        >
          {data.ok
            ? `All ${data.checked} entries match their hashes.`
            : `Entry ${data.firstBadSeq ?? '?'} does not match: it or an entry before it was changed or removed in storage.`}
        </Alert>
      )}
    </Group>
  );
}
