/**
 * `vi.waitFor` with room for a busy machine: its default gives up after 1 s, and what these tests wait for can
 * follow a key derivation (PBKDF2 at 600,000 rounds) or an import against the real key service, which took
 * longer than that on a loaded 2-core CI machine. Still a wait for the state: one that never comes fails.
 */
import { vi } from 'vitest';

export function until<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 15_000, interval: 20 });
}
