/** The key service's own floor for a passphrase it will protect something with (the pages ask for more). */
import { DirectSealError } from '../errors';
import { MIN_PASSPHRASE_FLOOR } from './api';

/** Refuses a passphrase shorter than the floor; `what` names it in the refusal ("the backup passphrase"). */
export function checkPassphraseFloor(passphrase: string, what: string): void {
  if (passphrase.length < MIN_PASSPHRASE_FLOOR) throw new DirectSealError('BAD_PASSPHRASE', `${what} needs at least ${MIN_PASSPHRASE_FLOOR} characters`);
}
