import { AlertsPage } from '../../features/alerts/components/alerts-page';
import { useMe } from '../../features/auth/api/get-me';

/** The alert feed; support users read it but get no acknowledge controls (the API refuses them too). */
export function AlertsRoute() {
  const { data: user } = useMe();
  return <AlertsPage canAcknowledge={user !== undefined && user.role !== 'support'} />;
}
