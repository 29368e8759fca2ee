import { describe, expect, it } from 'vitest';
import type { DevicePageRow } from '../ports';
import { at, makeDevice, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function page(token: string, devId: string, overrides: Partial<DevicePageRow> = {}): DevicePageRow {
  return {
    token,
    devId,
    commandId: `cmd-${token}`,
    spec: { kind: 'consent', title: 'Update now?', text: 'A new firmware is ready.' },
    formSecret: `secret-${token}`,
    createdAt: at(0),
    expiresAt: at(60_000),
    answeredAt: null,
    answer: null,
    ...overrides,
  };
}

export function describeDevicePageRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: DevicePageRepository`, () => {
    const store = useFreshStore(open);

    it('creates and finds a page with every field', async () => {
      await store().devices.create(makeDevice('d1'));
      const answered = page('p1', 'd1', {
        spec: { kind: 'postpone', title: 'Reboot?', text: 'Soon.', postponeOptionsS: [900, 3600] },
        createdAt: at(5),
        expiresAt: at(90_000),
        answeredAt: at(10),
        answer: { postponeS: 3600 },
      });
      await store().devicePages.create(answered);
      await store().devicePages.create(page('p2', 'd1'));
      expect(await store().devicePages.find('p1')).toEqual(answered);
      expect(await store().devicePages.find('p2')).toEqual(page('p2', 'd1'));
      expect(await store().devicePages.find('nope')).toBeUndefined();
    });

    it('answer records the first answer only', async () => {
      await store().devices.create(makeDevice('d1'));
      const { devicePages } = store();
      await devicePages.create(page('p1', 'd1'));
      expect(await devicePages.answer('p1', { answer: 'accept' }, at(20))).toBe(true);
      expect(await devicePages.answer('p1', { answer: 'decline' }, at(30))).toBe(false);
      expect(await devicePages.find('p1')).toMatchObject({
        answer: { answer: 'accept' },
        answeredAt: at(20),
      });
      expect(await devicePages.answer('nope', { answer: 'accept' }, at(30))).toBe(false);
    });

    it('keeps form values with their types', async () => {
      await store().devices.create(makeDevice('d1'));
      const { devicePages } = store();
      await devicePages.create(page('p1', 'd1'));
      const values = { floor: 3, room: 'Lab <2>', indoor: false, ratio: 0.5 };
      expect(await devicePages.answer('p1', values, at(20))).toBe(true);
      expect((await devicePages.find('p1'))?.answer).toEqual(values);
    });

    it('of concurrent answers exactly one wins', async () => {
      await store().devices.create(makeDevice('d1'));
      const { devicePages } = store();
      await devicePages.create(page('p1', 'd1'));
      const answers = [{ answer: 'accept' as const }, { answer: 'decline' as const }, { postponeS: 900 }];
      const won = await Promise.all(answers.map((a, i) => devicePages.answer('p1', a, at(i))));
      expect(won.filter(Boolean)).toHaveLength(1);
      const stored = (await devicePages.find('p1'))?.answer;
      expect(stored).toEqual(answers[won.indexOf(true)]);
    });

    it('removing the device removes its pages', async () => {
      await store().devices.create(makeDevice('d1'));
      await store().devicePages.create(page('p1', 'd1'));
      expect(await store().devices.remove('d1')).toBe(true);
      expect(await store().devicePages.find('p1')).toBeUndefined();
    });
  });
}
