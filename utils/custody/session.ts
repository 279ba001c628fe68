/**
 * Unlocked private keys held in memory while the user works, and forgotten (zeroized) after an idle time.
 * Idle means no key was used: every use restarts the count. The clock is injected so tests need not wait.
 */
import { DirectSealError } from '../errors';
import { zeroize } from '../bytes';

export interface Clock {
  now(): number;
  setTimer(fire: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fire, ms) => setTimeout(fire, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export interface SessionOptions {
  idleMs: number;
  clock?: Clock;
  /** Told when the idle time ran out and keys were forgotten, e.g. to show "locked" in the UI. */
  onExpire?: () => void;
}

export class Session {
  readonly #keys = new Map<string, Uint8Array>();
  readonly #clock: Clock;
  readonly #onExpire: (() => void) | undefined;
  #idleMs: number;
  #lastUse = 0;
  #timer: unknown;

  constructor(options: SessionOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#onExpire = options.onExpire;
    this.#idleMs = checkedIdle(options.idleMs);
  }

  /** Takes ownership of `pkcs8`: the session zeroizes it when it forgets the key. */
  hold(id: string, pkcs8: Uint8Array): void {
    this.#expireIfIdle();
    const previous = this.#keys.get(id);
    if (previous && previous !== pkcs8) zeroize(previous);
    this.#keys.set(id, pkcs8);
    this.#touch();
  }

  /**
   * Takes back a key kept in `storage.session` by a service worker that MV3 stopped meanwhile, with the time
   * it was last used there: the idle time still counts from that use, not from this restart.
   */
  restore(id: string, bytes: Uint8Array, lastUse: number): void {
    this.#lastUse = Math.min(lastUse, this.#clock.now());
    this.#keys.set(id, bytes);
    this.#expireIfIdle();
    if (this.#keys.size > 0) this.#schedule(this.#lastUse + this.#idleMs - this.#clock.now());
  }

  /** When a key was last used (ms since the epoch): what the persisted session records. */
  get lastUse(): number {
    return this.#lastUse;
  }

  /** A copy of the held key without counting as a use (for keeping the session), or undefined. */
  peek(id: string): Uint8Array | undefined {
    this.#expireIfIdle();
    return this.#keys.get(id)?.slice();
  }

  has(id: string): boolean {
    this.#expireIfIdle();
    return this.#keys.has(id);
  }

  /**
   * Lends a copy of the key to `use` and zeroes the copy afterwards; the copy keeps an operation in flight
   * intact even if the session expires meanwhile.
   */
  async use<T>(id: string, use: (pkcs8: Uint8Array) => Promise<T> | T): Promise<T> {
    this.#expireIfIdle();
    const held = this.#keys.get(id);
    if (!held) throw new DirectSealError('KEY_LOCKED', 'the key is locked; unlock it with its passphrase');
    this.#touch();
    const lent = held.slice();
    try {
      return await use(lent);
    } finally {
      zeroize(lent);
    }
  }

  forget(id: string): void {
    const held = this.#keys.get(id);
    if (held) zeroize(held);
    this.#keys.delete(id);
    if (this.#keys.size === 0) this.#stopTimer();
  }

  forgetAll(): void {
    for (const held of this.#keys.values()) zeroize(held);
    this.#keys.clear();
    this.#stopTimer();
  }

  /** The user changed the idle time in settings; it counts from the last use. */
  setIdleTime(idleMs: number): void {
    this.#idleMs = checkedIdle(idleMs);
    if (this.#keys.size > 0) this.#schedule(this.#lastUse + this.#idleMs - this.#clock.now());
  }

  #touch(): void {
    this.#lastUse = this.#clock.now();
    this.#schedule(this.#idleMs);
  }

  #schedule(ms: number): void {
    this.#stopTimer();
    this.#timer = this.#clock.setTimer(() => this.#expire(), Math.max(0, ms));
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  /** Timers do not fire while an MV3 service worker is suspended, so every access checks the time too. */
  #expireIfIdle(): void {
    if (this.#keys.size > 0 && this.#clock.now() - this.#lastUse >= this.#idleMs) this.#expire();
  }

  #expire(): void {
    this.#timer = undefined;
    const hadKeys = this.#keys.size > 0;
    this.forgetAll();
    if (hadKeys) this.#onExpire?.();
  }
}

function checkedIdle(idleMs: number): number {
  if (!(idleMs > 0)) throw new RangeError(`idle time must be positive, got ${idleMs}`);
  return idleMs;
}
