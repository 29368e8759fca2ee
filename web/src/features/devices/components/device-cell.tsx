import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Device } from '@dmc/shared/api';
import { RelativeTime } from '../../../components/ui/relative-time';
import type { DeviceColumnKey } from '../lib/device-columns';
import { DeviceLabels } from './device-labels';
import { OnlineState } from './online-state';

function Dimmed({ value, mono }: { value: string | null; mono?: boolean }) {
  return value ? (
    <Text component="span" size="sm" {...(mono ? { ff: 'monospace' } : {})}>
      {value}
    </Text>
  ) : (
    <Text component="span" size="sm" c="dimmed">
      —
    </Text>
  );
}

/** The content of one cell of the fleet table. */
export function DeviceCell({ device, column }: { device: Device; column: DeviceColumnKey }) {
  const info = device.devInfo;
  switch (column) {
    case 'devId':
      return (
        <Anchor
          component={Link}
          to={`/devices/${encodeURIComponent(device.devId)}`}
          ff="monospace"
          size="sm"
          fw={500}
        >
          {device.devId}
        </Anchor>
      );
    case 'model':
      return <Dimmed value={info.Mod} />;
    case 'manufacturer':
      return <Dimmed value={info.Man} />;
    case 'firmware':
      return <Dimmed value={info.FwV} mono />;
    case 'software':
      return <Dimmed value={info.SwV} mono />;
    case 'hardware':
      return <Dimmed value={info.HwV} />;
    case 'devType':
      return <Dimmed value={info.DevType} />;
    case 'lang':
      return <Dimmed value={info.Lang} />;
    case 'online':
      return <OnlineState online={device.online} />;
    case 'lastSeen':
      return <RelativeTime iso={device.lastSeenAt} size="sm" />;
    case 'createdAt':
      return <RelativeTime iso={device.createdAt} size="sm" c="dimmed" />;
    case 'labels':
      return <DeviceLabels labels={device.labels} />;
  }
}
