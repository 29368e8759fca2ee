import { describe, expect, it } from 'vitest';
import type { NotificationRecord } from '@dmc/shared/api';
import { mergeNotification } from './notifications';

const sent: NotificationRecord = {
  id: 'n1',
  devId: 'd',
  notificationId: 1,
  state: 'sent',
  reason: 'manual',
  attempts: 1,
  lastError: null,
  nextAttemptAt: null,
  deadline: '2025-01-01T10:15:00.000Z',
  createdAt: '2025-01-01T10:00:00.000Z',
  updatedAt: '2025-01-01T10:00:00.100Z',
  answeredAt: null,
  sessionId: null,
};
const answered = { ...sent, state: 'answered' as const, updatedAt: '2025-01-01T10:00:00.300Z' };

describe('mergeNotification', () => {
  it('keeps the answered state when the older POST answer arrives after the live event', () => {
    const afterEvent = mergeNotification(undefined, answered);
    expect(mergeNotification(afterEvent, sent).items).toEqual([answered]);
  });

  it('replaces an older record and puts a new wake-up first', () => {
    expect(mergeNotification({ items: [sent] }, answered).items).toEqual([answered]);
    const next = { ...sent, id: 'n2' };
    expect(mergeNotification({ items: [answered] }, next).items.map((n) => n.id)).toEqual(['n2', 'n1']);
  });
});
