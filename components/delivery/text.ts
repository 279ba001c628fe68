/** The words for delivery states, the same in the popup, Options and the read frame. */
import type { DeliveryState } from '@/utils/keyservice/api';
import type { NotifiedState } from '@/utils/direct/sent-log';
import type { Tone } from '../ui/controls';

export const STATE_LABEL: Record<DeliveryState, string> = {
  sent: 'Sent',
  processed: 'Processed',
  dispatched: 'Delivered',
  failed: 'Failed',
  'not-confirmed': 'Not confirmed',
};

export const STATE_TONE: Record<DeliveryState, Tone> = {
  sent: 'neutral',
  processed: 'ok',
  dispatched: 'ok',
  failed: 'error',
  'not-confirmed': 'warn',
};

/** What each state means, for a title and the Options legend. */
export const STATE_MEANING: Record<DeliveryState, string> = {
  sent: 'Sealed and handed to your webmail; no delivery notification yet.',
  processed: "The recipient's Direct system opened and verified it.",
  dispatched: 'Delivered to the recipient (final delivery).',
  failed: 'The recipient\'s system could not deliver it: send it again or call them.',
  'not-confirmed': 'No delivery notification arrived in time: check the message was sent, or call the recipient.',
};

/** The verb a notification's read frame uses: "processed your message", "could not deliver your message". */
export const NOTIFIED_SENTENCE: Record<NotifiedState, string> = {
  sent: 'has not yet confirmed',
  processed: 'processed',
  dispatched: 'received',
  failed: 'could not receive',
};

/** The outer email of a delivery notification: like any sealed message's cover note, no health information. */
export const NOTIFICATION_COVER_SUBJECT = 'Delivery notification: processed';
export const NOTIFICATION_COVER_BODY = [
  'This email carries a Direct delivery notification (smime.p7m), signed and encrypted for you:',
  'it confirms that your secure message was received and opened.',
  '',
  'DirectSeal matches it to the message you sent when you open it.',
].join('\n');
