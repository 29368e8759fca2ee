import { Stack } from '@mantine/core';
import { PageHeader } from '../../../components/ui/page-header';
import { useCanOperate } from '../../../hooks/use-can-operate';
import { PageTemplateForm } from './page-template-form';
import { PageTemplateTable } from './page-template-table';

/** Page templates: stored device pages a SHOW can open (consent, postpone, forms and information). */
export function PageTemplatesPage() {
  const canOperate = useCanOperate();
  return (
    <Stack gap="md">
      <PageHeader
        title="Pages"
        description="Reusable pages a device shows to its user: ask for consent, offer to postpone, collect a form."
      />
      {canOperate && <PageTemplateForm />}
      <PageTemplateTable canOperate={canOperate} />
    </Stack>
  );
}
