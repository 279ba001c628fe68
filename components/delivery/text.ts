/** The words for delivery states, the same in the popup, Options and the read frame. */
import type { DeliveryState } from '@/utils/keyservice/api';
import type { NotifiedState } from '@/utils/direct/sent-log';
import { t } from '../i18n/current';
import type { Tone } from '../ui/controls';

/** A delivery state in a word or two: "Sent", "Processed", "Delivered", "Failed", "Not confirmed". */
export const stateLabel = (state: DeliveryState): string => t(`delivery.state.${state}`);

export const STATE_TONE: Record<DeliveryState, Tone> = {
  sent: 'neutral',
  processed: 'ok',
  dispatched: 'ok',
  failed: 'error',
  'not-confirmed': 'warn',
};

/** What each state means, for a title and the Options legend. */
export const stateMeaning = (state: DeliveryState): string => t(`delivery.meaning.${state}`);

/** What a notification's read frame says: "{address} processed your message of {time}", "could not receive". */
export const notifiedSentence = (state: NotifiedState, address: string, time: string): string => t(`delivery.notified.${state}`, { address, time });
