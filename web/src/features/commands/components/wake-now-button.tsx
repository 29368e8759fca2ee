import { notifications } from '@mantine/notifications';
import { BellRing } from 'lucide-react';
import { useNotifyDevice } from '../api/notify-device';
import { ActionButton } from '../../../components/ui/action-button';

/** Sends a P0 now (protocol §6); a device without a push URL gets a clear 409 message. */
export function WakeNowButton({ devId, size = 'xs' }: { devId: string; size?: 'xs' | 'sm' }) {
  const notify = useNotifyDevice(devId);
  return (
    <ActionButton
      size={size}
      variant="light"
      leftSection={<BellRing size={14} aria-hidden />}
      loading={notify.isPending}
      onClick={() =>
        notify.mutate(undefined, {
          onError: (error) =>
            notifications.show({ color: 'red', title: 'Could not wake the device', message: error.message }),
        })
      }
    >
      Wake now
    </ActionButton>
  );
}
