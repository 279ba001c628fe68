import type { IdentitySummary } from '@/utils/keyservice/api';
import { t } from '../i18n/current';
import { formatDate } from '../ui/format';

/** What an import says: never "ready" for a certificate that has expired (the card and the popup agree). */
export function importedMessage(id: IdentitySummary): string {
  if (id.expired && id.notAfter !== undefined) return t('identity.imported.expired', { address: id.address, date: formatDate(id.notAfter) });
  if (id.expiresSoon && id.notAfter !== undefined) return t('identity.imported.expiresSoon', { address: id.address, date: formatDate(id.notAfter) });
  return t('identity.imported', { address: id.address });
}
