import { lazy, Suspense } from 'react';
import { Modal, Skeleton } from '@mantine/core';
import type { TreeInstance } from '@dmc/shared/api';
import { instanceLabel } from '../../lib/explorer-rows';

// Monaco is big: it loads only when the JSON view opens (ux: heavy parts load only when shown).
const InstanceJsonEditor = lazy(() =>
  import('./instance-json-editor').then((m) => ({ default: m.InstanceJsonEditor })),
);

type InstanceJsonModalProps = {
  devId: string;
  instance: TreeInstance | undefined;
  readOnly: boolean;
  onClose: () => void;
  onStaged: () => void;
};

export function InstanceJsonModal({ devId, instance, readOnly, onClose, onStaged }: InstanceJsonModalProps) {
  return (
    <Modal
      opened={instance !== undefined}
      onClose={onClose}
      size="xl"
      title={instance ? `JSON · ${instanceLabel(instance)}` : ''}
    >
      {instance && (
        <Suspense fallback={<Skeleton height={460} />}>
          <InstanceJsonEditor devId={devId} instance={instance} readOnly={readOnly} onStaged={onStaged} />
        </Suspense>
      )}
    </Modal>
  );
}
