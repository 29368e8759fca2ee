import { describe, expect, it } from 'vitest';
import type { AlertRecord, CommandRecord, NotificationRecord, SessionSummary } from '@dmc/shared/api';
import { mergeTimeline } from './merge-timeline';

const session: SessionSummary = {
  id: 's1',
  status: 'completed',
  startedAt: '2025-01-01T10:00:00.000Z',
  endedAt: '2025-01-01T10:00:02.000Z',
};
const command: CommandRecord = {
  id: 'c1',
  devId: 'd',
  command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//FwV'],
  state: 'ok',
  sc: 200,
  scMeaning: 'OK',
  result: null,
  deliveries: 1,
  reason: null,
  outcome: null,
  createdBy: 'admin',
  createdAt: '2025-01-01T09:00:00.000Z',
  updatedAt: '2025-01-01T10:00:01.000Z',
  expiresAt: null,
};
const alert = {
  id: 'a1',
  devId: 'd',
  sessionId: 's1',
  alertType: 'urn:x',
  sourceUri: null,
  targetUri: null,
  mark: 'critical',
  dataType: null,
  data: null,
  receivedAt: '2025-01-01T10:00:00.500Z',
} as AlertRecord;
const notification: NotificationRecord = {
  id: 'n1',
  devId: 'd',
  notificationId: 7,
  state: 'answered',
  reason: 'manual',
  attempts: 1,
  lastError: null,
  nextAttemptAt: null,
  deadline: '2025-01-01T10:15:00.000Z',
  createdAt: '2025-01-01T09:59:59.000Z',
  updatedAt: '2025-01-01T10:00:00.000Z',
  answeredAt: '2025-01-01T10:00:00.000Z',
  sessionId: 's1',
};

describe('mergeTimeline', () => {
  it('orders sessions, commands, alerts and wake-ups newest first', () => {
    const entries = mergeTimeline({
      sessions: [session],
      commands: [command],
      alerts: [alert],
      notifications: [notification],
    });
    expect(entries.map((e) => e.kind)).toEqual(['command', 'alert', 'session', 'notification']);
  });

  it('places a command at its last change, not when it was queued', () => {
    const queuedLongAgo = { ...command, id: 'c2', updatedAt: '2025-01-01T08:00:00.000Z' };
    const entries = mergeTimeline({
      sessions: [session],
      commands: [queuedLongAgo],
      alerts: [],
      notifications: [],
    });
    expect(entries.map((e) => e.id)).toEqual(['s:s1', 'c:c2']);
  });

  it('is empty when nothing happened', () => {
    expect(mergeTimeline({ sessions: [], commands: [], alerts: [], notifications: [] })).toEqual([]);
  });
});
