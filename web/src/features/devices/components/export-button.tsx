import { Button } from '@mantine/core';
import { Download } from 'lucide-react';
import { exportDevicesUrl } from '../api/export-devices';
import type { DeviceListParams } from '../../../lib/queries/devices';

/** Downloads every device of the current query and search as CSV (streamed by the server). */
export function ExportButton({ params, disabled }: { params: DeviceListParams; disabled: boolean }) {
  return (
    <Button
      component="a"
      href={exportDevicesUrl(params)}
      download
      variant="default"
      leftSection={<Download size={16} aria-hidden />}
      {...(disabled ? { 'data-disabled': true } : {})}
      onClick={(e) => {
        if (disabled) e.preventDefault();
      }}
    >
      Export CSV
    </Button>
  );
}
