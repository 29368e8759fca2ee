import { Alert } from '@mantine/core';
import { WifiOff } from 'lucide-react';
import { useServerLost } from '../../hooks/use-server-lost';

/** Says plainly, above every screen, that the server is away and actions wait for it. */
export function ConnectionBanner() {
  const isLost = useServerLost();
  if (!isLost) return null;
  return (
    <Alert
      color="yellow"
      variant="filled"
      radius={0}
      icon={<WifiOff size={18} aria-hidden />}
      role="alert"
      data-testid="connection-banner"
      title="Connection to the server lost — reconnecting…"
      styles={{ root: { flexShrink: 0 } }}
    >
      Actions are disabled until it is back; what you see may be out of date.
    </Alert>
  );
}
