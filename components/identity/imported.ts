import type { IdentitySummary } from '@/utils/keyservice/api';
import { formatDate } from '../ui/format';

/** What an import says: never "ready" for a certificate that has expired (the card and the popup agree). */
export function importedMessage(id: IdentitySummary): string {
  if (id.expired && id.notAfter !== undefined) {
    return `Imported ${id.address}, but its certificate expired on ${formatDate(id.notAfter)}: it cannot send or open messages until your HISP renews it. Import the renewed .p12 when you have it.`;
  }
  if (id.expiresSoon && id.notAfter !== undefined) {
    return `Imported ${id.address}. It is ready to send and receive; its certificate expires on ${formatDate(id.notAfter)}, so ask your HISP to renew it soon.`;
  }
  return `Imported ${id.address}. It is ready to send and receive.`;
}
