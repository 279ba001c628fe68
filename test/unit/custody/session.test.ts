import { describe, expect, it } from 'vitest';
import { Session, type Clock } from '../../../utils/custody/session';
import { isDirectSealError } from '../../../utils/errors';

/** A clock the test moves by hand; timers fire when `advance` passes their deadline. */
function manualClock(): Clock & { advance(ms: number): void; pending(): number } {
  let now = 1_000_000;
  let next = 1;
  const timers = new Map<number, { at: number; fire: () => void }>();
  return {
    now: () => now,
    setTimer(fire, ms) {
      const id = next++;
      timers.set(id, { at: now + ms, fire });
      return id;
    },
    clearTimer: (id) => void timers.delete(id as number),
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fire();
        }
      }
    },
    pending: () => timers.size,
  };
}

const MINUTE = 60_000;
const key = () => new Uint8Array([0x30, 0x82, 1, 2, 3, 4, 5, 6]);

describe('Session', () => {
  it('lends a held key as a copy that is zeroed after use', async () => {
    const session = new Session({ idleMs: 5 * MINUTE, clock: manualClock() });
    session.hold('id1', key());
    let lent: Uint8Array | undefined;
    const result = await session.use('id1', (k) => {
      lent = k;
      return Array.from(k);
    });
    expect(result).toEqual(Array.from(key()));
    expect(lent!.every((b) => b === 0)).toBe(true);
    expect(session.has('id1')).toBe(true);
  });

  it('forgets and zeroizes keys after the idle time', async () => {
    const clock = manualClock();
    let expired = 0;
    const session = new Session({ idleMs: 5 * MINUTE, clock, onExpire: () => expired++ });
    const held = key();
    session.hold('id1', held);
    clock.advance(5 * MINUTE - 1);
    expect(session.has('id1')).toBe(true);
    clock.advance(1);
    expect(session.has('id1')).toBe(false);
    expect(held.every((b) => b === 0)).toBe(true);
    expect(expired).toBe(1);
    await expect(session.use('id1', () => 0)).rejects.toSatisfy((e) => isDirectSealError(e, 'KEY_LOCKED'));
  });

  it('counts idle time from the last use', async () => {
    const clock = manualClock();
    const session = new Session({ idleMs: 5 * MINUTE, clock });
    session.hold('id1', key());
    clock.advance(4 * MINUTE);
    await session.use('id1', () => undefined);
    clock.advance(4 * MINUTE);
    expect(session.has('id1')).toBe(true);
    clock.advance(MINUTE);
    expect(session.has('id1')).toBe(false);
  });

  it('forgets on access when the timer never fired (suspended service worker)', async () => {
    const clock = manualClock();
    const timerless: Clock = { now: clock.now, setTimer: () => 0, clearTimer: () => undefined };
    const session = new Session({ idleMs: MINUTE, clock: timerless });
    const held = key();
    session.hold('id1', held);
    clock.advance(2 * MINUTE);
    await expect(session.use('id1', () => 0)).rejects.toSatisfy((e) => isDirectSealError(e, 'KEY_LOCKED'));
    expect(held.every((b) => b === 0)).toBe(true);
  });

  it('keeps an operation in flight intact when the session expires during it', async () => {
    const clock = manualClock();
    const session = new Session({ idleMs: MINUTE, clock });
    session.hold('id1', key());
    const seen = await session.use('id1', async (k) => {
      clock.advance(2 * MINUTE);
      await Promise.resolve();
      return Array.from(k);
    });
    expect(seen).toEqual(Array.from(key()));
    expect(session.has('id1')).toBe(false);
  });

  it('forget and forgetAll zeroize, and replacing a key zeroizes the old one', () => {
    const clock = manualClock();
    const session = new Session({ idleMs: MINUTE, clock });
    const a = key();
    const b = key();
    const c = key();
    session.hold('a', a);
    session.hold('b', b);
    session.forget('a');
    expect(a.every((x) => x === 0)).toBe(true);
    expect(session.has('b')).toBe(true);
    session.hold('b', c);
    expect(b.every((x) => x === 0)).toBe(true);
    session.forgetAll();
    expect(c.every((x) => x === 0)).toBe(true);
    expect(session.has('b')).toBe(false);
    expect(clock.pending()).toBe(0);
  });

  it('applies a changed idle time from the last use', () => {
    const clock = manualClock();
    const session = new Session({ idleMs: 10 * MINUTE, clock });
    session.hold('id1', key());
    clock.advance(3 * MINUTE);
    session.setIdleTime(2 * MINUTE);
    clock.advance(0);
    expect(session.has('id1')).toBe(false);
  });

  it('refuses a non-positive idle time', () => {
    expect(() => new Session({ idleMs: 0 })).toThrow(RangeError);
  });

  it('restores a kept key with its last use, so the idle time counts across a worker restart', async () => {
    const clock = manualClock();
    const session = new Session({ idleMs: 5 * MINUTE, clock });
    session.restore('vault', key(), clock.now() - 4 * MINUTE);
    expect(session.has('vault')).toBe(true);
    expect(session.peek('vault')).toEqual(key());
    // peek is not a use: one more minute and the idle time, counted from before the restart, is over.
    clock.advance(MINUTE);
    expect(session.has('vault')).toBe(false);
    const stale = new Session({ idleMs: 5 * MINUTE, clock });
    stale.restore('vault', key(), clock.now() - 6 * MINUTE);
    expect(stale.has('vault')).toBe(false);
    expect(stale.peek('vault')).toBeUndefined();
  });
});
