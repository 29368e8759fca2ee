import { describe, expect, it } from 'vitest';
import { at, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

/** nc is 8 hex digits (RFC 7616 §3.4), so counts reach 2^32 - 1. */
const MAX_NC = 0xffffffff;

export function describeNonceRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: NonceRepository`, () => {
    const store = useFreshStore(open);

    it('claims a new nonce, then only higher counts', async () => {
      const { nonces } = store();
      expect(await nonces.claim('n1', 1, at(1000))).toBe(true);
      expect(await nonces.claim('n1', 1, at(1000))).toBe(false);
      expect(await nonces.claim('n1', 2, at(1000))).toBe(true);
      expect(await nonces.claim('n1', 5, at(1000))).toBe(true);
      expect(await nonces.claim('n1', 3, at(1000))).toBe(false);
      expect(await nonces.claim('n1', 5, at(1000))).toBe(false);
      expect(await nonces.claim('n1', MAX_NC, at(1000))).toBe(true);
      expect(await nonces.claim('n1', MAX_NC, at(1000))).toBe(false);
      expect(await nonces.claim('n2', 1, at(1000))).toBe(true);
    });

    it('of concurrent claims of the same nonce and count exactly one wins', async () => {
      const { nonces } = store();
      const claims = Array.from({ length: 10 }, () => nonces.claim('n1', 7, at(1000)));
      expect((await Promise.all(claims)).filter(Boolean)).toHaveLength(1);
      expect(await nonces.claim('n1', 8, at(1000))).toBe(true);
    });

    it('removeExpired deletes only nonces expired before now and counts them', async () => {
      const { nonces } = store();
      await nonces.claim('old', 1, at(100));
      await nonces.claim('edge', 1, at(200));
      await nonces.claim('fresh', 1, at(300));
      expect(await nonces.removeExpired(at(200))).toBe(1);
      expect(await nonces.removeExpired(at(200))).toBe(0);
      // A removed nonce starts over; a kept one still refuses a replay.
      expect(await nonces.claim('old', 1, at(1000))).toBe(true);
      expect(await nonces.claim('edge', 1, at(1000))).toBe(false);
    });

    it('a higher count extends the expiry', async () => {
      const { nonces } = store();
      await nonces.claim('n1', 1, at(100));
      expect(await nonces.claim('n1', 2, at(500))).toBe(true);
      expect(await nonces.removeExpired(at(300))).toBe(0);
      expect(await nonces.claim('n1', 2, at(500))).toBe(false);
      expect(await nonces.removeExpired(at(501))).toBe(1);
    });
  });
}
