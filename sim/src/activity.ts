import type { DmAlert } from '@dmc/shared/protocol';

const EVENTS: readonly DmAlert[] = [
  { AlertType: 'urn:dmc:at:sim:1.0:BatteryLow', Mark: 'minor', DataType: 'int', Data: { Level: 14 } },
  {
    AlertType: 'urn:dmc:at:sim:1.0:TemperatureHigh',
    Mark: 'warning',
    DataType: 'int',
    Data: { Celsius: 71 },
  },
  { AlertType: 'urn:dmc:at:sim:1.0:StorageFull', Mark: 'critical', DataType: 'int', Data: { FreeKiB: 12 } },
];

/** Bearer types the simulated device moves between (SessionInfo CBT). */
export const BEARERS = ['1', '3', '6'] as const;

/** The next CBT value after `current`. */
export function nextBearer(current: string | undefined): string {
  const i = BEARERS.findIndex((b) => b === current);
  return BEARERS[(i + 1) % BEARERS.length] ?? '3';
}

/** An occasional device event (about one time in `oneIn`), or undefined. */
export function maybeEvent(random: () => number, oneIn = 8): DmAlert | undefined {
  if (random() * oneIn >= 1) return undefined;
  const event = EVENTS[Math.floor(random() * EVENTS.length)] ?? EVENTS[0];
  return event === undefined ? undefined : { ...event };
}
