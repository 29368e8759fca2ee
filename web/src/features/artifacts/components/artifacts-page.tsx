import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/ui/page-header';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { ArtifactTable } from './artifact-table';
import { ArtifactUploadForm } from './artifact-upload-form';

/** Firmware and software packages devices download (protocol §8, "Artifacts"). */
export function ArtifactsPage() {
  const canOperate = useCanOperate();
  return (
    <Stack gap="md">
      <PageHeader
        title="Artifacts"
        description="Firmware and software packages. Devices download them by Range-capable URL."
      />
      {canOperate && <ArtifactUploadForm />}
      <ArtifactTable canOperate={canOperate} />
    </Stack>
  );
}
