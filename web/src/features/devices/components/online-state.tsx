import { StatusDot } from '../../../components/ui/status-dot';

export function OnlineState({ online }: { online: boolean }) {
  return online ? (
    <StatusDot color="var(--mantine-color-teal-6)" label="Online" />
  ) : (
    <StatusDot color="var(--mantine-color-gray-5)" label="Offline" />
  );
}
